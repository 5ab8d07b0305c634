import jsQR from 'jsqr';
import { STATION } from '../../miniprogram/config';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';

/* The example page test: the real 我的 page, the real users function, the real emulator. */
const INVITE = 'page-test-invite';

/**
 * Decodes a drawn QR (rows of dark/light modules) as a phone's scanner would, with jsQR: an
 * independent decoder, so the test checks the QR itself. (qrcode-reader, tried first, misreads
 * about 3 in 100 valid codes; jsQR read 1000 of 1000.)
 */
function scan(modules: boolean[][]): string | undefined {
  const scale = 4;
  const side = (modules.length + 8) * scale; // with the four-module quiet zone
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      for (let i = 0; dark && i < scale * scale; i++) {
        const o = (((r + 4) * scale + Math.floor(i / scale)) * side + (c + 4) * scale + (i % scale)) * 4;
        data.fill(0, o, o + 3);
      }
    }),
  );
  return jsQR(data, side, side)?.data;
}
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await cloud.ok('users', 'claimAdmin', { code: INVITE }, 'demo-admin');
  await cloud.ok('users', 'updateProfile', { name: '王小芳', phone: '13900001111', building: '3号楼2单元' }, 'demo-resident-1');
});
afterAll(() => cloud.close());

test('a resident sees their name, their check-in code as a QR and in large letters, and the links', async () => {
  const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-1' });
  await page.waitFor(() => page.data.state === 'ready', 'profile loaded');

  const { checkinCode } = await cloud.ok('users', 'me', {}, 'demo-resident-1');
  expect(page.text('.profile__name')).toBe('王小芳');
  expect(page.text('.checkin__code').replace(/ /g, '')).toBe(checkinCode);
  // A scanner reads the resident's own code from the QR the page draws.
  const drawn = page.all('.qr__row').map((row) => Array.from(row.dom!.children, (cell) => cell.className.includes('qr__cell--dark')));
  expect(drawn.length).toBeGreaterThanOrEqual(21);
  expect(scan(drawn)).toBe(checkinCode);
  expect(page.calls).toEqual([{ name: 'users', data: { action: 'me' } }]);
  expect(page.exists('#privacy')).toBe(true);
  expect(page.exists('#workbench')).toBe(false);
  // 我的申请 says what it lists: services only (队伍 are on the 队伍 tab).
  expect(page.text()).toContain('我的申请申请的义剪、辅导和上门服务');
  expect(page.text()).not.toContain('队伍');
  // The admin invite code is for the project lead, once: it lives on 隐私说明, not here (privacy.test.ts).
  expect(page.exists('#admin-invite')).toBe(false);

  await page.tap('#my-activities');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/my-activities/index' }]);
  page.close();
});

test('a first-time resident is asked to fill in the profile', async () => {
  const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-2' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.profile__todo')).toContain('请填写姓名和电话');
  await page.tap('#edit-profile');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/profile/index' }]);
  page.close();
});

test('staff see the link to the workbench once an admin grants a role', async () => {
  await cloud.ok('users', 'me', {}, 'demo-worker');
  await cloud.ok('users', 'setRoles', { personId: 'demo-worker', roles: ['worker'] }, 'demo-admin');
  const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-worker' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.exists('#workbench')).toBe(true);
  await page.tap('#workbench');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/staff/pages/workbench/index' }]);
  page.close();
});

test('the large-text switch persists and enlarges the page at once', async () => {
  const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-1' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.data.rootFontSize).toBe('18px');

  await page.tap('#large-text');
  expect(page.storage.get('care.largeText')).toBe(true);
  expect(page.data.rootFontSize).toBe('23px');
  expect(page.toasts).toEqual([{ title: '已打开大字模式', icon: 'none' }]);
  page.close();

  // Another page opened later finds the switch on.
  const again = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-1', storage: { 'care.largeText': true } });
  expect(again.data.largeTextOn).toBe(true);
  expect(again.data.rootFontSize).toBe('23px');
  again.close();
});

test('a phone set to large text in WeChat gets larger text here, the switch untouched', async () => {
  const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-1', fontSizeSetting: 22 });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.data.rootFontSize).toBe('23px');
  expect(page.data.largeTextOn).toBe(false);
  page.close();
});

test('when the network fails, the page says so and retries on request', async () => {
  const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-1', network: 'offline' });
  await page.waitFor(() => page.data.state === 'error');
  expect(page.text()).toContain('网络不太好');
  await page.tap('#state-call');
  expect(page.phoneCalls).toEqual([STATION.phone]);

  page.network = 'ok';
  await page.tap('#state-retry');
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.profile__name')).toBe('王小芳');
  page.close();
});

test('the 我的全部资料 link leads to what is held and to erasing it', async () => {
  const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-1' });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#my-data');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/my-data/index' }]);
  page.close();
});
