import tcb from '@cloudbase/node-sdk';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { STATION } from '../../miniprogram/config';
import { openPage } from '../support/simulate';
import { startStationCloud } from '../support/station';

/* The resident's side of activities: 活动 (home), 活动详情, 我的活动 — real pages, real function, real emulator. */
const WORKER = 'demo-worker';
const res = (n: number) => `demo-resident-${n}`;
const hoursFromNow = (h: number) => new Date(nowMs() + h * 3600_000).toISOString();
let cloud: TestCloud;

async function publish(input: Partial<Parameters<typeof create>[0]> & { title: string }) {
  const { id } = await create({ serviceArea: '社区', place: '便民大厅', capacity: 10, startAt: hoursFromNow(50), endAt: hoursFromNow(52), ...input });
  await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
  return id;
}
const create = (input: Parameters<typeof cloud.ok<'activities', 'create'>>[2]) => cloud.ok('activities', 'create', input, WORKER);

let outing: string;
let lecture: string;
let small: string;

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [[WORKER, ['worker'], { name: '李社工', phone: '13900009001' }]]);
  await cloud.ok('users', 'updateProfile', { name: '刘芳', phone: '13900001005', household: [{ name: '刘小雨', relation: '女儿', birthYear: 2015 }] }, res(5));
  await cloud.ok('users', 'updateProfile', { name: '张桂兰', phone: '13900001001' }, res(1));
  await cloud.ok('users', 'updateProfile', { name: '李德顺', phone: '13900001002' }, res(2));
  outing = await publish({ title: '亲子游', serviceArea: '家庭', maxParty: 1, safetyAgreement: true, safetyTerms: '家长全程看护孩子。', capacity: 20 });
  lecture = await publish({ title: '社区大讲堂', serviceArea: '社区', capacity: 40 });
  small = await publish({ title: '智能机学习小组', serviceArea: '老年人', capacity: 1 });
});
afterAll(() => cloud.close());

test('the home tab lists upcoming activities with seats, filters by service area, and opens one', async () => {
  const page = await openPage(cloud, 'pages/home/index', { openid: res(1) });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.all('.activity__title').map((t) => t.dom!.textContent)).toEqual(['亲子游', '社区大讲堂', '智能机学习小组']);
  expect(page.text('#activity-1')).toContain('还剩 40 个名额');

  await page.tap('#area-3'); // 家庭
  await page.waitFor(() => page.data.state === 'ready' && page.data.area === '家庭');
  expect(page.all('.activity__title').map((t) => t.dom!.textContent)).toEqual(['亲子游']);
  expect(page.calls.at(-1)).toEqual({ name: 'activities', data: { action: 'list', serviceArea: '家庭' } });

  await page.tap('#area-2'); // 残障人士: nothing yet, and a way back to everything
  await page.waitFor(() => page.data.state === 'empty');
  await page.tap('#state-action');
  await page.waitFor(() => page.data.state === 'ready' && page.data.area === '全部');

  await page.tap('#activity-0');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: `/pages/activity/index?id=${outing}` }]);
  page.close();
});

