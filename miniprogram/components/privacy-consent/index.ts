import { STATION } from '../../config';

/**
 * WeChat's privacy authorization, asked before a form collects personal data. Wrap the form:
 *
 *   <privacy-consent what="报名">…the form…</privacy-consent>
 *
 * The form (the default slot) shows once WeChat holds the resident's consent to the station's
 * 用户隐私保护指引. Until then a sheet says in plain words what is collected and why, links to the
 * guide (wx.openPrivacyContract) and to the plain-words page, and asks with WeChat's own agree
 * button (open-type="agreePrivacyAuthorization"), which is what records the consent with WeChat.
 * Typed-in names and phones are invisible to WeChat's checks, so the form asks itself
 * (wx.getPrivacySetting); a privacy API called later (wx.onNeedPrivacyAuthorization) is answered
 * by the same sheet. A page that calls a privacy API must carry this component.
 * Declining keeps the form hidden and says how to get help instead (the station can sign them up).
 */

type Resolve = (answer: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/** The agree button's id (index.wxml), which WeChat checks was tapped before it takes `agree`. */
const AGREE_BUTTON = 'privacy-agree';

interface Gate {
  ask(resolve: Resolve): void;
}
/** The gate on the page in front, which answers WeChat's listener; and the request it is answering. */
let front: Gate | null = null;
let pending: Resolve | null = null;
let listening = false;

/** WeChat keeps one listener for the whole mini-program: registered once, it asks the gate in front. */
function listen() {
  if (listening || !wx.onNeedPrivacyAuthorization) return;
  listening = true;
  // The typings give the listener a result object; WeChat passes the resolve function (see the docs).
  wx.onNeedPrivacyAuthorization((arg) => {
    const resolve = arg as unknown as Resolve;
    if (front) front.ask(resolve);
    else resolve({ event: 'disagree' });
  });
}

Component({
  properties: {
    /** What the form is for, as the sentence "为了{{what}}" reads: 报名活动, 申请服务… */
    what: { type: String, value: '给您提供服务' },
  },
  data: {
    state: 'checking' as 'checking' | 'ask' | 'agreed' | 'declined',
    contractName: '《用户隐私保护指引》',
    stationPhone: STATION.phone,
  },
  lifetimes: {
    attached() {
      listen();
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the one sheet on screen, which WeChat's privacy callback must reach
      front = this;
      this.check();
    },
    detached() {
      if (front !== this) return;
      // Leaving the page is not consent: a privacy API still waiting is told no.
      if (pending) pending({ event: 'disagree' });
      pending = null;
      front = null;
    },
  },
  pageLifetimes: {
    show() {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- as in attached
      front = this;
    },
  },
  methods: {
    check() {
      // Base libraries before 2.32.3 have no privacy authorization to sync: the form shows as before.
      if (!wx.getPrivacySetting) return this.setData({ state: 'agreed' });
      wx.getPrivacySetting({
        success: (res) => this.setData({ state: res.needAuthorization ? 'ask' : 'agreed', contractName: res.privacyContractName || this.data.contractName }),
        fail: () => this.setData({ state: 'ask' }),
      });
    },
    ask(resolve: Resolve) {
      pending = resolve;
      resolve({ event: 'exposureAuthorization' });
      this.setData({ state: 'ask' });
    },
    onAgree() {
      if (pending) pending({ buttonId: AGREE_BUTTON, event: 'agree' });
      pending = null;
      this.setData({ state: 'agreed' });
      this.triggerEvent('agree');
    },
    onDisagree() {
      if (pending) pending({ event: 'disagree' });
      pending = null;
      this.setData({ state: 'declined' });
    },
    reconsider() {
      this.setData({ state: 'ask' });
    },
    openContract() {
      // The guide as filled in on the mini-program admin console; the plain-words page if it cannot open.
      const fallback = () => this.openPrivacyPage();
      if (wx.openPrivacyContract) wx.openPrivacyContract({ fail: fallback });
      else fallback();
    },
    openPrivacyPage() {
      wx.navigateTo({ url: '/pages/privacy/index' });
    },
    callStation() {
      // A cancelled call is not an error worth showing.
      wx.makePhoneCall({ phoneNumber: STATION.phone, fail: () => undefined });
    },
  },
});
