import { addDays } from '../../cloudfunctions/groups/rules';
import { PAPER_BACKLOG_DAYS } from '../../cloudfunctions/services/rules';
import type { TestCloud } from '../support/cloud';
import { replyRefusal as refusal } from '../support/refusal';
import { clearOfMidnight, dayIn, on, startStationCloud } from '../support/station';

/*
 * A record is dated when the thing happened: not after today (station time; a service later today
 * may be logged now), and not before what it belongs to was entered in the app, less the paper
 * backlog typed in then (PAPER_BACKLOG_DAYS). Through the functions, as a volunteer, a worker and a
 * 队长 would send it.
 */
const ADMIN = 'o_dates_admin';
const WORKER = 'o_dates_worker';
const TUTOR = 'o_dates_tutor';
const PARENT = 'o_dates_parent';
const LEADER = 'o_dates_leader';
const MEMBER = 'o_dates_member';

let cloud: TestCloud;
let tutoring: string;
let choir: string;
let memberId: string;

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [
    [WORKER, ['worker'], { name: '社工小周', phone: '13900003001' }],
    [TUTOR, ['volunteer'], { name: '志愿者小林', phone: '13900003002' }],
  ]);
  // The request and the group are entered on the day the tests count back from: not in the last minute before midnight.
  clearOfMidnight(cloud.clock);
  for (const [openid, name, phone] of [
    [PARENT, '家长', '13900003003'],
    [LEADER, '队长', '13900003004'],
    [MEMBER, '队员', '13900003005'],
  ]) {
    await cloud.ok('users', 'updateProfile', { name, phone }, openid);
  }
  tutoring = (
    await cloud.ok('services', 'request', { kind: 'tutoring', childName: '小明', grade: '三年级', subjects: ['数学'], preferredTimes: ['周六上午'] }, PARENT)
  ).id;
  await cloud.ok('services', 'match', { requestId: tutoring, volunteerId: TUTOR }, WORKER);
  const schedule = { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '00:00', durationMinutes: 60, extraDays: ['2001-01-03'] };
  choir = (await cloud.ok('groups', 'create', { name: '日期合唱团', description: '测试', serviceArea: '社区', place: '便民大厅', schedule }, WORKER)).id;
  for (const p of [LEADER, MEMBER]) await cloud.ok('groups', 'addMember', { groupId: choir, personId: p }, WORKER);
  await cloud.ok('groups', 'setRole', { groupId: choir, personId: LEADER, role: 'leader' }, WORKER);
  memberId = (await cloud.ok('groups', 'roster', { groupId: choir }, LEADER)).find((m) => m.name === '队员')!.personId;
});
afterAll(() => cloud.close());

const session = (at: string) => ({ kind: 'tutoring' as const, requestId: tutoring, at, minutes: 60, subject: '数学' as const });
const visit = (at: string) => ({ kind: 'homeVisit' as const, personId: PARENT, at, minutes: 40, support: ['情感陪伴' as const] });

test('a tutoring session dated 2000-01-01, or before the paper backlog of its request, is refused; one from the backlog is kept', async () => {
  const before = cloud.emulator.dump();
  expect(await refusal(cloud.call('services', 'recordService', session('2000-01-01T09:00:00+08:00'), TUTOR))).toBe('RECORD_TOO_EARLY');
  expect(await refusal(cloud.call('services', 'recordService', session(on(dayIn(-(PAPER_BACKLOG_DAYS + 1)), '09:00')), TUTOR))).toBe('RECORD_TOO_EARLY');
  expect(await refusal(cloud.call('services', 'recordService', session(on(dayIn(1), '09:00')), TUTOR))).toBe('NOT_YET');
  expect(cloud.emulator.dump().serviceRecords).toEqual(before.serviceRecords);
  expect(cloud.emulator.dump().attendance).toEqual(before.attendance);
  expect(await cloud.ok('services', 'recordService', session(on(dayIn(-30), '09:00')), TUTOR)).toMatchObject({ minutes: 60 });
});

test('a service given later today may be logged now', async () => {
  // About the rest of today: on the day's last minute, the test runs on the next day instead.
  clearOfMidnight(cloud.clock);
  expect(await cloud.ok('services', 'recordService', visit(on(dayIn(0), '23:59')), WORKER)).toMatchObject({ minutes: 40 });
});

test('a service dated 0001 or 1970 is a typing slip; one in 2000 is before the resident was entered', async () => {
  for (const at of ['0001-01-01T09:00:00+08:00', '1970-01-01T08:00:00+08:00']) {
    expect(await refusal(cloud.call('services', 'recordService', visit(at), WORKER))).toBe('INVALID_INPUT');
  }
  expect(await refusal(cloud.call('services', 'recordService', visit('2000-01-01T09:00:00+08:00'), WORKER))).toBe('RECORD_TOO_EARLY');
});

test('a 队长 cannot tick a practice on 2001-01-03, nor before the paper roll calls of the group; one from them counts', async () => {
  const before = cloud.emulator.dump().attendance;
  expect(await refusal(cloud.call('groups', 'tick', { groupId: choir, day: '2001-01-03', personId: memberId }, LEADER))).toBe('PRACTICE_TOO_EARLY');
  expect((await cloud.ok('groups', 'rollCall', { groupId: choir, day: '2001-01-03' }, LEADER)).practice.canTick).toBe(false);
  const tooEarly = dayIn(-(PAPER_BACKLOG_DAYS + 1));
  expect(await refusal(cloud.call('groups', 'tick', { groupId: choir, day: tooEarly, personId: memberId }, LEADER))).toBe('PRACTICE_TOO_EARLY');
  expect(cloud.emulator.dump().attendance).toEqual(before);
  const paper = addDays(dayIn(0), -20);
  expect((await cloud.ok('groups', 'rollCall', { groupId: choir, day: paper }, LEADER)).practice.canTick).toBe(true);
  expect(await cloud.ok('groups', 'tick', { groupId: choir, day: paper, personId: memberId }, LEADER)).toMatchObject({ changed: true });
});