test('in large text the service-area chips wrap onto more lines instead of running off the screen', async () => {
  const normal = await openPage(cloud, 'pages/home/index', { openid: res(1) });
  await normal.waitFor(() => normal.data.state === 'ready');
  expect(normal.exists('scroll-view')).toBe(true);
  expect(normal.exists('.areas--wrap')).toBe(false);
  normal.close();

  const page = await openPage(cloud, 'pages/home/index', { openid: res(1), storage: { 'care.largeText': true } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.exists('scroll-view')).toBe(false);
  expect(page.exists('.areas--wrap')).toBe(true);
  expect(page.text('.areas--wrap')).toBe('全部老年人残障人士家庭青少年社区');
  await page.tap('#area-5'); // 社区, the last: there to tap
  await page.waitFor(() => page.data.state === 'ready' && page.data.area === '社区');
  expect(page.all('.activity__title').map((t) => t.dom!.textContent)).toEqual(['社区大讲堂']);
  page.close();
});

test('a first-time resident signs up with just a name, sees the status, and cancels after confirming', async () => {
  const page = await openPage(cloud, 'pages/activity/index', { openid: res(9), query: { id: lecture } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.title')).toBe('社区大讲堂');
  expect(page.text('.seats')).toContain('还剩 40 个');

  await page.tap('#sign-up');
  expect(page.text('.form__error')).toBe('请填写您的姓名');
  expect(page.calls.filter((c) => c.data.action === 'signUp')).toEqual([]);

  await page.input('#contact-name', '吴玉梅');
  await page.tap('#sign-up');
  await page.waitFor(() => page.data.activity?.mine?.status === 'registered');
  expect(page.toasts).toContainEqual({ title: '报名成功', icon: 'success' });
  expect(page.text('.mine__status')).toBe('您已报名成功');
  expect(page.text('.seats')).toContain('还剩 39 个');
  expect((await cloud.ok('users', 'me', {}, res(9))).name).toBe('吴玉梅');

  page.modalAnswer = false;
  await page.tap('#cancel');
  expect(page.modals.at(-1)?.content).toContain('确定不参加“社区大讲堂”了吗');
  expect((await cloud.ok('activities', 'get', { activityId: lecture }, res(9))).mine?.status).toBe('registered');

  await page.tap('#cancel');
  await page.waitFor(() => page.data.activity?.mine?.status === 'cancelled');
  expect(page.toasts).toContainEqual({ title: '已取消报名', icon: 'success' });
  expect(page.exists('#sign-up')).toBe(true); // may sign up again before the deadline
  page.close();
});

test('a parent brings a child from the household, and must accept the safety agreement first', async () => {
  const page = await openPage(cloud, 'pages/activity/index', { openid: res(5), query: { id: outing } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.exists('#contact-name')).toBe(false);
  expect(page.text('.terms')).toBe('家长全程看护孩子。');

  await page.tap('#member-0');
  await page.tap('#sign-up');
  expect(page.text('.form__error')).toContain('安全协议');
  await page.tap('#agree');
  await page.tap('#sign-up');
  await page.waitFor(() => page.data.activity?.mine?.status === 'registered');
  expect(page.text('.mine')).toContain('本人、刘小雨（女儿）');
  expect(page.calls.find((c) => c.data.action === 'signUp')?.data).toEqual({
    action: 'signUp',
    activityId: outing,
    party: [{ name: '刘小雨', relation: '女儿' }],
    agreeSafety: true,
  });
  expect(page.data.activity.seatsTaken).toBe(2);
  page.close();
});

test('without family members saved, a family activity offers 去添加家人; back from 个人资料 they can be ticked', async () => {
  await cloud.ok('users', 'updateProfile', { name: '陈建华', phone: '13900001006' }, res(6));
  const page = await openPage(cloud, 'pages/activity/index', { openid: res(6), query: { id: outing } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.exists('#member-0')).toBe(false);
  expect(page.text('.signup')).toContain('还没有添加家人');

  await page.tap('#add-family');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/profile/index' }]);
  // On 个人资料 she adds her grandson, then comes back.
  await cloud.ok('users', 'updateProfile', { name: '陈建华', phone: '13900001006', household: [{ name: '陈小宝', relation: '孙子' }] }, res(6));
  await page.show();
  await page.waitFor(() => page.exists('#member-0'), 'the new family member to tick');
  expect(page.text('.signup')).toContain('陈小宝（孙子）');
  expect(page.exists('#add-family')).toBe(false);
  page.close();
});

test('an activity without family places does not offer to add family', async () => {
  const page = await openPage(cloud, 'pages/activity/index', { openid: res(6), query: { id: lecture } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.exists('#add-family')).toBe(false);
  page.close();
});

test('a full activity offers the waitlist, and says so', async () => {
  await cloud.ok('activities', 'signUp', { activityId: small }, res(1));
  const page = await openPage(cloud, 'pages/activity/index', { openid: res(2), query: { id: small } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.signup')).toContain('名额已满，排候补');
  await page.tap('#sign-up');
  await page.waitFor(() => page.data.activity?.mine?.status === 'waitlisted');
  expect(page.toasts).toContainEqual({ title: '已排上候补', icon: 'success' });
  expect(page.text('.mine')).toContain('按报名先后递补');
  page.close();
});

test('when the reply is lost, the page reads the status again instead of guessing', async () => {
  const page = await openPage(cloud, 'pages/activity/index', { openid: res(2), query: { id: lecture } });
  await page.waitFor(() => page.data.state === 'ready');
  page.network = 'lost-reply';
  await page.tap('#sign-up');
  page.network = 'ok';
  await page.waitFor(() => page.data.activity?.mine?.status === 'registered');
  expect(page.modals).toEqual([]); // it did go through: no false alarm
  page.close();

  // Offline: nothing reached the function, and the resident is told so.
  const offline = await openPage(cloud, 'pages/activity/index', { openid: res(1), query: { id: lecture } });
  await offline.waitFor(() => offline.data.state === 'ready');
  offline.network = 'offline';
  await offline.tap('#sign-up');
  await offline.waitFor(() => offline.modals.length > 0);
  expect(offline.modals[0]).toMatchObject({ title: '没有报上名', content: expect.stringContaining('网络') });
  expect(offline.data.state).toBe('ready'); // the notice stays on screen, ready for another try
  offline.network = 'ok';
  await offline.tap('#sign-up');
  await offline.waitFor(() => offline.data.activity?.mine?.status === 'registered');
  offline.close();
});

test('我的活动 lists my sign-ups with their status and my check-in code', async () => {
  const page = await openPage(cloud, 'pages/my-activities/index', { openid: res(2) });
  await page.waitFor(() => page.data.state === 'ready');
  const rows = page.all('.item').map((r) => r.dom!.textContent!.replace(/\s+/g, ' '));
  expect(rows).toHaveLength(2);
  expect(rows.find((r) => r.includes('社区大讲堂'))).toContain('已报名');
  expect(rows.find((r) => r.includes('智能机学习小组'))).toContain('候补中');
  const { checkinCode } = await cloud.ok('users', 'me', {}, res(2));
  expect(page.text('.checkin__code').replace(/ /g, '')).toBe(checkinCode);
  expect(page.all('.qr__row').length).toBeGreaterThanOrEqual(21);
  await page.tap('#my-0');
  expect(page.navigations[0]).toMatchObject({ method: 'navigateTo', url: expect.stringMatching(/^\/pages\/activity\/index\?id=/) });
  page.close();

  const empty = await openPage(cloud, 'pages/my-activities/index', { openid: res(7) });
  await empty.waitFor(() => empty.data.state === 'empty');
  await empty.tap('#state-action');
  expect(empty.navigations).toEqual([{ method: 'switchTab', url: '/pages/home/index' }]);
  empty.close();
});

test('a cancelled activity says so on its page, to those signed up too, with no check-in prompt', async () => {
  const id = await publish({ title: '端午包粽子', capacity: 10 });
  await cloud.ok('users', 'updateProfile', { name: '王秀英', phone: '13900001010' }, res(10));
  await cloud.ok('activities', 'signUp', { activityId: id }, res(10));
  await cloud.ok('activities', 'cancelActivity', { activityId: id }, WORKER);

  const page = await openPage(cloud, 'pages/activity/index', { openid: res(10), query: { id } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.exists('.mine')).toBe(false);
  expect(page.text('.closed')).toContain('这个活动已经取消了');
  expect(page.text('.closed')).toContain('不用前往');
  expect(page.exists('.closed--cancelled')).toBe(true);
  expect(page.text('state-view')).not.toContain('报名成功');
  expect(page.text('state-view')).not.toContain('签到码');
  page.close();
});

test('waiting on the list, the resident sees their place in line, and the waiting tag is not the success green', async () => {
  const id = await publish({ title: '书法体验课', capacity: 1 });
  for (const n of [11, 12, 13]) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `139000010${n}` }, res(n));
  await cloud.ok('activities', 'signUp', { activityId: id }, res(11));
  await cloud.ok('activities', 'signUp', { activityId: id }, res(12));
  await cloud.ok('activities', 'signUp', { activityId: id }, res(13));
  expect((await cloud.ok('activities', 'get', { activityId: id }, res(13))).mine?.waitlistPosition).toBe(2);
  expect((await cloud.ok('activities', 'get', { activityId: id }, res(11))).mine?.waitlistPosition).toBeNull();

  const page = await openPage(cloud, 'pages/activity/index', { openid: res(13), query: { id } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.mine__status')).toBe('您在候补名单上，排第 2 位');
  page.close();

  // res(12) withdraws: res(13) is next in line.
  await cloud.ok('activities', 'cancel', { activityId: id }, res(12));
  expect((await cloud.ok('activities', 'get', { activityId: id }, res(13))).mine?.waitlistPosition).toBe(1);

  const mine = await openPage(cloud, 'pages/my-activities/index', { openid: res(13) });
  await mine.waitFor(() => mine.data.state === 'ready');
  expect(mine.text('#my-0')).toContain('候补第 1 位');
  mine.close();

  const home = await openPage(cloud, 'pages/home/index', { openid: res(13) });
  await home.waitFor(() => home.data.state === 'ready');
  const card = home.data.cards.find((c: { title: string }) => c.title === '书法体验课');
  expect(card).toMatchObject({ myStatusText: '候补中', myStatusTheme: 'warning' });
  expect(home.exists('.activity__mine--success')).toBe(false);
  home.close();
  const withdrawn = await openPage(cloud, 'pages/home/index', { openid: res(12) });
  await withdrawn.waitFor(() => withdrawn.data.state === 'ready');
  expect(withdrawn.data.cards.find((c: { title: string }) => c.title === '书法体验课')).toMatchObject({ myStatusText: '已取消', myStatusTheme: 'default' });
  withdrawn.close();
});

test('after the deadline the detail gives the station phone number and a button that dials it', async () => {
  const id = await publish({ title: '健康讲座', capacity: 10, signUpDeadline: hoursFromNow(1) });
  await cloud.ok('users', 'updateProfile', { name: '赵大爷', phone: '13900001014' }, res(14));
  await cloud.ok('activities', 'signUp', { activityId: id }, res(14));
  cloud.clock.advance(2 * 3600_000); // the deadline passes

  const page = await openPage(cloud, 'pages/activity/index', { openid: res(14), query: { id } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.exists('#cancel')).toBe(false);
  expect(page.text('.mine')).toContain(`打电话告诉社工：${STATION.phone}`);
  await page.tap('#call-station');
  expect(page.phoneCalls).toEqual([STATION.phone]);
  page.close();
});

test('a party naming one family member twice is refused, and the page says why', async () => {
  const id = await publish({ title: '亲子运动会', maxParty: 3, capacity: 10 });
  expect(
    await cloud.call(
      'activities',
      'signUp',
      {
        activityId: id,
        party: [
          { name: '刘小雨', relation: '女儿' },
          { name: '刘小雨', relation: '女儿' },
        ],
      },
      res(5),
    ),
  ).toMatchObject({ ok: false, error: { code: 'DUPLICATE_MEMBER' } });
  expect((await cloud.ok('activities', 'get', { activityId: id }, res(5))).seatsTaken).toBe(0);

  // A household saved twice before the profile refused it: both boxes ticked, the sign-up is refused with the reason.
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database(); // test setup only: straight to the database
  await db
    .collection('users')
    .doc(res(5))
    .update({
      household: db.command.set([
        { name: '刘小雨', relation: '女儿' },
        { name: '刘小雨', relation: '女儿' },
      ]),
    });
  const page = await openPage(cloud, 'pages/activity/index', { openid: res(5), query: { id } });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#member-0');
  await page.tap('#member-1');
  await page.tap('#sign-up');
  await page.waitFor(() => page.modals.length > 0, 'the refusal');
  expect(page.modals[0].content).toContain('刘小雨（女儿）报了两次');
  // The page reads the activity again after a refused step: let it finish before the cloud closes.
  await page.settled();
  expect(page.data.activity.mine).toBeNull();
  page.close();
});
