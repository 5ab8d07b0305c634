import tcb from '@cloudbase/node-sdk';
import { addDays, weekdayOf } from '../../cloudfunctions/groups/rules';
import type { TestCloud } from '../support/cloud';
import { clearOfMidnight, dayIn, startStationCloud } from '../support/station';

const ADMIN = 'o_admin';
const WORKER = 'o_worker';
/** r1 leads the choir, r2 is its deputy, r3..r5 apply, r6 leads the taiji team, r7 has no profile. */
const R = (n: number) => `o_r${n}`;

let cloud: TestCloud;
let choir: string;
let taiji: string;
/** The choir's practice called off two days before the day the suite began (set in beforeAll). */
let cancelledDay: string;
/** The day 居民3 joined the choir (the apply → approve story): the roster and history show it. */
let r3JoinedOn: string;

const refusal = (code: string) => ({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
const membersDocs = () => (cloud.emulator.dump().memberships ?? []) as Record<string, unknown>[];
const attendanceDocs = () => (cloud.emulator.dump().attendance ?? []) as Record<string, unknown>[];

const everyDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '19:00', durationMinutes: 90 };

async function member(groupId: string, personId: string) {
  await cloud.ok('groups', 'apply', { groupId, why: '想锻炼身体' }, personId);
  await cloud.ok('groups', 'approve', { groupId, personId }, WORKER);
}

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [[WORKER, ['worker']]]);
  for (let n = 1; n <= 6; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `1390000000${n}` }, R(n));
  await cloud.ok('users', 'me', {}, R(7));
  await cloud.ok('users', 'setTags', { personId: R(3), tags: ['低保'] }, WORKER);

  cancelledDay = addDays(dayIn(0), -2);
  choir = (
    await cloud.ok(
      'groups',
      'create',
      {
        name: '测试合唱团',
        description: '每周一起唱歌',
        serviceArea: '社区',
        place: '便民大厅二楼',
        schedule: { ...everyDay, cancelledDays: [cancelledDay] },
        indicatorId: 'ind-11',
      },
      WORKER,
    )
  ).id;
  taiji = (
    await cloud.ok(
      'groups',
      'create',
      { name: '测试太极队', description: '早上打太极', serviceArea: '老年人', place: '小广场', schedule: { ...everyDay, startTime: '07:00' } },
      ADMIN,
    )
  ).id;
  await member(choir, R(1));
  await member(choir, R(2));
  await cloud.ok('groups', 'setRole', { groupId: choir, personId: R(1), role: 'leader' }, WORKER);
  await cloud.ok('groups', 'setRole', { groupId: choir, personId: R(2), role: 'deputy' }, WORKER);
  await member(taiji, R(6));
  await cloud.ok('groups', 'setRole', { groupId: taiji, personId: R(6), role: 'leader' }, WORKER);
});
afterAll(() => cloud.close());

