import { addDays } from '../../cloudfunctions/groups/rules';
import type { ActionInput } from '../../cloudfunctions/contracts';
import { EXTENSION, oneOffLine } from '../../cloudfunctions/stats/rules';
import type { TestCloud } from '../support/cloud';
import { dayIn, on } from '../support/station';
import { LEAD, R, SECRETARY, statsCloud, WORKER } from './fixtures';

/**
 * How each kind of work counts 活动次数 and 受益人次, through the real functions: services per
 * occasion or per service given, records of meetings and headcounts, a record removed; re-pointing
 * an activity, a group or a service kind to another indicator; who was served, by tag.
 * Everything happens today or in the next days on the test clock; a report reads a range around it.
 */
let cloud: TestCloud;
const TUTOR = 'o_tutor';
let keys = 0;
const requestKey = () => `countingkey${String(++keys).padStart(8, '0')}`;
/** Today and the next month: the range every report here reads, fixed in beforeAll. */
let from: string;
let to: string;

const report = () => cloud.ok('stats', 'report', { from, to }, SECRETARY);
const rowOf = async (key: string) => (await report()).rows.find((r) => r.indicatorId === key || (r.indicatorId === null && r.title === key));
const record = (input: ActionInput<'records', 'create'>) => cloud.ok('records', 'create', input, WORKER);

beforeAll(async () => {
  cloud = await statsCloud();
  from = addDays(dayIn(0), -1);
  to = addDays(from, 40);
  await cloud.ok(
    'stats',
    'setPlan',
    {
      from: addDays(from, -30),
      to: addDays(from, 300),
      indicators: [
        { id: 'home-visit', name: '老年人一对一上门服务', serviceArea: '老年人', plannedSessions: 12, plannedVisits: 12 },
        { id: 'community', name: '社区融合活动', serviceArea: '社区', plannedSessions: 4, plannedVisits: 80 },
        { id: 'supervision', name: '督导会议', plannedSessions: 20, plannedVisits: 0 },
      ],
    },
    LEAD,
  );
  for (let n = 1; n <= 8; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `1390000010${n}` }, R(n));
  await cloud.ok('users', 'updateProfile', { name: '大学生志愿者', phone: '13900000199' }, TUTOR);
  await cloud.ok('users', 'setRoles', { personId: TUTOR, roles: ['volunteer'] }, LEAD);
});
afterAll(() => cloud.close());

describe('services: per occasion or per service given, set per kind', () => {
  test('a haircut day is one 次 for everyone served that day; each home visit is one 次', async () => {
    // Yesterday (from) and today: a haircut day each, and home visits yesterday.
    const yesterday = from;
    const at = (day: string, hhmm: string) => on(day, hhmm);
    // Now: today whatever the hour, and given already.
    const earlierToday = new Date(cloud.clock.nowMs()).toISOString();
    for (const n of [1, 2, 3])
      await cloud.ok('services', 'recordService', { kind: 'haircut', personId: R(n), at: at(yesterday, '09:00'), minutes: 20 }, WORKER);
    await cloud.ok('services', 'recordService', { kind: 'haircut', personId: R(4), at: earlierToday, minutes: 20 }, WORKER);
    for (const n of [1, 2])
      await cloud.ok(
        'services',
        'recordService',
        { kind: 'homeVisit', personId: R(n), at: at(yesterday, '15:00'), minutes: 40, support: ['情感陪伴'] },
        WORKER,
      );
    await cloud.ok('services', 'recordService', { kind: 'homeHaircut', personId: R(5), at: at(yesterday, '10:00'), minutes: 30 }, WORKER);

    const { rows } = await report();
    const line = (title: string) => rows.find((r) => r.extension && r.title === title);
    expect(line('爱心义剪')).toMatchObject({ sessions: 2, visits: 4 });
    expect(line('一对一上门服务')).toMatchObject({ sessions: 2, visits: 2 });
    expect(line('上门义剪')).toMatchObject({ sessions: 1, visits: 1 });
  });

  test('a tutoring Saturday is one 次 for all the children tutored that day', async () => {
    const day = from;
    for (const [n, childName] of [
      [6, '小六'],
      [7, '小七'],
    ] as const) {
      const asked = await cloud.ok(
        'services',
        'request',
        { kind: 'tutoring', childName, grade: '三年级', subjects: ['数学'], preferredTimes: ['周六上午'] },
        R(n),
      );
      await cloud.ok('services', 'match', { requestId: asked.id, volunteerId: TUTOR }, WORKER);
      await cloud.ok('services', 'recordService', { kind: 'tutoring', requestId: asked.id, at: on(day, '09:00'), minutes: 90, subject: '数学' }, TUTOR);
    }
    expect(await rowOf('周末课业辅导')).toMatchObject({ indicator: EXTENSION, sessions: 1, visits: 2, documents: ['服务记录'] });
  });
});

