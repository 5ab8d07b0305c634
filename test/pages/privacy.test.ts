import { STATION } from '../../miniprogram/config';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';

const INVITE = 'page-test-invite';
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
});
afterAll(() => cloud.close());

test('the privacy page says what is collected, why, who sees it and how to see or erase it', async () => {
  let contractOpened = 0;
  Object.assign(wx, { openPrivacyContract: () => void contractOpened++ });
  const page = await openPage(cloud, 'pages/privacy/index', { openid: 'demo-resident-7' });
  const titles = page.all('.card__title').map((t) => t.dom!.textContent);
  expect(titles).toEqual(['我们收集什么', '为什么要这些', '谁能看到', '想改或想删除资料']);
  expect(page.text()).toContain('只有社工能看到');
  // In step with the rest: the tags are shown on request, deletion is self-service, phones are masked.
  expect(page.text()).toContain('在“我的 → 我的全部资料”里能看到');
  expect(page.text()).toContain('也能自己全部删除');
  expect(page.text()).toContain('138****1234');
  expect(page.text()).toContain(STATION.phone);
  // It reads nothing from the cloud: a static page that works offline.
  expect(page.calls).toEqual([]);

  await page.tap('#call-station');
  expect(page.phoneCalls).toEqual([STATION.phone]);
  await page.tap('#my-data');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/my-data/index' }]);
  await page.tap('#open-contract');
  expect(contractOpened).toBe(1);
  page.close();
});

test('the project lead claims admin with the invite code at the bottom of 隐私说明; a wrong code is refused in Chinese', async () => {
  // A fresh deployment (this file's cloud): nobody is admin yet.
  const page = await openPage(cloud, 'pages/privacy/index', { openid: 'demo-resident-3' });
  // Below everything a resident reads, under its own plain heading.
  expect(page.text('.setup')).toContain('社工站管理员首次设置');
  expect(page.text()).toMatch(/社工站管理员首次设置.*管理员邀请码 ›$/);
  expect(page.text('#admin-invite')).toBe('管理员邀请码 ›');

  page.modalText = 'not-the-code';
  await page.tap('#admin-invite');
  await page.waitFor(() => page.modals.length === 2, 'refusal shown');
  expect(page.modals).toEqual([
    { title: '管理员邀请码', content: undefined },
    { title: '没有设置成功', content: '邀请码不正确' },
  ]);

  page.modalText = INVITE;
  await page.tap('#admin-invite');
  await page.waitFor(() => page.toasts.length > 0, 'success shown');
  expect(page.toasts).toContainEqual({ title: '您已是管理员', icon: 'success' });
  expect(page.exists('#admin-invite')).toBe(false);
  expect(page.exists('.setup')).toBe(false);
  expect((await cloud.ok('users', 'me', {}, 'demo-resident-3')).roles).toEqual(['admin']);
  page.close();

  // Back on 我的 the new admin finds the workbench.
  const mine = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-3' });
  await mine.waitFor(() => mine.data.state === 'ready');
  expect(mine.exists('#workbench')).toBe(true);
  mine.close();
});

test('people who already have a staff role do not see the invite code', async () => {
  await cloud.ok('users', 'me', {}, 'demo-worker');
  await cloud.ok('users', 'setRoles', { personId: 'demo-worker', roles: ['worker'] }, 'demo-resident-3'); // the admin made above
  const page = await openPage(cloud, 'pages/privacy/index', { openid: 'demo-worker' });
  // 我的 read the profile before the person came here (users.me keeps it in globalData).
  const app = (globalThis as unknown as { getApp(): { globalData: { profile: unknown } } }).getApp();
  app.globalData.profile = await cloud.ok('users', 'me', {}, 'demo-worker');
  await page.show();
  expect(page.exists('#admin-invite')).toBe(false);
  expect(page.text()).not.toContain('管理员邀请码');
  // The rest of the page is as for anyone, still without asking the cloud.
  expect(page.all('.card__title')).toHaveLength(4);
  expect(page.calls).toEqual([]);
  page.close();
});
