import { DEMO, type SeedCall } from '../../local/seed/call';
import { seedGroups } from '../../local/seed/groups';
import { seedPeople } from '../../local/seed/people';
import { startTestCloud, type TestCloud } from '../support/cloud';

const INVITE = 'seed-invite-code';
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  const call: SeedCall = (fn, action, input, openid) => cloud.ok(fn, action, input, openid);
  await seedPeople(call, INVITE);
  await seedGroups(call, cloud.clock.now());
}, 60_000);
afterAll(() => cloud.close());

test('the demo has the choir and the taiji team, with leaders, members and a waiting application each', async () => {
  const groups = await cloud.ok('groups', 'managed', {}, DEMO.worker);
  expect(groups.map((g) => [g.name, g.memberCount, g.pendingCount])).toEqual([
    ['福源红合唱团', 7, 1],
    ['福源太极健身队', 5, 1],
  ]);
  const taiji = await cloud.ok('groups', 'get', { groupId: groups[1].id }, DEMO.resident(1));
  expect(taiji.leaders.map((l) => l.role)).toEqual(['leader', 'deputy']);
  expect(taiji.schedule.cancelledDays).toHaveLength(1);
  expect((await cloud.ok('groups', 'managed', {}, DEMO.resident(2))).map((g) => g.name)).toEqual(['福源太极健身队']);
});

test('recent practices have roll calls, counted through the shared attendance', async () => {
  const [choir] = await cloud.ok('groups', 'managed', {}, DEMO.worker);
  const held = (await cloud.ok('groups', 'practices', { groupId: choir.id, weeksBack: 6, weeksAhead: 0 }, DEMO.resident(9))).filter((p) => p.presentCount > 0);
  expect(held).toHaveLength(4);
  expect(held.every((p) => p.presentCount >= 5 && p.presentCount <= 6)).toBe(true);
  const attendance = (cloud.emulator.dump().attendance ?? []) as { kind: string; indicatorId: string | null }[];
  expect(attendance.filter((a) => a.kind === 'groupPractice' && a.indicatorId === 'choir')).toHaveLength(held.reduce((n, p) => n + p.presentCount, 0));
});