describe('records', () => {
  test('a meeting counts 1 次 and no 受益人次; a headcount taken without names counts in 受益人次, in no count of people', async () => {
    const before = await report();
    await record({
      kind: 'meeting',
      requestKey: requestKey(),
      indicatorId: 'supervision',
      documents: ['会议记录'],
      occasions: [{ day: from }],
      meetingType: '督导会议',
      topic: '每周团队督导',
      staff: 3,
    });
    await record({
      kind: 'heldActivity',
      requestKey: requestKey(),
      indicatorId: 'community',
      documents: ['签到表', '活动新闻稿'],
      occasions: [{ day: from, attendees: [{ personId: R(1), headcount: 2 }], unnamed: 30 }],
      title: '邻里节',
      serviceArea: '社区',
    });
    const after = await report();
    expect(after.rows.find((r) => r.indicatorId === 'supervision')).toMatchObject({ sessions: 1, visits: 0, documents: ['会议记录'] });
    expect(after.rows.find((r) => r.indicatorId === 'community')).toMatchObject({ sessions: 1, visits: 32, documents: ['签到表', '活动新闻稿'] });
    // Resident 1 was counted already (a haircut): the 30 without names are no one's.
    expect(after.totals.people).toBe(before.totals.people);
    expect(after.totals.visits - before.totals.visits).toBe(32);
  });

  test('a record removed counts nowhere', async () => {
    const before = await report();
    const walk = await record({
      kind: 'communityWalk',
      requestKey: requestKey(),
      indicatorId: 'community',
      occasions: [{ day: from, unnamed: 12 }],
      route: '1-5号楼',
    });
    expect((await report()).totals.visits).toBe(before.totals.visits + 12);
    await cloud.ok('records', 'remove', { recordId: walk.id }, WORKER);
    expect(await report()).toEqual(before);
  });
});

describe('re-pointing to another indicator recounts the past', () => {
  test('an activity, a group and a service kind: what they held before counts under the indicator they name now', async () => {
    // A one-off activity held (checked in), counted as extension work, then re-pointed.
    const start = new Date(cloud.clock.nowMs() + 2 * 86_400_000);
    const { id: fair } = await cloud.ok(
      'activities',
      'create',
      { title: '社区集市', serviceArea: '社区', capacity: 10, startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString() },
      WORKER,
    );
    await cloud.ok('activities', 'publish', { activityId: fair }, WORKER);
    await cloud.ok('activities', 'signUp', { activityId: fair, contact: { name: '居民8' } }, R(8));
    await cloud.ok('activities', 'checkIn', { activityId: fair, personId: R(8) }, WORKER);
    expect(await rowOf(oneOffLine('社区'))).toMatchObject({ sessions: 1, visits: 1 });
    const community = (await rowOf('community'))!;
    await cloud.ok('activities', 'update', { activityId: fair, indicatorId: 'community' }, WORKER);
    expect(await rowOf(oneOffLine('社区'))).toBeUndefined();
    expect(await rowOf('community')).toMatchObject({ sessions: community.sessions + 1, visits: community.visits + 1 });

    // A group's practices, ticked today, then the group is pointed at the indicator.
    const groupFields = {
      name: '晨练队',
      description: '每天早上练习',
      serviceArea: '社区' as const,
      place: '小广场',
      schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '07:00', durationMinutes: 60 },
    };
    const group = await cloud.ok('groups', 'create', groupFields, WORKER);
    await cloud.ok('groups', 'addMember', { groupId: group.id, personId: R(3) }, WORKER);
    await cloud.ok('groups', 'tick', { groupId: group.id, day: from, personId: R(3) }, WORKER);
    expect(await rowOf('晨练队')).toMatchObject({ indicator: EXTENSION, sessions: 1, visits: 1, documents: ['成员信息', '活动签到表'] });
    await cloud.ok('groups', 'update', { groupId: group.id, ...groupFields, indicatorId: 'community' }, WORKER);
    expect(await rowOf('晨练队')).toBeUndefined();
    expect(await rowOf('community')).toMatchObject({ title: '社区融合活动（晨练队）', sessions: community.sessions + 2, visits: community.visits + 2 });

    // The home visits given above, then the kind is pointed at the home-visit indicator.
    expect(await rowOf('home-visit')).toMatchObject({ sessions: 0, visits: 0 });
    await cloud.ok('services', 'setKindIndicator', { kind: 'homeVisit', indicatorId: 'home-visit' }, LEAD);
    expect(await rowOf('home-visit')).toMatchObject({ sessions: 2, visits: 2 });
    expect(await rowOf('一对一上门服务')).toBeUndefined();
    // The monthly summary reads the same way (the visits' month has no targets: it is other work, under its indicator).
    const summary = await cloud.ok('stats', 'monthlySummary', { month: from.slice(0, 7) }, SECRETARY);
    expect(summary.otherWork).toContainEqual({ indicator: '老年人一对一上门服务', title: '一对一上门服务', sessions: 2, visits: 2 });
  });
});

describe('who was served', () => {
  test('residents and person-times by target group and by staff-only tag, for staff; counts only; not for the secretary', async () => {
    await cloud.ok('users', 'setTags', { personId: R(1), tags: ['老年人', '空巢'] }, WORKER);
    await cloud.ok('users', 'setTags', { personId: R(2), tags: ['老年人'] }, WORKER);
    await cloud.ok('users', 'setTags', { personId: R(6), tags: ['低保'] }, WORKER);
    const served = await cloud.ok('stats', 'served', { from, to }, WORKER);
    const { totals } = await report();
    expect(served.people).toBe(totals.people);
    // Resident 1: a haircut, a home visit, the 邻里节 with one family member (2); resident 2: a haircut and a home visit.
    expect(served.byTag).toEqual([
      { tag: '老年人', people: 2, visits: 6 },
      { tag: '低保', people: 1, visits: 1 },
      { tag: '空巢', people: 1, visits: 4 },
    ]);
    expect(served.byTargetGroup.reduce((n, g) => n + g.visits, 0)).toBe(totals.visits);
    expect(JSON.stringify(served)).not.toMatch(/o_r\d|居民/);
    expect(await cloud.call('stats', 'served', { from, to }, SECRETARY)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('stats', 'served', { from: to, to: from }, LEAD)).toMatchObject({ ok: false, error: { code: 'RANGE_INVALID' } });
  });
});
