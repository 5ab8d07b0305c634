import { pageLoad } from '../../behaviors/page-load';
import { isNetworkError } from '../../services/cloud';
import { cancelSignUp, getActivity, signUp, STATUS_TEXT, type ActivityDetail } from '../../services/activities';
import { STATION } from '../../config';
import { me } from '../../services/users';
import { careMode } from '../../utils/care';
import { tellFailure } from '../../utils/failure';
import { partyOf, partyText, signUpProblem, type SignUpForm } from './form';

const closedText = (a: ActivityDetail) => (a.status === 'cancelled' ? '这个活动已经取消了' : a.status === 'finished' ? '这个活动已经结束了' : '报名已经截止了');

/** Signed up and the activity then called off: the sign-up no longer stands, and nobody should come. */
const calledOff = (a: ActivityDetail) => a.status === 'cancelled' && a.mine !== null && a.mine.status !== 'cancelled';

const mineText = (mine: NonNullable<ActivityDetail['mine']>) =>
  mine.status === 'registered' ? '您已报名成功' : mine.waitlistPosition ? `您在候补名单上，排第 ${mine.waitlistPosition} 位` : '您在候补名单上';

const view = (a: ActivityDetail) => ({
  ...a,
  mineText: a.mine ? mineText(a.mine) : '',
  closedDetail: calledOff(a) ? '您的报名随活动取消了，不用前往。有疑问请打电话问社工。' : '',
  showMine: a.mine !== null && a.mine.status !== 'cancelled' && a.status !== 'cancelled',
  seatsText: `共 ${a.capacity} 个名额，已报 ${a.seatsTaken} 个，还剩 ${a.seatsLeft} 个`,
  closedText: closedText(a),
  statusText: a.mine ? STATUS_TEXT[a.mine.status] : '',
  partyText: a.mine ? partyText(a.mine.party) : '',
  canCancel: a.signUpOpen && a.mine !== null && a.mine.status !== 'cancelled',
  canSignUp: a.signUpOpen && (a.mine === null || a.mine.status === 'cancelled'),
  showClosed: a.status === 'cancelled' || (!a.signUpOpen && (a.mine === null || a.mine.status === 'cancelled')),
});

const emptyForm = (): SignUpForm => ({ askContact: false, name: '', phone: '', household: [], chosen: [], agreed: false });

/** 活动详情: the notice, seats left, signing up with family members, and cancelling before the deadline. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    id: '',
    activity: null as ReturnType<typeof view> | null,
    form: emptyForm(),
    formError: '',
    busy: false,
    stationPhone: STATION.phone,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
    },
    onShow() {
      return this.load();
    },
    load() {
      // Already showing the activity (a refresh after a failed step): a failure keeps it; the step's own message explains.
      return this.loadWith(
        async () => {
          const [activity, profile] = await Promise.all([getActivity(this.data.id), me()]);
          const form = this.data.form;
          wx.setNavigationBarTitle({ title: activity.title });
          return {
            activity: view(activity),
            form: {
              ...form,
              askContact: !profile.name,
              household: profile.household,
              chosen: profile.household.map((_, i) => form.chosen[i] ?? false),
            },
          };
        },
        { keepOnError: true },
      );
    },
    onContact(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'name' | 'phone' }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    onMember(e: WechatMiniprogram.CustomEvent<{ checked: boolean }, {}, { index: number }>) {
      this.setData({ [`form.chosen[${e.currentTarget.dataset.index}]`]: e.detail.checked, formError: '' });
    },
    /** 个人资料 adds family members; this page reloads on show, so they are there to tick on return. */
    addFamily() {
      wx.navigateTo({ url: '/pages/profile/index' });
    },
    /** After the deadline a change of plan goes through the worker: one tap dials the station. */
    callStation() {
      // A cancelled call is not an error worth showing.
      wx.makePhoneCall({ phoneNumber: STATION.phone, fail: () => undefined });
    },
    onAgree(e: WechatMiniprogram.CustomEvent<{ checked: boolean }>) {
      this.setData({ 'form.agreed': e.detail.checked, formError: '' });
    },
    async signUp() {
      const a = this.data.activity;
      if (!a || this.data.busy) return;
      const form = this.data.form;
      const problem = signUpProblem(a, form);
      if (problem) return this.setData({ formError: problem });
      this.setData({ busy: true });
      try {
        const mine = await signUp({
          activityId: a.id,
          party: partyOf(form),
          ...(form.askContact ? { contact: { name: form.name.trim(), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}) } } : {}),
          ...(a.safetyAgreement ? { agreeSafety: true } : {}),
        });
        wx.showToast({ title: mine.status === 'registered' ? '报名成功' : '已排上候补', icon: 'success' });
      } catch (err) {
        await this.afterFailure(err, '没有报上名');
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
    },
    async cancel() {
      const a = this.data.activity;
      if (!a || this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '取消报名',
        content: `确定不参加“${a.title}”了吗？取消后名额会让给候补的居民。`,
        confirmText: '确定取消',
        confirmColor: '#A8201A',
        cancelText: '不取消',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      try {
        await cancelSignUp(a.id);
        wx.showToast({ title: '已取消报名', icon: 'success' });
      } catch (err) {
        await this.afterFailure(err, '没有取消成功');
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
    },
    /**
     * After a network failure the request may have gone through: the status is read again and
     * the page shows what is true, instead of guessing. Other refusals are said as the function says them.
     */
    async afterFailure(err: unknown, title: string) {
      if (isNetworkError(err)) {
        const before = this.data.activity?.mine?.status ?? null;
        await this.load();
        const after = this.data.activity?.mine?.status ?? null;
        if (after !== before) return;
      }
      await tellFailure(title, err);
    },
  },
});
