import type { AttendanceDoc } from '../../cloudfunctions/_shared/attendance';
import { localDay } from '../../cloudfunctions/_shared/time';
import { addDays } from '../../cloudfunctions/groups/rules';
import { fromNow } from '../activities/helpers';
import { buildStation, figures, ADMIN, LEADER, PHONES, SUBJECT, SUBJECT_TRACES, VOLUNTEER, WORKER, type Station } from './scenario';

/*
 * Erasure on the real functions and the emulator: the reports do not move, and afterwards the
 * database holds nothing that names her — not her openid, name, phone, family or notes.
 */
jest.setTimeout(120_000);

let station: Station;
let checkinCode: string;
beforeAll(async () => {
  // The crashes below are logged by the router (action and code only: test/privacy/logs.test.ts).
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  station = await buildStation();
  checkinCode = (await station.cloud.ok('users', 'me', {}, SUBJECT)).checkinCode;
});
afterAll(() => station.cloud.close());

const dumpText = () => JSON.stringify(station.cloud.emulator.dump());
const traces = () => [SUBJECT, station.offlineId, checkinCode, ...Object.values(SUBJECT_TRACES)];
const attendanceOf = (personId: string) => (station.cloud.emulator.dump().attendance as AttendanceDoc[]).filter((a) => a.personId === personId);
const marker = () =>
  (station.cloud.emulator.dump().users as { _id: string; erasure?: { pseudonyms: { id: string; pseudonym: string }[] } }[]).find((u) => u._id === SUBJECT)
    ?.erasure;

