import type { OutboxDoc } from '../../cloudfunctions/_shared/outbox';
import { fromNow, published } from '../activities/helpers';
import type { TestCloud } from '../support/cloud';
import { startStationCloud } from '../support/station';

/* 要打电话通知的: notices nobody could send, through the real activities and users functions. */
const ADMIN = 'o_act_admin';
const WORKER = 'o_act_worker';
const VOLUNTEER = 'o_ntc_volunteer';
const RESIDENT = 'o_ntc_resident';
let cloud: TestCloud;

beforeAll(async () => {
  // published() creates as o_act_worker: the same worker here.
  cloud = await startStationCloud(ADMIN, [
    [WORKER, ['worker']],
    [VOLUNTEER, ['volunteer']],
  ]);
  await cloud.ok('users', 'updateProfile', { name: '普通居民', phone: '13900007777' }, RESIDENT);
});
afterAll(() => cloud.close());

const outboxDocs = () => cloud.emulator.dump().outbox as (OutboxDoc & { phonedAt?: Date; phonedBy?: string })[];

/** An activity with these offline residents signed up by the worker, then called off. */
async function calledOff(title: string, names: string[]) {
  const activityId = await published(cloud, { title, place: '活动室', startAt: fromNow(48), endAt: fromNow(50) });
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const person = await cloud.ok('users', 'createOffline', { name, phone: `1390000${String(5000 + i)}` }, WORKER);
    await cloud.ok('activities', 'proxySignUp', { activityId, personId: person.id }, WORKER);
    ids.push(person.id);
  }
  await cloud.ok('activities', 'cancelActivity', { activityId }, WORKER);
  return { activityId, ids };
}

test('an offline resident of an activity called off is on the list with name and phone; once marked phoned, gone', async () => {
  const { ids } = await calledOff('重阳节茶话会', ['孙大爷']);
  const list = await cloud.ok('users', 'noticesToPhone', {}, WORKER);
  const mine = list.filter((n) => n.title === '重阳节茶话会');
  expect(mine).toEqual([
    expect.objectContaining({
      kindLabel: '活动取消的通知',
      title: '重阳节茶话会',
      place: '活动室',
      name: '孙大爷',
      phone: '13900005000',
      hasWeChat: false,
    }),
  ]);
  expect(mine[0].timeText).not.toBe('');
  // An admin sees the same list.
  expect((await cloud.ok('users', 'noticesToPhone', {}, ADMIN)).map((n) => n.id)).toContain(mine[0].id);

  const marked = await cloud.ok('users', 'markPhoned', { noticeId: mine[0].id }, WORKER);
  expect(marked.noticeId).toBe(mine[0].id);
  const stored = outboxDocs().find((o) => o._id === mine[0].id)!;
  expect(stored).toMatchObject({ personId: ids[0], phonedBy: WORKER });
  expect(stored.phonedAt).toBeInstanceOf(Date);
  expect((await cloud.ok('users', 'noticesToPhone', {}, WORKER)).map((n) => n.id)).not.toContain(mine[0].id);

  // A second mark (a double tap, a colleague) changes nothing: the first stands.
  const again = await cloud.ok('users', 'markPhoned', { noticeId: mine[0].id }, ADMIN);
  expect(again.phonedAt).toBe(marked.phonedAt);
  expect(outboxDocs().find((o) => o._id === mine[0].id)).toEqual(stored);
});

test('a notice sent on WeChat is not listed; one that failed to send is', async () => {
  const { activityId } = await calledOff('送达测试', ['周奶奶', '吴爷爷']);
  const [sent, failed] = outboxDocs().filter((o) => (o as { activityId?: string }).activityId === activityId);
  // As notify() records the outcome of a subscribe message (no template is set in tests), at the functions' now.
  const tcb = (await import('@cloudbase/node-sdk')).default;
  const outbox = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database().collection('outbox');
  await outbox.doc(sent._id).update({ sentAt: cloud.clock.now(), sendResult: 'ok' });
  await outbox.doc(failed._id).update({ sentAt: cloud.clock.now(), sendResult: '43101' });
  const ids = (await cloud.ok('users', 'noticesToPhone', {}, WORKER)).map((n) => n.id);
  expect(ids).not.toContain(sent._id);
  expect(ids).toContain(failed._id);
});

test('newest first', async () => {
  await calledOff('较早的活动', ['郑阿姨']);
  await calledOff('较晚的活动', ['冯叔叔']);
  const titles = (await cloud.ok('users', 'noticesToPhone', {}, WORKER)).map((n) => n.title);
  expect(titles.indexOf('较晚的活动')).toBeLessThan(titles.indexOf('较早的活动'));
});

test('a resident and a volunteer are refused both actions', async () => {
  const [notice] = outboxDocs();
  for (const who of [RESIDENT, VOLUNTEER]) {
    expect(await cloud.call('users', 'noticesToPhone', {}, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('users', 'markPhoned', { noticeId: notice._id }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
});

test('marking a notice that does not exist is refused', async () => {
  expect(await cloud.call('users', 'markPhoned', { noticeId: 'activityCancelled~nope~off_0' }, WORKER)).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
});

test('the list costs the same DB requests for 1 notice and for 5: the role lookup, the notices, the people', async () => {
  const requestsFor = async () => {
    cloud.emulator.resetCounts();
    const list = await cloud.ok('users', 'noticesToPhone', {}, WORKER);
    return [list.length, cloud.emulator.totalRequests()];
  };
  // Clear what earlier tests left.
  for (const n of await cloud.ok('users', 'noticesToPhone', {}, WORKER)) await cloud.ok('users', 'markPhoned', { noticeId: n.id }, WORKER);
  await calledOff('一人', ['甲']);
  expect(await requestsFor()).toEqual([1, 3]);
  await calledOff('四人', ['乙', '丙', '丁', '戊']);
  expect(await requestsFor()).toEqual([5, 3]);
});

test('a worker’s id on a notice they phoned does not outlive their erasure', async () => {
  const LEAVER = 'o_ntc_leaver';
  await cloud.ok('users', 'me', {}, LEAVER);
  await cloud.ok('users', 'setRoles', { personId: LEAVER, roles: ['worker'] }, ADMIN);
  await calledOff('离职前', ['褚阿婆']);
  const [notice] = (await cloud.ok('users', 'noticesToPhone', {}, LEAVER)).filter((n) => n.title === '离职前');
  await cloud.ok('users', 'markPhoned', { noticeId: notice.id }, LEAVER);
  await cloud.ok('users', 'setRoles', { personId: LEAVER, roles: [] }, ADMIN);
  await cloud.ok('users', 'erasePerson', { personId: LEAVER, confirm: true }, ADMIN);
  const stored = outboxDocs().find((o) => o._id === notice.id)!;
  expect(stored.phonedBy).toMatch(/^erased_/);
  expect(JSON.stringify(cloud.emulator.dump())).not.toContain(LEAVER);
});
