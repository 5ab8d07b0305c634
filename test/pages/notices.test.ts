import type { OutboxDoc } from '../../cloudfunctions/_shared/outbox';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { openPage } from '../support/simulate';
import { startStationCloud } from '../support/station';

/* 要打电话通知的 (staff/pages/notices): the notices nobody could send — real page, real functions, real emulator. */
const ADMIN = 'demo-admin';
const WORKER = 'demo-worker';
const RESIDENT = 'demo-resident-1';
const hoursFromNow = (h: number) => new Date(nowMs() + h * 3600_000).toISOString();
let cloud: TestCloud;

const outbox = () => cloud.emulator.dump().outbox as (OutboxDoc & { phonedBy?: string })[];

async function openAs(openid: string, state: 'ready' | 'empty' | 'error' = 'ready') {
  const page = await openPage(cloud, 'staff/pages/notices/index', { openid });
  await page.waitFor(() => page.data.state === state, `page ${state}`);
  return page;
}

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [[WORKER, ['worker'], { name: '李社工', phone: '13900009001' }]]);
});
afterAll(() => cloud.close());

test('with nothing to phone, the page says so', async () => {
  const page = await openAs(WORKER, 'empty');
  expect(page.text()).toContain('没有要打电话通知的居民');
  page.close();
});

test('a worker sees the offline resident of an activity called off, calls them and marks it 已通知', async () => {
  const { id: activityId } = await cloud.ok(
    'activities',
    'create',
    { title: '手工编织课', serviceArea: '社区', place: '二楼活动室', capacity: 10, startAt: hoursFromNow(48), endAt: hoursFromNow(50) },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId }, WORKER);
  const offline = await cloud.ok('users', 'createOffline', { name: '孙桂芝', phone: '13900002001' }, WORKER);
  await cloud.ok('activities', 'proxySignUp', { activityId, personId: offline.id }, WORKER);
  await cloud.ok('activities', 'cancelActivity', { activityId }, WORKER);

  const page = await openAs(WORKER);
  expect(page.all('.notice')).toHaveLength(1);
  const card = page.text('#notice-0');
  expect(card).toContain('孙桂芝');
  expect(card).toContain('没有微信');
  expect(card).toContain('活动取消的通知');
  expect(card).toContain('手工编织课');
  expect(card).toContain('地点：二楼活动室');
  expect(card).toContain('13900002001');

  await page.tap('#call-0');
  expect(page.phoneCalls).toEqual(['13900002001']);

  // Not yet: 还没有 leaves it on the list and stored as it was.
  page.modalAnswer = false;
  await page.tap('#done-0');
  await page.waitFor(() => page.modals.length === 1, 'asked');
  expect(page.modals[0].content).toContain('孙桂芝');
  expect(page.all('.notice')).toHaveLength(1);
  expect(outbox()[0].phonedBy).toBeUndefined();

  await page.tap('#done-0');
  await page.waitFor(() => page.data.state === 'empty', 'list emptied');
  expect(page.toasts).toContainEqual({ title: '已记下', icon: 'success' });
  expect(page.text()).toContain('没有要打电话通知的居民');
  expect(outbox()[0]).toMatchObject({ personId: offline.id, phonedBy: WORKER });
  expect(page.calls.map((c) => c.data.action)).toEqual(['noticesToPhone', 'markPhoned']);
  page.close();

  // Opened again (by the admin too), it stays off the list.
  const again = await openAs(ADMIN, 'empty');
  again.close();
});

test('a resident who lands here is refused by the function and told so', async () => {
  await cloud.ok('users', 'me', {}, RESIDENT);
  const page = await openAs(RESIDENT, 'error');
  expect(page.text()).toContain('您没有权限');
  expect(page.exists('.notice')).toBe(false);
  page.close();
});
