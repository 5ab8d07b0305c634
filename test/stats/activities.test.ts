import { EXTENSION } from '../../cloudfunctions/stats/rules';
import type { TestCloud } from '../support/cloud';
import { dayIn } from '../support/station';
import { clearOfMonthEnd, justEnded, LEAD, moveActivity, R, SECRETARY, statsCloud, WORKER } from './fixtures';

/**
 * The counting rules on attendance recorded by the real activities function: sign-ups, family
 * members, no-shows, a cancelled activity and a series, all checked in as a worker does at the door.
 */
let cloud: TestCloud;
const DAY = 24 * 3600 * 1000;
/** Noon, station time, `n` days from today (on the test clock): activities must lie ahead to be published. */
const noonIn = (n: number) => `${dayIn(n)}T12:00:00+08:00`;

async function activity(input: { title: string; indicatorId: string | null; capacity: number; maxParty?: number; days: number[] }) {
  const sessions = input.days.map((d) => noonIn(d)).map((noon) => ({ startAt: noon, endAt: noon.replace('T12', 'T14') }));
  const { id } = await cloud.ok(
    'activities',
    'create',
    {
      title: input.title,
      serviceArea: '家庭',
      targetGroup: '亲子家庭',
      capacity: input.capacity,
      maxParty: input.maxParty ?? 0,
      indicatorId: input.indicatorId,
      sessions,
    },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
  return id;
}

const signUp = (activityId: string, n: number, party: { name: string; relation: string }[] = []) =>
  cloud.ok('activities', 'signUp', { activityId, contact: { name: `居民${n}`, phone: `139000001${String(n).padStart(2, '0')}` }, party }, R(n));

const report = (from: string, to: string) => cloud.ok('stats', 'report', { from, to }, SECRETARY);

beforeAll(async () => {
  cloud = await statsCloud();
  await cloud.ok(
    'stats',
    'setPlan',
    {
      from: dayIn(-30),
      to: dayIn(300),
      indicators: [
        { id: 'family-outing', name: '亲子外出游活动', serviceArea: '家庭', plannedSessions: 2, plannedVisits: 30 },
        { id: 'home-visit', name: '老年人上门服务', serviceArea: '老年人', plannedSessions: 88, plannedVisits: 88 },
      ],
    },
    LEAD,
  );
});
afterAll(() => cloud.close());

test('the dashboard shows seats taken, capacity and the waitlist of what is coming; family members count; no-shows count nowhere', async () => {
  const outing = await activity({ title: '亲子游·植物园', indicatorId: 'family-outing', capacity: 4, maxParty: 2, days: [3] });
  await signUp(outing, 1, [
    { name: '小一', relation: '儿子' },
    { name: '一妈', relation: '妻子' },
  ]);
  await signUp(outing, 2);
  expect((await signUp(outing, 3)).status).toBe('waitlisted');

  const board = await cloud.ok('stats', 'dashboard', {}, SECRETARY);
  expect(board.upcoming).toEqual([expect.objectContaining({ id: outing, title: '亲子游·植物园', capacity: 4, seatsTaken: 4, waitlist: 1 })]);

  // At the door: resident 1 came with one of the two family members; resident 2 did not come.
  await cloud.ok('activities', 'checkIn', { activityId: outing, personId: R(1), headcount: 2 }, WORKER);
  const { rows, totals } = await report(dayIn(0), dayIn(10));
  expect(rows.find((r) => r.indicatorId === 'family-outing')).toMatchObject({ sessions: 1, visits: 2 });
  expect(totals).toMatchObject({ sessions: 1, visits: 2, people: 1 });
});

test('an activity called off before anyone came counts nowhere and leaves the dashboard', async () => {
  const [from, to] = [dayIn(0), dayIn(10)];
  const before = await report(from, to);
  const rained = await activity({ title: '亲子游·雨天取消', indicatorId: 'family-outing', capacity: 10, days: [4] });
  await signUp(rained, 4);
  await cloud.ok('activities', 'cancelActivity', { activityId: rained }, WORKER);
  expect(await report(from, to)).toEqual(before);
  expect((await cloud.ok('stats', 'dashboard', {}, SECRETARY)).upcoming.map((a) => a.id)).not.toContain(rained);
});

test('each session of a series held is one session; a session nobody came to is none; a range can cut the series', async () => {
  const series = await activity({ title: '亲子阅读小组', indicatorId: null, capacity: 10, days: [20, 27, 34] });
  await signUp(series, 5);
  await signUp(series, 6);
  const { sessions } = await cloud.ok('activities', 'get', { activityId: series }, WORKER);
  await cloud.ok('activities', 'checkIn', { activityId: series, personId: R(5), sessionId: sessions[0].id }, WORKER);
  await cloud.ok('activities', 'checkIn', { activityId: series, personId: R(6), sessionId: sessions[0].id }, WORKER);
  await cloud.ok('activities', 'checkIn', { activityId: series, personId: R(5), sessionId: sessions[2].id }, WORKER);

  const whole = await report(dayIn(15), dayIn(40));
  expect(whole.rows.filter((r) => r.extension)).toEqual([expect.objectContaining({ indicator: EXTENSION, title: '亲子阅读小组', sessions: 2, visits: 3 })]);
  expect(whole.totals.people).toBe(2);
  const firstWeeks = await report(dayIn(15), dayIn(30));
  expect(firstWeeks.rows.filter((r) => r.extension)).toEqual([expect.objectContaining({ title: '亲子阅读小组', sessions: 1, visits: 2 })]);
});

test('a service given through the services function is one session and one person-time; an open request shows on the dashboard', async () => {
  await cloud.ok('users', 'updateProfile', { name: '居民七', phone: '13900000107' }, R(7));
  await cloud.ok('services', 'setKindIndicator', { kind: 'homeVisit', indicatorId: 'home-visit' }, LEAD);
  await cloud.ok('services', 'request', { kind: 'homeVisit', support: ['情感陪伴'], preferredTimes: ['工作日上午'] }, R(7));
  expect((await cloud.ok('stats', 'dashboard', {}, SECRETARY)).openRequests).toEqual([{ kind: '一对一上门服务', count: 1 }]);

  // Yesterday and today, read once: the visit an hour ago falls in them even if midnight passes meanwhile.
  const [from, to] = [dayIn(-1), dayIn(0)];
  const before = (await report(from, to)).rows.find((r) => r.indicatorId === 'home-visit')!;
  const anHourAgo = new Date(cloud.clock.nowMs() - 3600_000).toISOString();
  await cloud.ok('services', 'recordService', { kind: 'homeVisit', personId: R(7), at: anHourAgo, minutes: 40, support: ['情感陪伴'] }, WORKER);
  const after = (await report(from, to)).rows.find((r) => r.indicatorId === 'home-visit')!;
  expect([after.sessions - before.sessions, after.visits - before.visits]).toEqual([1, 1]);
});

test('the dashboard keeps this month’s activities once held: 已报 and 到场 (family included), in the same number of DB requests', async () => {
  const MINUTE = 60_000;
  const oneOff = async (title: string, minutes: number) => {
    const start = new Date(cloud.clock.nowMs() + 2 * DAY);
    const { id } = await cloud.ok(
      'activities',
      'create',
      {
        title,
        serviceArea: '社区',
        capacity: 10,
        maxParty: 1,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + minutes * MINUTE).toISOString(),
      },
      WORKER,
    );
    await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
    return id;
  };
  const held = async () => (await cloud.ok('stats', 'dashboard', {}, SECRETARY)).held;
  const requests = async () => {
    cloud.emulator.resetCounts();
    await cloud.ok('stats', 'dashboard', {}, SECRETARY);
    return cloud.emulator.totalRequests();
  };

  // Ended just now, this month (a minute ago; in a month's first two minutes, halfway since the month
  // began): resident 20 came with the family member signed up, resident 21 did not come.
  // (In the month's last minute, that minute passes first: the board is read in the month the talk ended.)
  clearOfMonthEnd(cloud);
  const talk = await oneOff('健康讲座·已办', 1);
  await signUp(talk, 20, [{ name: '二十妈', relation: '母亲' }]);
  await signUp(talk, 21);
  const talkStart = new Date(justEnded(cloud.clock.now()).getTime() - MINUTE);
  await moveActivity(cloud, talk, talkStart);
  await cloud.ok('activities', 'checkIn', { activityId: talk, personId: R(20) }, WORKER);
  // Ended six weeks ago: an earlier month's, not this month's.
  const old = await oneOff('旧活动·上上月', 60);
  await moveActivity(cloud, old, new Date(cloud.clock.nowMs() - 6 * 7 * DAY));
  // Still running (started just after the talk, for two hours): upcoming, not yet held.
  const running = await oneOff('手工课·进行中', 120);
  await signUp(running, 22);
  await moveActivity(cloud, running, new Date(talkStart.getTime() + 1000));

  const board = await cloud.ok('stats', 'dashboard', {}, SECRETARY);
  expect(board.held).toEqual([{ id: talk, title: '健康讲座·已办', startAt: expect.any(String), sessions: 1, seatsTaken: 3, attended: 2 }]);
  expect(board.upcoming.map((a) => a.id)).toContain(running);
  expect(board.upcoming.map((a) => a.id)).not.toContain(talk);
  const one = await requests();

  // The worker closes the running one early: it counts as held now; more check-ins, no more requests.
  await cloud.ok('activities', 'checkIn', { activityId: running, personId: R(22) }, WORKER);
  await cloud.ok('activities', 'finish', { activityId: running }, WORKER);
  expect(await held()).toEqual([
    expect.objectContaining({ id: running, seatsTaken: 1, attended: 1 }),
    expect.objectContaining({ id: talk, seatsTaken: 3, attended: 2 }),
  ]);
  expect(await requests()).toBe(one);
});
