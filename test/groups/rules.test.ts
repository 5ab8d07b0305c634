import { practiceSchedule } from '../../cloudfunctions/groups/contract';
import {
  addByStaff,
  applyFor,
  approve,
  checkCanTick,
  currentMember,
  decline,
  describeSchedule,
  heldPractice,
  historyStart,
  isPseudonym,
  leave,
  managerView,
  membershipId,
  nextPractices,
  phoneFor,
  practiceSession,
  practiceStart,
  pseudonymOf,
  roleOf,
  scheduledDays,
  weekdayOf,
  withRole,
  canTick,
  type GroupDoc,
  type MembershipDoc,
  type MembershipStatus,
} from '../../cloudfunctions/groups/rules';
import type { Role } from '../../cloudfunctions/_shared/contract';
import { refusal as code } from '../support/refusal';

const now = new Date('2026-12-08T04:00:00Z'); // Tuesday 12:00 in Shanghai
const form = { why: '喜欢唱歌', experience: '', preferredTimes: '晚上' };

const membership = (status: MembershipStatus): MembershipDoc => ({
  ...applyFor(null, 'g1', 'p1', form, now),
  status,
  joinedAt: status === 'approved' || status === 'left' ? now : null,
});
const nobody = { leaderId: null, deputyId: null };

/** 周二、周四 19:00, 90 minutes, no practice on 2026-12-10, an extra one on Saturday 2026-12-12. */
const schedule = practiceSchedule.parse({
  weekdays: [2, 4],
  startTime: '19:00',
  durationMinutes: 90,
  cancelledDays: ['2026-12-10'],
  extraDays: ['2026-12-12'],
});

describe('membership lifecycle', () => {
  test('a first application opens one membership doc keyed by group and person', () => {
    const m = applyFor(null, 'g1', 'p1', form, now);
    expect(m).toMatchObject({ _id: 'g1~p1', status: 'applied', application: form, appliedAt: now, joinedAt: null });
    expect(m).not.toHaveProperty('role');
    expect(membershipId('g1', 'p1')).toBe(m._id);
  });

  test('a second open application or applying as a member is refused', () => {
    expect(code(() => applyFor(membership('applied'), 'g1', 'p1', form, now))).toBe('ALREADY_APPLIED');
    expect(code(() => applyFor(membership('approved'), 'g1', 'p1', form, now))).toBe('ALREADY_MEMBER');
  });

  test.each(['declined', 'withdrawn', 'left'] as const)('after %s a person may apply again, with a clean slate', (status) => {
    const prior = { ...membership(status), declineReason: status === 'declined' ? '名额满了' : null };
    const m = applyFor(prior, 'g1', 'p1', { ...form, why: '再试一次' }, now);
    expect(m).toMatchObject({ status: 'applied', declineReason: null, decidedAt: null, application: { why: '再试一次' } });
  });

  test('approving an open application makes a member from now', () => {
    expect(approve(membership('applied'), 'leader', now)).toMatchObject({ status: 'approved', decidedBy: 'leader', decidedAt: now, joinedAt: now });
  });

  test('declining keeps the reason for the resident to read', () => {
    expect(decline(membership('applied'), '本季度名额已满', 'w', now)).toMatchObject({ status: 'declined', declineReason: '本季度名额已满', joinedAt: null });
  });

  test('an application is decided once: approving twice or after a decline is refused', () => {
    expect(code(() => approve(membership('approved'), 'w', now))).toBe('ALREADY_APPROVED');
    expect(code(() => approve(membership('declined'), 'w', now))).toBe('ALREADY_DECLINED');
    expect(code(() => decline(membership('approved'), 'x', 'w', now))).toBe('ALREADY_APPROVED');
    expect(code(() => decline(membership('declined'), 'x', 'w', now))).toBe('ALREADY_DECLINED');
  });

  test.each([null, membership('withdrawn'), membership('left')])('there is nothing to decide without an open application (%#)', (m) => {
    expect(code(() => approve(m, 'w', now))).toBe('NO_APPLICATION');
  });

  test('leaving withdraws an application, or ends a membership and its role', () => {
    expect(leave(membership('applied'), now).status).toBe('withdrawn');
    const left = leave(membership('approved'), now);
    expect(left).toMatchObject({ status: 'left', leftAt: now });
    expect(roleOf({ leaderId: 'p1', deputyId: null }, left)).toBe('member');
  });

  test.each([null, membership('declined'), membership('withdrawn'), membership('left')])('one cannot leave a group one is not in (%#)', (m) => {
    expect(code(() => leave(m, now))).toBe('NOT_IN_GROUP');
  });

  test('staff add a person straight in, keeping an open application’s answers', () => {
    expect(addByStaff(null, 'g1', 'off_1', 'w', now)).toMatchObject({ _id: 'g1~off_1', status: 'approved', application: null, joinedAt: now });
    expect(addByStaff(membership('applied'), 'g1', 'p1', 'w', now)).toMatchObject({ status: 'approved', application: form });
    expect(code(() => addByStaff(membership('approved'), 'g1', 'p1', 'w', now))).toBe('ALREADY_MEMBER');
  });

  test('one 队长 and one 副队长: naming a new one makes the previous holder a member, nobody holds both', () => {
    const leads = { leaderId: 'a', deputyId: 'b' };
    expect(withRole(leads, 'c', 'leader')).toEqual({ leaderId: 'c', deputyId: 'b' });
    expect(withRole(leads, 'c', 'deputy')).toEqual({ leaderId: 'a', deputyId: 'c' });
    expect(withRole(leads, 'b', 'leader')).toEqual({ leaderId: 'b', deputyId: null });
    expect(withRole(leads, 'a', 'member')).toEqual({ leaderId: null, deputyId: 'b' });
    expect(withRole(leads, 'c', 'member')).toEqual(leads);
  });

  test('a role is held by a current member only', () => {
    const leads = { leaderId: 'p1', deputyId: null };
    expect(roleOf(leads, membership('approved'))).toBe('leader');
    expect(roleOf({ leaderId: null, deputyId: 'p1' }, membership('approved'))).toBe('deputy');
    expect(roleOf(leads, membership('left'))).toBe('member');
    expect(roleOf(leads, membership('applied'))).toBe('member');
    expect(code(() => currentMember(membership('applied')))).toBe('NOT_A_MEMBER');
    expect(code(() => currentMember(null))).toBe('NOT_A_MEMBER');
  });
});