describe('groups', () => {
  test('staff add a group; a resident may not; a bad schedule is refused', async () => {
    const input = {
      name: '书法小组',
      description: '练字',
      serviceArea: '社区' as const,
      place: '便民大厅',
      schedule: { weekdays: [3], startTime: '15:00', durationMinutes: 60 },
    };
    expect(await cloud.call('groups', 'create', input, R(3))).toMatchObject(refusal('FORBIDDEN'));
    expect(await cloud.call('groups', 'create', { ...input, schedule: { ...input.schedule, weekdays: [8] } }, WORKER)).toMatchObject(refusal('INVALID_INPUT'));
    expect(await cloud.call('groups', 'create', { ...input, schedule: { ...input.schedule, startTime: '25:00' } }, WORKER)).toMatchObject(
      refusal('INVALID_INPUT'),
    );
    expect(await cloud.ok('groups', 'create', input, WORKER)).toMatchObject({
      name: '书法小组',
      scheduleText: '每周三 15:00-16:00',
      memberCount: 0,
      indicatorId: null,
    });
  });

  test('a resident sees the groups, how many members, when they practise and who leads', async () => {
    const list = await cloud.ok('groups', 'list', {}, R(3));
    expect(list.find((g) => g.id === choir)).toMatchObject({ name: '测试合唱团', memberCount: 2, myStatus: null, scheduleText: '每天 19:00-20:30' });
    const page = await cloud.ok('groups', 'get', { groupId: choir }, R(3));
    expect(page).toMatchObject({
      place: '便民大厅二楼',
      memberCount: 2,
      mine: null,
      canManage: false,
      leaders: [
        { name: '居民1', role: 'leader' },
        { name: '居民2', role: 'deputy' },
      ],
    });
    expect(page.nextPractices.length).toBe(4);
    expect(page.nextPractices[0].startAt).toMatch(/T\d\d:00:00.000Z$/);
    expect((await cloud.ok('groups', 'get', { groupId: choir }, R(1))).canManage).toBe(true);
    expect((await cloud.ok('groups', 'get', { groupId: choir }, WORKER)).canManage).toBe(true);
    expect(await cloud.call('groups', 'get', { groupId: 'g_nope' }, R(3))).toMatchObject(refusal('NOT_FOUND'));
  });

  test('applying needs a name and phone, and writes nothing without them', async () => {
    const before = cloud.emulator.dump();
    expect(await cloud.call('groups', 'apply', { groupId: choir, why: '喜欢唱歌' }, R(7))).toMatchObject(refusal('PROFILE_INCOMPLETE'));
    expect(await cloud.call('groups', 'apply', { groupId: choir, why: '想'.repeat(101) }, R(3))).toMatchObject(refusal('INVALID_INPUT'));
    expect(cloud.emulator.dump()).toEqual(before);
  });

  test('the reason for joining is optional: a resident who can barely type applies without one', async () => {
    const crafts = (
      await cloud.ok('groups', 'create', { name: '手工小组', description: '一起做手工', serviceArea: '社区', place: '活动室', schedule: everyDay }, WORKER)
    ).id;
    await cloud.ok('users', 'updateProfile', { name: '居民8', phone: '13900000008' }, R(8));
    await cloud.ok('users', 'updateProfile', { name: '居民9', phone: '13900000009' }, R(9));
    expect(await cloud.ok('groups', 'apply', { groupId: crafts }, R(8))).toMatchObject({ status: 'applied' });
    expect(await cloud.ok('groups', 'apply', { groupId: crafts, why: '   ', experience: '', preferredTimes: '' }, R(9))).toMatchObject({ status: 'applied' });
    const apps = await cloud.ok('groups', 'applications', { groupId: crafts }, WORKER);
    expect(apps.map((a) => [a.personId, a.why]).sort()).toEqual([
      [R(8), ''],
      [R(9), ''],
    ]);
  });

  test('apply → decline with a reason → the resident sees it → applies again → approved', async () => {
    // Applied, declined and applied again today: the test stays on one day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    const applied = await cloud.ok('groups', 'apply', { groupId: choir, why: '喜欢唱歌', experience: '唱过十年', preferredTimes: '晚上' }, R(3));
    expect(applied).toMatchObject({ status: 'applied', role: 'member', appliedOn: today });
    expect(await cloud.call('groups', 'apply', { groupId: choir, why: '再申请一次' }, R(3))).toMatchObject(refusal('ALREADY_APPLIED'));
    expect(membersDocs().filter((m) => m._id === `${choir}~${R(3)}`)).toHaveLength(1);
    expect((await cloud.ok('groups', 'list', {}, R(3))).find((g) => g.id === choir)?.myStatus).toBe('applied');

    expect(await cloud.ok('groups', 'decline', { groupId: choir, personId: R(3), reason: '声部人满了，下季度再来' }, R(1))).toEqual({
      personId: R(3),
      status: 'declined',
    });
    expect((await cloud.ok('groups', 'get', { groupId: choir }, R(3))).mine).toMatchObject({
      status: 'declined',
      declineReason: '声部人满了，下季度再来',
      decidedOn: today,
    });

    // A declined applicant may apply again: the reason told them what to change.
    await cloud.ok('groups', 'apply', { groupId: choir, why: '下季度了' }, R(3));
    expect((await cloud.ok('groups', 'get', { groupId: choir }, R(3))).mine).toMatchObject({ status: 'applied', declineReason: null });
    expect(await cloud.ok('groups', 'approve', { groupId: choir, personId: R(3) }, R(2))).toEqual({ personId: R(3), status: 'approved' });
    r3JoinedOn = today;
    expect((await cloud.ok('groups', 'get', { groupId: choir }, R(3))).mine).toMatchObject({ status: 'approved', role: 'member' });
    expect((await cloud.ok('groups', 'get', { groupId: choir }, R(3))).memberCount).toBe(3);
  });

  test('an application is decided once: approving twice, or declining an approved one, is refused', async () => {
    await cloud.ok('groups', 'apply', { groupId: choir, why: '想试试' }, R(4));
    await cloud.ok('groups', 'approve', { groupId: choir, personId: R(4) }, R(1));
    const before = cloud.emulator.dump();
    expect(await cloud.call('groups', 'approve', { groupId: choir, personId: R(4) }, WORKER)).toMatchObject(refusal('ALREADY_APPROVED'));
    expect(await cloud.call('groups', 'decline', { groupId: choir, personId: R(4), reason: '不合适' }, WORKER)).toMatchObject(refusal('ALREADY_APPROVED'));
    expect(await cloud.call('groups', 'apply', { groupId: choir, why: '再来' }, R(4))).toMatchObject(refusal('ALREADY_MEMBER'));
    expect(await cloud.call('groups', 'approve', { groupId: choir, personId: R(5) }, WORKER)).toMatchObject(refusal('NO_APPLICATION'));
    expect(cloud.emulator.dump()).toEqual(before);
  });

  test('two people approving the same application at once: one wins, the other is told it is done', async () => {
    await cloud.ok('groups', 'apply', { groupId: taiji, why: '想学太极' }, R(5));
    const replies = await Promise.all([
      cloud.call('groups', 'approve', { groupId: taiji, personId: R(5) }, R(6)),
      cloud.call('groups', 'approve', { groupId: taiji, personId: R(5) }, WORKER),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok)).toEqual([refusal('ALREADY_APPROVED')]);
  });

  test('leaving is one tap: an application is withdrawn, a member leaves, and may come back', async () => {
    await cloud.ok('groups', 'apply', { groupId: choir, why: '试试' }, R(5));
    expect(await cloud.ok('groups', 'leave', { groupId: choir }, R(5))).toMatchObject({ status: 'withdrawn' });
    expect(await cloud.call('groups', 'approve', { groupId: choir, personId: R(5) }, R(1))).toMatchObject(refusal('NO_APPLICATION'));

    const count = async () => (await cloud.ok('groups', 'get', { groupId: taiji }, R(5))).memberCount;
    const before = await count();
    expect(await cloud.ok('groups', 'leave', { groupId: taiji }, R(5))).toMatchObject({ status: 'left' });
    expect(await count()).toBe(before - 1);
    expect(await cloud.call('groups', 'leave', { groupId: taiji }, R(5))).toMatchObject(refusal('NOT_IN_GROUP'));
    await cloud.ok('groups', 'apply', { groupId: taiji, why: '又想练了' }, R(5));
    expect((await cloud.ok('groups', 'get', { groupId: taiji }, R(5))).mine?.status).toBe('applied');
  });

  test('a leader runs their own group only; a plain member none', async () => {
    const today = dayIn(0);
    const other = { groupId: taiji };
    expect(await cloud.call('groups', 'applications', other, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'approve', { ...other, personId: R(5) }, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'decline', { ...other, personId: R(5), reason: '不行' }, R(2))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'roster', other, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'practices', other, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'rollCall', { ...other, day: today }, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'tick', { ...other, day: today, personId: R(6) }, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'untick', { ...other, day: today, personId: R(6) }, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'memberHistory', { ...other, personId: R(6) }, R(1))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'roster', { groupId: choir }, R(3))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    expect(await cloud.call('groups', 'tick', { groupId: choir, day: today, personId: R(3) }, R(4))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    // Roles and groups themselves are the staff's to change.
    expect(await cloud.call('groups', 'setRole', { groupId: choir, personId: R(3), role: 'deputy' }, R(1))).toMatchObject(refusal('FORBIDDEN'));
    expect(await cloud.call('groups', 'addMember', { groupId: choir, personId: R(5) }, R(1))).toMatchObject(refusal('FORBIDDEN'));
    expect((await cloud.ok('groups', 'managed', {}, R(1))).map((g) => [g.id, g.myRole])).toEqual([[choir, 'leader']]);
    expect(await cloud.ok('groups', 'managed', {}, R(3))).toEqual([]);
    expect((await cloud.ok('groups', 'managed', {}, WORKER)).map((g) => g.id)).toEqual(expect.arrayContaining([choir, taiji]));
  });

  test('a leader sees masked phones and no staff-only tags; staff see full phones', async () => {
    // 居民3 applies to the taiji team today and reads it back: the test stays on one day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    const leaderView = JSON.stringify([
      await cloud.ok('groups', 'roster', { groupId: choir }, R(1)),
      await cloud.ok('groups', 'rollCall', { groupId: choir, day: today }, R(1)),
    ]);
    expect(leaderView).toContain('139****0003');
    expect(leaderView).not.toContain('13900000003');
    expect(leaderView).not.toContain('低保');
    const roster = await cloud.ok('groups', 'roster', { groupId: choir }, WORKER);
    expect(roster.find((m) => m.personId === R(3))).toMatchObject({ name: '居民3', phone: '13900000003', role: 'member', joinedOn: r3JoinedOn });
    expect(JSON.stringify(roster)).not.toContain('低保');

    await cloud.ok('groups', 'apply', { groupId: taiji, why: '想学' }, R(3));
    const apps = await cloud.ok('groups', 'applications', { groupId: taiji }, R(6));
    expect(apps.find((a) => a.name === '居民3')).toEqual({
      personId: expect.stringMatching(/^m_/),
      name: '居民3',
      phone: '139****0003',
      why: '想学',
      experience: '',
      preferredTimes: '',
      appliedOn: today,
    });
    expect((await cloud.ok('groups', 'applications', { groupId: taiji }, WORKER)).find((a) => a.personId === R(3))?.phone).toBe('13900000003');
  });

  test('a 队长’s views name members by pseudonym, never by openid, and the 队长’s actions take it back', async () => {
    // 居民5 applies to the choir today and is approved by the 队长 from what the view gave: the test stays on one day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    await cloud.ok('groups', 'apply', { groupId: choir, why: '想唱' }, R(5));
    const views = {
      applications: await cloud.ok('groups', 'applications', { groupId: choir }, R(1)),
      roster: await cloud.ok('groups', 'roster', { groupId: choir }, R(1)),
      rollCall: await cloud.ok('groups', 'rollCall', { groupId: choir, day: today }, R(2)),
    };
    for (const [name, view] of Object.entries(views)) expect([name, JSON.stringify(view)]).toEqual([name, expect.not.stringMatching(/o_r\d/)]);
    // The same member under the same name in every view of the group, and in the deputy's too.
    const r3 = views.roster.find((m) => m.name === '居民3')!.personId;
    expect(views.rollCall.members.find((m) => m.name === '居民3')?.personId).toBe(r3);
    // …and under another in another group, so two 队长 cannot match their members up.
    await cloud.ok('groups', 'apply', { groupId: taiji, why: '也想练' }, R(4));
    const r4choir = views.roster.find((m) => m.name === '居民4')!.personId;
    expect((await cloud.ok('groups', 'applications', { groupId: taiji }, R(6))).find((a) => a.name === '居民4')?.personId).not.toBe(r4choir);

    const r5 = views.applications.find((a) => a.name === '居民5')!.personId;
    expect(await cloud.ok('groups', 'approve', { groupId: choir, personId: r5 }, R(1))).toEqual({ personId: r5, status: 'approved' });
    expect(membersDocs().find((m) => m._id === `${choir}~${R(5)}`)).toMatchObject({ status: 'approved', decidedBy: R(1) });
    expect(await cloud.ok('groups', 'tick', { groupId: choir, day: today, personId: r3 }, R(1))).toEqual({ personId: r3, present: true, changed: true });
    expect(
      attendanceDocs()
        .filter((a) => a.sessionId === `${choir}~${today}`)
        .map((a) => a.personId),
    ).toEqual([R(3)]);
    expect(await cloud.ok('groups', 'memberHistory', { groupId: choir, personId: r3 }, R(1))).toMatchObject({ personId: r3, name: '居民3' });
    expect(await cloud.ok('groups', 'untick', { groupId: choir, day: today, personId: r3 }, R(1))).toMatchObject({ changed: true });
    // A name from another group's view means nobody here.
    expect(await cloud.call('groups', 'tick', { groupId: taiji, day: today, personId: r3 }, R(6))).toMatchObject(refusal('NOT_A_MEMBER'));
    // Staff keep the ids they act on elsewhere (代报名, roles).
    expect((await cloud.ok('groups', 'roster', { groupId: choir }, WORKER)).map((m) => m.personId)).toContain(R(3));
    await cloud.ok('groups', 'leave', { groupId: choir }, R(5));
    await cloud.ok('groups', 'leave', { groupId: taiji }, R(4));
  });

  test('staff set 队长/副队长: one of each per group, members only', async () => {
    expect(await cloud.call('groups', 'setRole', { groupId: choir, personId: R(5), role: 'deputy' }, WORKER)).toMatchObject(refusal('NOT_A_MEMBER'));
    expect(await cloud.ok('groups', 'setRole', { groupId: choir, personId: R(4), role: 'deputy' }, WORKER)).toEqual({ personId: R(4), role: 'deputy' });
    const roles = async () => Object.fromEntries((await cloud.ok('groups', 'roster', { groupId: choir }, WORKER)).map((m) => [m.personId, m.role]));
    expect(await roles()).toMatchObject({ [R(1)]: 'leader', [R(2)]: 'member', [R(4)]: 'deputy' });
    // The old deputy no longer runs the group.
    expect(await cloud.call('groups', 'applications', { groupId: choir }, R(2))).toMatchObject(refusal('NOT_GROUP_MANAGER'));
    await cloud.ok('groups', 'setRole', { groupId: choir, personId: R(4), role: 'member' }, WORKER);
    await cloud.ok('groups', 'setRole', { groupId: choir, personId: R(2), role: 'deputy' }, WORKER);
    expect(await roles()).toMatchObject({ [R(1)]: 'leader', [R(2)]: 'deputy', [R(4)]: 'member' });
  });

  test('roll call: tick once through the shared attendance, ticking twice is a no-op, untick removes it', async () => {
    const today = dayIn(0);
    const sessionId = `${choir}~${today}`;
    expect(await cloud.ok('groups', 'tick', { groupId: choir, day: today, personId: R(3) }, R(1))).toEqual({ personId: R(3), present: true, changed: true });
    expect(await cloud.ok('groups', 'tick', { groupId: choir, day: today, personId: R(3) }, R(2))).toEqual({ personId: R(3), present: true, changed: false });
    const docs = attendanceDocs().filter((a) => a.sessionId === sessionId);
    expect(docs).toEqual([
      expect.objectContaining({
        _id: `${sessionId}~${R(3)}`,
        kind: 'groupPractice',
        sourceId: choir,
        personId: R(3),
        headcount: 1,
        day: today,
        indicatorId: 'ind-11',
        serviceArea: '社区',
        title: '测试合唱团练习',
        recordedBy: R(1),
      }),
    ]);
    const call = await cloud.ok('groups', 'rollCall', { groupId: choir, day: today }, R(1));
    expect(call.practice).toMatchObject({ day: today, canTick: true, title: '测试合唱团练习' });
    expect(call.members.filter((m) => m.present).map((m) => m.name)).toEqual(['居民3']);

    expect(await cloud.ok('groups', 'untick', { groupId: choir, day: today, personId: R(3) }, R(1))).toEqual({ personId: R(3), present: false, changed: true });
    expect(await cloud.ok('groups', 'untick', { groupId: choir, day: today, personId: R(3) }, R(1))).toMatchObject({ changed: false });
    expect(attendanceDocs().filter((a) => a.sessionId === sessionId)).toEqual([]);
  });

  test('roll call refuses non-members and days without a practice', async () => {
    // Tomorrow's practice has not started yet: the test stays on one day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    const yesterday = addDays(today, -1);
    const before = attendanceDocs().length;
    expect(await cloud.call('groups', 'tick', { groupId: choir, day: today, personId: R(5) }, R(1))).toMatchObject(refusal('NOT_A_MEMBER'));
    expect(await cloud.call('groups', 'tick', { groupId: choir, day: today, personId: R(6) }, R(1))).toMatchObject(refusal('NOT_A_MEMBER'));
    expect(await cloud.call('groups', 'tick', { groupId: choir, day: cancelledDay, personId: R(3) }, R(1))).toMatchObject(refusal('PRACTICE_CANCELLED'));
    expect(await cloud.call('groups', 'tick', { groupId: choir, day: addDays(today, 1), personId: R(3) }, R(1))).toMatchObject(refusal('PRACTICE_NOT_STARTED'));
    const weekly = await cloud.ok(
      'groups',
      'create',
      {
        name: '周练队',
        description: '每周一次',
        serviceArea: '社区',
        place: '广场',
        schedule: { weekdays: [weekdayOf(today)], startTime: '09:00', durationMinutes: 60 },
      },
      WORKER,
    );
    await cloud.ok('groups', 'addMember', { groupId: weekly.id, personId: R(3) }, WORKER);
    expect(await cloud.call('groups', 'tick', { groupId: weekly.id, day: yesterday, personId: R(3) }, WORKER)).toMatchObject(refusal('NOT_PRACTICE_DAY'));
    expect((await cloud.ok('groups', 'rollCall', { groupId: weekly.id, day: yesterday }, WORKER)).practice.canTick).toBe(false);
    expect(attendanceDocs().length).toBe(before);
  });

  test('attendance history: per practice, per member, on the roster and for the member themself', async () => {
    // Today's practice leads the list, yesterday's follows: the test stays on one day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    const yesterday = addDays(today, -1);
    for (const day of [yesterday, today]) {
      for (const p of [R(1), R(3)]) await cloud.ok('groups', 'tick', { groupId: choir, day, personId: p }, R(1));
    }
    await cloud.ok('groups', 'tick', { groupId: choir, day: today, personId: R(4) }, WORKER);

    const practices = await cloud.ok('groups', 'practices', { groupId: choir, weeksBack: 1, weeksAhead: 0 }, R(1));
    expect(practices[0]).toMatchObject({ day: today, presentCount: 3, cancelled: false });
    expect(practices[1]).toMatchObject({ day: yesterday, presentCount: 2 });
    expect(practices.find((p) => p.day === cancelledDay)).toMatchObject({ cancelled: true, presentCount: 0 });

    const history = await cloud.ok('groups', 'memberHistory', { groupId: choir, personId: R(3) }, R(1));
    expect(history).toMatchObject({ name: '居民3', status: 'approved', joinedOn: r3JoinedOn, practicesHeld: 2 });
    expect(history.attended.map((a) => a.day)).toEqual([today, yesterday]);
    expect(history.attended[0].label).toContain('19:00');
    expect(await cloud.call('groups', 'memberHistory', { groupId: choir, personId: R(7) }, R(1))).toMatchObject(refusal('NOT_A_MEMBER'));

    const roster = await cloud.ok('groups', 'roster', { groupId: choir }, R(1));
    expect(Object.fromEntries(roster.map((m) => [m.name, m.attendedCount]))).toMatchObject({ 居民1: 2, 居民3: 2, 居民4: 1, 居民2: 0 });
    expect((await cloud.ok('groups', 'get', { groupId: choir }, R(3))).mine?.attendedCount).toBe(2);
  });

  test('staff add a resident without WeChat straight in, once', async () => {
    const today = dayIn(0);
    const offline = await cloud.ok('users', 'createOffline', { name: '线下阿姨' }, WORKER);
    expect(await cloud.ok('groups', 'addMember', { groupId: choir, personId: offline.id }, WORKER)).toEqual({ personId: offline.id, status: 'approved' });
    expect(await cloud.call('groups', 'addMember', { groupId: choir, personId: offline.id }, WORKER)).toMatchObject(refusal('ALREADY_MEMBER'));
    expect(await cloud.call('groups', 'addMember', { groupId: choir, personId: 'off_nobody' }, WORKER)).toMatchObject(refusal('NOT_FOUND'));
    expect(await cloud.ok('groups', 'tick', { groupId: choir, day: today, personId: offline.id }, R(1))).toMatchObject({ changed: true });
  });

  test('a group from before the group doc named its 队长 keeps them, moved onto the group doc once', async () => {
    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    const now = cloud.clock.now();
    const schedule = { ...everyDay, cancelledDays: [], extraDays: [] };
    await db.collection('groups').add({
      _id: 'g_legacy',
      name: '书画队',
      description: '写字画画',
      serviceArea: '老年人',
      place: '活动室',
      schedule,
      indicatorId: null,
      createdBy: WORKER,
      createdAt: now,
      updatedAt: now,
    });
    const legacyMember = (personId: string, role: string, updatedAt: Date) => ({
      _id: `g_legacy~${personId}`,
      groupId: 'g_legacy',
      personId,
      status: 'approved',
      role,
      application: null,
      appliedAt: null,
      decidedAt: now,
      decidedBy: WORKER,
      declineReason: null,
      joinedAt: now,
      leftAt: null,
      updatedAt,
    });
    // The race this replaced could leave two 队长: the one named last keeps it.
    await db
      .collection('memberships')
      .add([
        legacyMember(R(1), 'leader', new Date(now.getTime() - 60_000)),
        legacyMember(R(2), 'leader', now),
        legacyMember(R(3), 'deputy', now),
        legacyMember(R(4), 'member', now),
      ]);
    expect((await cloud.ok('groups', 'managed', {}, R(2))).map((g) => [g.id, g.myRole])).toContainEqual(['g_legacy', 'leader']);
    expect((await cloud.ok('groups', 'managed', {}, R(1))).map((g) => g.id)).not.toContain('g_legacy');
    const roles = Object.fromEntries((await cloud.ok('groups', 'roster', { groupId: 'g_legacy' }, WORKER)).map((m) => [m.personId, m.role]));
    expect(roles).toEqual({ [R(1)]: 'member', [R(2)]: 'leader', [R(3)]: 'deputy', [R(4)]: 'member' });
    expect((cloud.emulator.dump().groups as Record<string, unknown>[]).find((g) => g._id === 'g_legacy')).toMatchObject({
      leaderId: R(2),
      deputyId: R(3),
      pseudonymKey: expect.any(String),
    });
    expect(membersDocs().filter((m) => m.groupId === 'g_legacy' && 'role' in m)).toEqual([]);
    expect((await cloud.ok('groups', 'roster', { groupId: 'g_legacy' }, R(2))).map((m) => m.personId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^m_/)]),
    );
  });

  test('staff change the schedule: a cancelled day shows and stops the roll call', async () => {
    const today = dayIn(0);
    const group = await cloud.ok('groups', 'get', { groupId: taiji }, WORKER);
    const updated = await cloud.ok(
      'groups',
      'update',
      {
        groupId: taiji,
        name: group.name,
        description: group.description,
        serviceArea: '老年人',
        place: '社区广场',
        schedule: { weekdays: [2, 4], startTime: '07:30', durationMinutes: 60, cancelledDays: [today], extraDays: [] },
      },
      WORKER,
    );
    expect(updated).toMatchObject({ place: '社区广场', scheduleText: '每周二、周四 07:30-08:30', schedule: { cancelledDays: [today] } });
    expect(await cloud.call('groups', 'tick', { groupId: taiji, day: today, personId: R(6) }, R(6))).toMatchObject(refusal('PRACTICE_CANCELLED'));
    expect((await cloud.ok('groups', 'get', { groupId: taiji }, R(6))).nextPractices.map((p) => p.day)).not.toContain(today);
    expect(await cloud.call('groups', 'update', { ...updated, groupId: taiji, serviceArea: '老年人' }, R(6))).toMatchObject(refusal('FORBIDDEN'));
  });
});