test('erasure is refused, in plain words, while a staff role or something still to come stands', async () => {
  const { cloud } = station;
  expect(await cloud.call('users', 'erasePerson', { personId: VOLUNTEER, confirm: true }, ADMIN)).toEqual({
    ok: false,
    error: { code: 'ERASE_HAS_ROLES', message: expect.stringContaining('取消TA的身份') },
  });
  // She holds a seat in the outing still to come.
  const before = dumpText();
  expect(await cloud.call('users', 'eraseMe', { confirm: true }, SUBJECT)).toEqual({
    ok: false,
    error: { code: 'ERASE_OPEN_ITEMS', message: expect.stringContaining('1 个还没举行的活动报名') },
  });
  expect(dumpText()).toBe(before);
  // Likewise a service request still being handled, until it is cancelled.
  await cloud.ok('users', 'updateProfile', { name: '申请中居民', phone: '13799990000' }, 'o_priv_open');
  const request = await cloud.ok('services', 'request', { kind: 'homeVisit', support: ['家务帮助'], preferredTimes: ['周末上午'], note: '' }, 'o_priv_open');
  expect(await cloud.call('users', 'eraseMe', { confirm: true }, 'o_priv_open')).toMatchObject({
    ok: false,
    error: { code: 'ERASE_OPEN_ITEMS', message: expect.stringContaining('1 条还在办理的服务') },
  });
  await cloud.ok('services', 'cancel', { requestId: request.id }, 'o_priv_open');
  expect(await cloud.ok('users', 'eraseMe', { confirm: true }, 'o_priv_open')).toEqual({ erased: true });
  // Only with the explicit confirmation the page sends after asking twice.
  expect(await cloud.call('users', 'eraseMe', {} as never, SUBJECT)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(await cloud.call('users', 'erasePerson', { personId: SUBJECT, confirm: true }, WORKER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a crash at any step is finished by running it again, with the same pseudonyms, and the figures do not change', async () => {
  const { cloud } = station;
  await cloud.ok('activities', 'cancel', { activityId: station.upcoming }, SUBJECT);
  // Both readings of the figures are taken at this instant: only the erasure lies between them.
  const at = cloud.clock.nowMs();
  const before = await figures(cloud, at);
  const herAttendance = attendanceOf(SUBJECT).length + attendanceOf(station.offlineId).length;
  expect(herAttendance).toBe(5); // the lecture (offline record), dumplings, choir, haircut, home visit

  // Each run dies at a later step: writing the marker, moving attendance, moving sign-ups, the last deletes.
  const crashes = [
    { action: 'database.modifyDocument', collection: 'users' },
    { action: 'database.removeDocument', collection: 'attendance' },
    { action: 'database.insertDocument', collection: 'signups' },
    { action: 'database.removeDocument', collection: 'users' },
  ];
  let pseudonyms: { id: string; pseudonym: string }[] | undefined;
  for (const [i, fault] of crashes.entries()) {
    cloud.emulator.faults.inject({ ...fault, fail: true, times: 1 });
    const reply = await cloud.call('users', 'erasePerson', { personId: station.offlineId, confirm: true }, ADMIN);
    cloud.emulator.faults.clear();
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('请稍后再试') } });
    if (i === 0) {
      expect(marker()).toBeUndefined(); // died before anything was written
      continue;
    }
    pseudonyms ??= marker()!.pseudonyms;
    expect(marker()!.pseudonyms).toEqual(pseudonyms);
    // Half-erased, she can read what is left but start nothing new that would block the retry.
    const halfway = dumpText();
    expect(await cloud.call('activities', 'signUp', { activityId: station.upcoming }, SUBJECT)).toMatchObject({ ok: false, error: { code: 'ERASING' } });
    expect(dumpText()).toBe(halfway);
    expect((await cloud.call('users', 'myData', {}, SUBJECT)).ok).toBe(true);
  }
  expect(pseudonyms!.map((p) => p.id).sort()).toEqual([SUBJECT, station.offlineId].sort());

  // Asked for by the offline record's id, it erases the whole person; then she is gone.
  expect(await cloud.ok('users', 'erasePerson', { personId: station.offlineId, confirm: true }, ADMIN)).toEqual({ erased: true });
  expect(await cloud.call('users', 'erasePerson', { personId: SUBJECT, confirm: true }, ADMIN)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  // Her attendance is all there, under the pseudonyms written by the first run that got that far.
  const moved = pseudonyms!.flatMap((p) => attendanceOf(p.pseudonym));
  expect(moved).toHaveLength(herAttendance);
  expect(pseudonyms!.every((p) => /^erased_[0-9a-f]{16}$/.test(p.pseudonym))).toBe(true);

  const after = await figures(cloud, at);
  expect(after.report).toEqual(before.report);
  // The one figure that moves is the choir's current roster: she is no longer a member.
  expect(after.dashboard).toEqual({
    ...before.dashboard,
    groups: before.dashboard.groups.map((g) => (g.groupId === station.choir ? { ...g, members: g.members - 1 } : g)),
  });
  expect(before.report.totals.visits).toBeGreaterThan(0);
});

test('afterwards the database holds no trace of her', () => {
  const text = dumpText();
  for (const trace of traces()) expect(text).not.toContain(trace);
  // No pseudonym links back to her: the marker went last.
  expect(text).not.toContain('"erasure"');
});

test('what other people did stays: the waitlist seat she freed, their sign-ups and the volunteer’s hours', async () => {
  const { cloud } = station;
  const hours = await cloud.ok('services', 'myHours', {}, VOLUNTEER);
  expect(hours.services).toBe(1);
  const roster = await cloud.ok('activities', 'roster', { activityId: station.past[1] }, WORKER);
  // Her line stays as a nameless line, so the sign-up sheet still adds up.
  expect(roster.map((r) => r.name).sort()).toEqual(['', '邻居王姐', '邻居陈叔']);
  expect(roster.find((r) => r.name === '')).toMatchObject({ phone: '', party: [], seats: 2 });
});

test('a former volunteer and a 队长 are erased too: what they did for others stays, without their names', async () => {
  const { cloud } = station;
  // One instant for both readings (the figures name today), and the range from its day.
  const at = cloud.clock.nowMs();
  const today = localDay(new Date(at));
  const range = { from: addDays(today, -60), to: today };
  const hoursBefore = await cloud.ok('services', 'volunteerHours', range, WORKER);
  const before = await figures(cloud, at);
  // The volunteer's role goes first; the 队长 is a resident whose leadership is a group membership.
  await cloud.ok('users', 'setRoles', { personId: VOLUNTEER, roles: [] }, ADMIN);
  for (const personId of [VOLUNTEER, LEADER]) await cloud.ok('users', 'erasePerson', { personId, confirm: true }, ADMIN);

  const hoursAfter = await cloud.ok('services', 'volunteerHours', range, WORKER);
  expect(hoursAfter.minutes).toBe(hoursBefore.minutes);
  expect(hoursAfter.volunteers.map((v) => v.name)).toEqual(['']);
  expect((await figures(cloud, at)).report).toEqual(before.report);
  const text = dumpText();
  for (const trace of [VOLUNTEER, LEADER, '志愿者小林', '队长老赵', PHONES[VOLUNTEER], PHONES[LEADER]]) expect(text).not.toContain(trace);
});

test('a resident erases herself; a second tap after a lost reply is harmless', async () => {
  const { cloud } = station;
  await cloud.ok('users', 'updateProfile', { name: '测试删除', phone: '13711112222' }, 'o_priv_self');
  await cloud.ok('groups', 'apply', { groupId: station.choir, why: '想试试' }, 'o_priv_self');
  expect(await cloud.ok('users', 'eraseMe', { confirm: true }, 'o_priv_self')).toEqual({ erased: true });
  expect(await cloud.ok('users', 'eraseMe', { confirm: true }, 'o_priv_self')).toEqual({ erased: true });
  const text = dumpText();
  expect(text).not.toContain('o_priv_self');
  expect(text).not.toContain('13711112222');
});

test('the nightly sweep finishes erasures nobody retried; meanwhile the half-erased cannot take a seat that would block it', async () => {
  const { cloud } = station;
  const halfErase = async (openid: string, phone: string) => {
    await cloud.ok('users', 'updateProfile', { name: '半途居民', phone }, openid);
    cloud.emulator.faults.inject({ action: 'database.removeDocument', collection: 'serviceRequests', fail: true, times: 1 });
    expect(await cloud.call('users', 'eraseMe', { confirm: true }, openid)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    cloud.emulator.faults.clear();
  };
  await halfErase('o_priv_half', '13733334444');
  await halfErase('o_priv_wait', '13755556666');
  // Meanwhile the second one tries to take a seat in an activity still to come: refused.
  const { id } = await cloud.ok(
    'activities',
    'create',
    { title: '邻居节', serviceArea: '社区', capacity: 5, startAt: fromNow(48), endAt: fromNow(50) },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
  expect(await cloud.call('activities', 'signUp', { activityId: id }, 'o_priv_wait')).toMatchObject({ ok: false, error: { code: 'ERASING' } });

  expect(await cloud.ok('users', 'sweepErasures', {}, null)).toEqual({ finished: 2, waiting: 0 });
  expect(dumpText()).not.toContain('13733334444');
  expect(dumpText()).not.toContain('13755556666');
  expect(await cloud.call('users', 'sweepErasures', {}, 'o_priv_half')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