describe('who runs a group', () => {
  const roles = (...r: Role[]) => new Set<Role>(['resident', ...r]);

  test('staff run every group, whatever their membership', () => {
    expect(managerView(roles('worker'), nobody, null)).toBe('staff');
    expect(managerView(roles('admin'), nobody, null)).toBe('staff');
  });

  test('the 队长 and 副队长 run their own group', () => {
    expect(managerView(roles(), { leaderId: 'p1', deputyId: null }, membership('approved'))).toBe('leader');
    expect(managerView(roles(), { leaderId: null, deputyId: 'p1' }, membership('approved'))).toBe('leader');
  });

  test('a plain member, a leader who left, a volunteer or the secretary cannot', () => {
    expect(code(() => managerView(roles(), { leaderId: 'p2', deputyId: null }, membership('approved')))).toBe('NOT_GROUP_MANAGER');
    expect(code(() => managerView(roles(), { leaderId: 'p1', deputyId: null }, membership('left')))).toBe('NOT_GROUP_MANAGER');
    expect(code(() => managerView(roles('volunteer', 'secretary'), nobody, null))).toBe('NOT_GROUP_MANAGER');
  });

  test('a 队长 sees members under a pseudonym: stable in the group, different in another, not the id', () => {
    const p = pseudonymOf('key-of-g1', 'o_resident_1');
    expect(isPseudonym(p)).toBe(true);
    expect(p).not.toContain('o_resident_1');
    expect(pseudonymOf('key-of-g1', 'o_resident_1')).toBe(p);
    expect(pseudonymOf('key-of-g2', 'o_resident_1')).not.toBe(p);
    expect(pseudonymOf('key-of-g1', 'o_resident_2')).not.toBe(p);
    expect(isPseudonym('o_resident_1')).toBe(false);
  });

  test('leaders see phones masked, staff in full', () => {
    expect(phoneFor('leader', '13800001234')).toBe('138****1234');
    expect(phoneFor('staff', '13800001234')).toBe('13800001234');
  });
});

