import { fromNow } from '../activities/helpers';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { openPage, type PageHarness } from '../support/simulate';

/* 我的全部资料: the real page, the real users function, the real emulator. */
const INVITE = 'my-data-page-invite';
const ADMIN = 'md-admin';
const WORKER = 'md-worker';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await cloud.ok('users', 'claimAdmin', { code: INVITE }, ADMIN);
  await cloud.ok('users', 'me', {}, WORKER);
  await cloud.ok('users', 'setRoles', { personId: WORKER, roles: ['worker'] }, ADMIN);
});
afterAll(() => cloud.close());

/** Answers the page's next wx.showModal calls in turn (the harness answers one at a time). */
function answerModals(page: PageHarness, answers: boolean[]) {
  const queue = [...answers];
  Object.assign(wx, {
    showModal: (o: { title?: string; content?: string }) => {
      page.modals.push({ title: o.title, content: o.content });
      const confirm = queue.shift() ?? true;
      return Promise.resolve({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });
    },
  });
}

async function resident(openid: string) {
  await cloud.ok(
    'users',
    'updateProfile',
    { name: '周桂芳', phone: '13722223333', building: '7号楼3单元', household: [{ name: '周小满', relation: '外孙', birthYear: 2016 }] },
    openid,
  );
  await cloud.ok('users', 'setTags', { personId: openid, tags: ['空巢'] }, WORKER);
}

test('she reads everything held about her, the worker’s notes included', async () => {
  await resident('md-resident-1');
  const page = await openPage(cloud, 'pages/my-data/index', { openid: 'md-resident-1' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('#profile')).toContain('13722223333');
  expect(page.text('#profile')).toContain('周小满（外孙，2016年生）');
  expect(page.text('#tags')).toContain('空巢');
  expect(page.text('#sign-ups')).toContain('报名的活动（0）');
  expect(page.calls).toEqual([{ name: 'users', data: { action: 'myData' } }]);

  // The check-in code reads as on 我的, in groups of four, easier to read out to a worker.
  const { checkinCode } = await cloud.ok('users', 'me', {}, 'md-resident-1');
  const shown = page.text('.checkin-code');
  expect(shown).toBe(`签到码：${checkinCode.replace(/(.{4})(?=.)/g, '$1 ')}`);
  expect(shown).toContain(' ');
  page.close();
  const mine = await openPage(cloud, 'pages/mine/index', { openid: 'md-resident-1' });
  await mine.waitFor(() => mine.data.state === 'ready');
  expect(`签到码：${mine.text('.checkin__code')}`).toBe(shown);
  mine.close();
});

test('erasing asks twice; saying no at either step erases nothing', async () => {
  await resident('md-resident-2');
  const page = await openPage(cloud, 'pages/my-data/index', { openid: 'md-resident-2' });
  await page.waitFor(() => page.data.state === 'ready');

  answerModals(page, [false]);
  await page.tap('#erase');
  answerModals(page, [true, false]);
  await page.tap('#erase');
  expect(page.modals.map((m) => m.title)).toEqual(['删除我的全部资料', '删除我的全部资料', '真的要删除吗？']);
  expect(page.calls.map((c) => c.data.action)).toEqual(['myData']);
  expect((await cloud.ok('users', 'me', {}, 'md-resident-2')).name).toBe('周桂芳');
  page.close();
});

test('after the two confirmations she is erased and told so in plain words', async () => {
  await resident('md-resident-3');
  const page = await openPage(cloud, 'pages/my-data/index', { openid: 'md-resident-3' });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#erase');
  await page.waitFor(() => page.data.erased === true, 'erased');
  expect(page.modals[0].content).toContain('不能恢复');
  expect(page.modals[1]).toEqual({ title: '真的要删除吗？', content: expect.stringContaining('不能撤回') });
  expect(page.calls.at(-1)).toEqual({ name: 'users', data: { action: 'eraseMe', confirm: true } });
  expect(page.text()).toContain('您的资料已经删除');
  expect(JSON.stringify(cloud.emulator.dump())).not.toContain('md-resident-3');

  await page.tap('#go-home');
  expect(page.navigations).toEqual([{ method: 'switchTab', url: '/pages/home/index' }]);
  page.close();
});

test('with a seat still to come she is told what to cancel first, and nothing is erased', async () => {
  await resident('md-resident-4');
  const { id } = await cloud.ok(
    'activities',
    'create',
    { title: '重阳节茶话会', serviceArea: '老年人', capacity: 5, startAt: fromNow(48), endAt: fromNow(50) },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
  await cloud.ok('activities', 'signUp', { activityId: id }, 'md-resident-4');

  const page = await openPage(cloud, 'pages/my-data/index', { openid: 'md-resident-4' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('#sign-ups')).toContain('重阳节茶话会 · 已报名');
  await page.tap('#erase');
  await page.waitFor(() => page.modals.length === 3, 'the refusal');
  expect(page.modals[2]).toEqual({ title: '还没有删除', content: expect.stringContaining('请先在“我的活动”“我的申请”里取消') });
  expect(page.data.erased).toBe(false);
  expect((await cloud.ok('users', 'me', {}, 'md-resident-4')).name).toBe('周桂芳');
  page.close();
});

test('a cut-off erasure asks her to tap again, and the second tap finishes it', async () => {
  await resident('md-resident-5');
  const page = await openPage(cloud, 'pages/my-data/index', { openid: 'md-resident-5' });
  await page.waitFor(() => page.data.state === 'ready');
  page.network = 'lost-reply';
  await page.tap('#erase');
  await page.waitFor(() => page.modals.length === 3, 'the retry message');
  expect(page.modals[2].content).toContain('请再点一次');

  page.network = 'ok';
  await page.tap('#erase');
  await page.waitFor(() => page.data.erased === true, 'erased');
  page.close();
});
