import { localDay } from '../../cloudfunctions/_shared/time';
import { DEMO, type SeedCall } from '../../local/seed/call';
import { seedPeople } from '../../local/seed/people';
import { seedRecords } from '../../local/seed/records';
import { seedStats } from '../../local/seed/stats';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { recordAttendance, tally } from './helpers';
import { RECORD_KINDS } from '../../cloudfunctions/records/kinds';

const INVITE = 'seed-invite-code';
let cloud: TestCloud;
/** The instant the demo was seeded at: its records are dated back from it. */
let seededAt: Date;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  const call: SeedCall = (fn, action, input, openid) => cloud.ok(fn, action, input, openid);
  await seedPeople(call, INVITE);
  seededAt = cloud.clock.now();
  await seedStats(call, seededAt);
  await seedRecords(call, seededAt);
}, 60_000);
afterAll(() => cloud.close());

test('the demo records go in through records.create, dated back from now inside the plan, one of each kind', async () => {
  const to = localDay(seededAt);
  const from = localDay(new Date(seededAt.getTime() - 60 * 86_400_000));
  const { records, more } = await cloud.ok('records', 'list', { from, to }, DEMO.admin);
  expect(more).toBe(false);
  // Every kind there is (records.test.ts holds the reviewed list of them).
  expect(new Set(records.map((r) => r.kind))).toEqual(new Set(RECORD_KINDS));
  expect(records.every((r) => r.firstDay < to && r.backEntered && r.enteredByName === '李社工')).toBe(true);
  expect(records.filter((r) => r.title === '督导会议').map((r) => [r.sessions, r.visits])).toEqual([
    [1, 0],
    [1, 0],
    [1, 0],
    [1, 0],
  ]);
  expect(records.find((r) => r.kind === 'groupIncubated')).toMatchObject({ title: '孵化社区社会组织（福源太极健身队）', outputText: '1 个' });
  // The series back-entered from its sign-in sheets: three sessions, 8 人次.
  expect(records.find((r) => r.title.startsWith('残疾人'))).toMatchObject({ occasionCount: 3, sessions: 3, visits: 8 });
  // Three hall activities on five days: fifteen occasions.
  expect(tally(records.filter((r) => r.kind === 'hallVisit').flatMap((r) => recordAttendance(cloud, r.id))).sessions).toBe(15);
});