describe('practice schedule', () => {
  test('weekdays count from Monday = 1 to Sunday = 7', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2026-12-13')).toBe(7);
  });

  test('scheduled days follow the weekdays plus extra days, cancelled ones still listed', () => {
    expect(scheduledDays(schedule, '2026-12-07', '2026-12-17')).toEqual(['2026-12-08', '2026-12-10', '2026-12-12', '2026-12-15', '2026-12-17']);
  });

  test('a practice starts at its local time in Shanghai', () => {
    expect(practiceStart(schedule, '2026-12-08').toISOString()).toBe('2026-12-08T11:00:00.000Z');
  });

  test('the next practices skip cancelled days and include today until it is over', () => {
    expect(nextPractices(schedule, now, 3).map((p) => p.day)).toEqual(['2026-12-08', '2026-12-12', '2026-12-15']);
    const afterToday = new Date('2026-12-08T12:31:00Z'); // 20:31, today's practice ended at 20:30
    expect(nextPractices(schedule, afterToday, 1)[0]).toMatchObject({ day: '2026-12-12', label: '12月12日 周六 19:00' });
  });

  test('a schedule reads as the station says it', () => {
    expect(describeSchedule(schedule)).toBe('每周二、周四 19:00-20:30');
    expect(describeSchedule({ ...schedule, weekdays: [7, 1, 2, 3, 4, 5, 6], startTime: '23:30', durationMinutes: 60 })).toBe('每天 23:30-00:30');
  });

  test('a held practice keeps the time it took place at', () => {
    expect(heldPractice('2026-12-01', new Date('2026-12-01T10:30:00Z'), 60)).toMatchObject({
      label: '12月1日 周二 18:30',
      endAt: new Date('2026-12-01T11:30:00Z'),
    });
  });
});

describe('roll call', () => {
  const group: GroupDoc = {
    _id: 'g1',
    name: '合唱团',
    description: '',
    serviceArea: '社区',
    place: '便民大厅二楼',
    schedule,
    indicatorId: 'ind-11',
    leaderId: null,
    deputyId: null,
    pseudonymKey: 'k',
    createdBy: 'w',
    // Entered in the app a year before `now`: old enough for every day below.
    createdAt: new Date('2025-12-08T04:00:00Z'),
    updatedAt: now,
  };

  test('a practice is one attendance session per group and local day, counted toward the plan', () => {
    expect(practiceSession(group, '2026-12-08')).toEqual({
      id: 'g1~2026-12-08',
      kind: 'groupPractice',
      sourceId: 'g1',
      title: '合唱团练习',
      serviceArea: '社区',
      indicatorId: 'ind-11',
      startAt: new Date('2026-12-08T11:00:00Z'),
    });
  });

  test('the roll is taken for a practice day that has come, not a cancelled, unscheduled or future one', () => {
    expect(code(() => checkCanTick(group, '2026-12-08', now))).toBe('no refusal');
    expect(code(() => checkCanTick(group, '2026-12-01', now))).toBe('no refusal');
    expect(code(() => checkCanTick(group, '2026-12-10', now))).toBe('PRACTICE_CANCELLED');
    expect(code(() => checkCanTick(group, '2026-12-09', now))).toBe('NOT_PRACTICE_DAY');
    expect(code(() => checkCanTick(group, '2026-12-15', now))).toBe('PRACTICE_NOT_STARTED');
  });

  test('paper roll calls are typed in for up to 62 days before the group was entered in the app, not earlier', () => {
    const entered = { ...group, createdAt: now }; // 2026-12-08 12:00 station time
    // 62 days before 2026-12-08 is 2026-10-07 (a Wednesday); the Tuesday before is out of reach.
    const paper = { ...entered, schedule: { ...schedule, weekdays: [2, 3] } };
    expect(code(() => checkCanTick(paper, '2026-10-07', now))).toBe('no refusal');
    expect(code(() => checkCanTick(paper, '2026-10-06', now))).toBe('PRACTICE_TOO_EARLY');
    expect(code(() => checkCanTick({ ...paper, schedule: { ...schedule, extraDays: ['2001-01-03'] } }, '2001-01-03', now))).toBe('PRACTICE_TOO_EARLY');
    expect(canTick(paper, '2026-10-07', now)).toBe(true);
    expect(canTick(paper, '2026-10-06', now)).toBe(false);
    expect(canTick(paper, '2026-12-09', now)).toBe(false); // tomorrow
  });

  test('a member’s record starts when they joined, or at an earlier paper roll call', () => {
    expect(historyStart('2026-11-05', ['2026-12-01', '2026-11-10'])).toBe('2026-11-05');
    expect(historyStart('2026-12-08', ['2026-12-01', '2026-11-03'])).toBe('2026-11-03');
    expect(historyStart('2026-12-08', [])).toBe('2026-12-08');
  });
});
