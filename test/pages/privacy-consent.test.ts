import { startTestCloud, type TestCloud } from '../support/cloud';
import { openPage, type PageHarness } from '../support/simulate';

/*
 * WeChat's privacy authorization before a form collects personal data, on the 个人资料 page (the
 * activity, group and service forms carry the same component). simulate has no privacy APIs:
 * each test stands in for WeChat with the answers it would give.
 */
type Resolve = (answer: { event: string; buttonId?: string }) => void;

interface FakeWeChat {
  /** What wx.getPrivacySetting says: has the resident agreed to the guide yet? */
  needAuthorization: boolean;
  contractOpened: number;
  /** The listener the mini-program registered with wx.onNeedPrivacyAuthorization. */
  listener: ((resolve: Resolve) => void) | null;
}

function fakeWeChat(needAuthorization: boolean): FakeWeChat {
  const fake: FakeWeChat = { needAuthorization, contractOpened: 0, listener: null };
  Object.assign(wx, {
    getPrivacySetting: (o: { success(r: object): void }) =>
      o.success({ needAuthorization: fake.needAuthorization, privacyContractName: '《三社通小程序隐私保护指引》' }),
    onNeedPrivacyAuthorization: (listener: FakeWeChat['listener']) => void (fake.listener = listener),
    openPrivacyContract: () => void fake.contractOpened++,
  });
  return fake;
}

/** What WeChat does when the resident taps the agree button: records consent, then fires the event. */
async function tapAgree(page: PageHarness, fake: FakeWeChat) {
  fake.needAuthorization = false;
  const button = page.all('button').find((b) => b.dom?.textContent?.includes('同意，继续'));
  if (!button) throw new Error(`no agree button; the page reads: ${page.text()}`);
  button.dispatchEvent('agreeprivacyauthorization');
  await new Promise((r) => setTimeout(r, 0));
}

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const formShown = (page: PageHarness) => page.text().includes('我的资料');

test('before consent the form is hidden behind the privacy sheet; agreeing through WeChat’s button shows it', async () => {
  const fake = fakeWeChat(true);
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'consent-1' });
  await page.waitFor(() => page.data.state === 'ready');
  await page.waitFor(() => page.text().includes('先说说您的资料怎么用'), 'the privacy sheet');
  expect(formShown(page)).toBe(false);
  expect(page.text()).toContain('为了填写您的资料');
  expect(page.text()).toContain('《三社通小程序隐私保护指引》');

  await page.tap('#privacy-contract');
  expect(fake.contractOpened).toBe(1);
  await page.tap('#privacy-page');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/privacy/index' }]);
  // A plain tap is not consent: WeChat records it only through the agree button's own event.
  await page.tap('#privacy-agree');
  expect(formShown(page)).toBe(false);

  await tapAgree(page, fake);
  expect(formShown(page)).toBe(true);
  expect(page.text()).not.toContain('先说说您的资料怎么用');
  page.close();
});

test('declining keeps the form hidden, says what else to do, and can be reconsidered', async () => {
  const fake = fakeWeChat(true);
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'consent-2' });
  await page.waitFor(() => page.text().includes('先说说您的资料怎么用'), 'the privacy sheet');
  await page.tap('#privacy-disagree');
  expect(formShown(page)).toBe(false);
  expect(page.text()).toContain('我们不会记下您的资料');
  await page.tap('#privacy-call');
  expect(page.phoneCalls).toHaveLength(1);

  await page.tap('#privacy-reconsider');
  await tapAgree(page, fake);
  expect(formShown(page)).toBe(true);
  // Nothing was sent while she had not agreed: the page only read her profile.
  expect(page.calls.map((c) => c.data.action)).toEqual(['me']);
  page.close();
});

test('a resident who agreed before goes straight to the form', async () => {
  fakeWeChat(false);
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'consent-3' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(formShown(page)).toBe(true);
  expect(page.text()).not.toContain('先说说您的资料怎么用');
  page.close();
});

test('when WeChat asks (a privacy API was called), the same sheet answers, and only the agree button says yes', async () => {
  const fake = fakeWeChat(false);
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'consent-4' });
  await page.waitFor(() => formShown(page));
  const answers: { event: string; buttonId?: string }[] = [];
  fake.listener!((answer) => answers.push(answer));
  await page.waitFor(() => page.text().includes('先说说您的资料怎么用'), 'the privacy sheet');
  await tapAgree(page, fake);
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { buttonId: 'privacy-agree', event: 'agree' }]);

  fake.listener!((answer) => answers.push(answer));
  await page.waitFor(() => page.text().includes('先说说您的资料怎么用'), 'the privacy sheet again');
  await page.tap('#privacy-disagree');
  expect(answers.at(-1)).toEqual({ event: 'disagree' });
  page.close();
});
