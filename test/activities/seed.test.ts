import type { ActivityDoc } from '../../cloudfunctions/activities/rules';
import { seedActivities } from '../../local/seed/activities';
import { DEMO, type SeedCall } from '../../local/seed/call';
import { seedPeople } from '../../local/seed/people';
import { startTestCloud, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: 'seed-invite' });
});
afterAll(() => cloud.close());

test('the demo activities load through the real actions: notices, family sign-ups, a waitlist, a 代报名', async () => {
  const call: SeedCall = (fn, action, input, openid) => cloud.ok(fn, action, input, openid);
  await seedPeople(call, 'seed-invite');
  await seedActivities(call, cloud.clock.now());

  const upcoming = await cloud.ok('activities', 'list', {}, DEMO.resident(1));
  expect(upcoming.map((a) => a.title)).toHaveLength(5);
  const byTitle = new Map((cloud.emulator.dump().activities as ActivityDoc[]).map((a) => [a.title, a]));
  expect(byTitle.get('残疾人社区融合活动（筹备中）')?.status).toBe('draft');
  expect(byTitle.get('大手牵小手 亲子游')?.seatsTaken).toBe(4);
  const phones = byTitle.get('“智能，不落伍”智能机学习小组')!;
  expect(phones.sessions).toHaveLength(5);
  expect(await cloud.ok('activities', 'get', { activityId: phones._id }, DEMO.resident(19))).toMatchObject({
    seatsTaken: 4,
    waitlisted: 1,
    mine: { status: 'waitlisted' },
  });
  const dumplings = await cloud.ok('activities', 'roster', { activityId: byTitle.get('爱在冬至 包饺子送温暖')!._id }, DEMO.worker);
  expect(dumplings.map((e) => [e.name, e.seats, e.proxy])).toEqual([
    ['陈明', 3, false],
    ['田大爷', 1, true],
  ]);
});
