import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { Session } from '../_shared/attendance';
import { isStaff, type Role } from '../_shared/contract';
import { AppError } from '../_shared/errors';
import { maskPhone } from '../_shared/people';
import type { SERVICE_AREAS } from '../_shared/schemas';
import { dayjs, dayText, localDay, startOfLocalDay, STATION_TZ } from '../_shared/time';
import { earliestRecordDay } from '../services/rules';
import type { GROUP_ROLES, MEMBERSHIP_STATUSES, practiceSchedule } from './contract';

export type PracticeSchedule = z.output<typeof practiceSchedule>;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
/** 队员 / 队长 / 副队长 */
export type GroupRole = (typeof GROUP_ROLES)[number];

export interface GroupDoc {
  _id: string;
  name: string;
  description: string;
  serviceArea: (typeof SERVICE_AREAS)[number];
  place: string;
  schedule: PracticeSchedule;
  indicatorId: string | null;
  /**
   * The 队长 and the 副队长: the one record of who they are, changed only by an update guarded by
   * both as they were read (setRole), so two staff naming two 队长 at once cannot both win.
   */
  leaderId: string | null;
  deputyId: string | null;
  /** The key of the names a 队长's views give members (pseudonymOf); it never leaves the function. */
  pseudonymKey: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Who leads a group. */
export type Leads = Pick<GroupDoc, 'leaderId' | 'deputyId'>;

export interface ApplicationForm {
  why: string;
  experience: string;
  preferredTimes: string;
}

/**
 * One person's standing in one group, keyed `${groupId}~${personId}`: the key makes "one open
 * application per person per group" a guarantee, and the doc carries the whole lifecycle
 * applied → approved / declined, and withdrawn / left. Roles are not on it: the group doc names
 * its 队长 and 副队长 (GroupDoc.leaderId), so no two records can disagree about them.
 */
export interface MembershipDoc {
  _id: string;
  groupId: string;
  personId: string;
  status: MembershipStatus;
  /** Null when staff added the member in person (代报名). */
  application: ApplicationForm | null;
  appliedAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  declineReason: string | null;
  joinedAt: Date | null;
  leftAt: Date | null;
  updatedAt: Date;
}

export const membershipId = (groupId: string, personId: string) => `${groupId}~${personId}`;

const refuse = (code: string, message: string) => new AppError(code, message);

// ---------- Membership lifecycle: each rule takes the current doc (or null) and returns the next one.

/**
 * A resident applies. A declined applicant may apply again — the reason they were given tells
 * them what to change — and so may someone who withdrew or left.
 */
export function applyFor(current: MembershipDoc | null, groupId: string, personId: string, form: ApplicationForm, now: Date): MembershipDoc {
  if (current?.status === 'applied') throw refuse('ALREADY_APPLIED', '您已经提交过申请，请等待队长或社工审核');
  if (current?.status === 'approved') throw refuse('ALREADY_MEMBER', '已经是这个队伍的队员了');
  return {
    _id: membershipId(groupId, personId),
    groupId,
    personId,
    status: 'applied',
    application: form,
    appliedAt: now,
    decidedAt: null,
    decidedBy: null,
    declineReason: null,
    joinedAt: null,
    leftAt: null,
    updatedAt: now,
  };
}

/** Only an open application can be decided, and only once. */
function openApplication(current: MembershipDoc | null): MembershipDoc {
  if (current?.status === 'approved') throw refuse('ALREADY_APPROVED', '这份申请已经通过了，不用重复操作');
  if (current?.status === 'declined') throw refuse('ALREADY_DECLINED', '这份申请已经婉拒过了');
  if (current?.status !== 'applied') throw refuse('NO_APPLICATION', '没有找到这份申请，可能已经撤回');
  return current;
}

export function approve(current: MembershipDoc | null, by: string, now: Date): MembershipDoc {
  const open = openApplication(current);
  return { ...open, status: 'approved', decidedAt: now, decidedBy: by, declineReason: null, joinedAt: now, updatedAt: now };
}

export function decline(current: MembershipDoc | null, reason: string, by: string, now: Date): MembershipDoc {
  const open = openApplication(current);
  return { ...open, status: 'declined', decidedAt: now, decidedBy: by, declineReason: reason, updatedAt: now };
}

/** One tap: an open application is withdrawn, a member leaves (and a 队长 who leaves is no longer one: the handler drops the role). */
export function leave(current: MembershipDoc | null, now: Date): MembershipDoc {
  if (current?.status === 'applied') return { ...current, status: 'withdrawn', updatedAt: now };
  if (current?.status === 'approved') return { ...current, status: 'left', leftAt: now, updatedAt: now };
  throw refuse('NOT_IN_GROUP', '您还没有加入这个队伍');
}

/** Staff add someone in person (代报名): no form needed; an open application is approved by it. */
export function addByStaff(current: MembershipDoc | null, groupId: string, personId: string, by: string, now: Date): MembershipDoc {
  if (current?.status === 'approved') throw refuse('ALREADY_MEMBER', '已经是这个队伍的队员了');
  return {
    _id: membershipId(groupId, personId),
    groupId,
    personId,
    status: 'approved',
    application: current?.application ?? null,
    appliedAt: current?.appliedAt ?? null,
    decidedAt: now,
    decidedBy: by,
    declineReason: null,
    joinedAt: now,
    leftAt: null,
    updatedAt: now,
  };
}

/** One 队长 and one 副队长, as the team elected them: naming a new one makes the previous holder a member, and nobody holds both. */
export function withRole(leads: Leads, personId: string, role: GroupRole): Leads {
  const without = { leaderId: leads.leaderId === personId ? null : leads.leaderId, deputyId: leads.deputyId === personId ? null : leads.deputyId };
  if (role === 'leader') return { ...without, leaderId: personId };
  if (role === 'deputy') return { ...without, deputyId: personId };
  return without;
}

/** A member's role in the group; anyone not a current member has none. */
export function roleOf(leads: Leads, m: Pick<MembershipDoc, 'personId' | 'status'>): GroupRole {
  if (m.status !== 'approved') return 'member';
  return leads.leaderId === m.personId ? 'leader' : leads.deputyId === m.personId ? 'deputy' : 'member';
}

export const notAMember = () => refuse('NOT_A_MEMBER', '这位居民不是本队队员');

/** Roles, roll call and history concern members only. */
export function currentMember(m: MembershipDoc | null): MembershipDoc {
  if (m?.status !== 'approved') throw notAMember();
  return m;
}

// ---------- Who may run a group.

export type ManagerView = 'staff' | 'leader';

/** 队长 and 副队长 run their own group, while they are members of it. */
export const leads = (group: Leads, m: MembershipDoc | null) => m !== null && roleOf(group, m) !== 'member';

/** Staff run every group; a 队长/副队长 runs theirs and no other. */
export function managerView(roles: ReadonlySet<Role>, group: Leads, ownMembership: MembershipDoc | null): ManagerView {
  if (isStaff(roles)) return 'staff';
  if (leads(group, ownMembership)) return 'leader';
  throw refuse('NOT_GROUP_MANAGER', '只有本队的队长、副队长或社工可以做这件事');
}

/**
 * How a 队长's views name a member: a pseudonym, the same on every view of the group (so the page
 * can act on it) and different in every group, from which nobody without the group's key can get
 * back the person's id, a WeChat openid that would identify them everywhere else.
 */
export const pseudonymOf = (key: string, personId: string) => `m_${createHmac('sha256', key).update(personId).digest('hex').slice(0, 24)}`;
export const isPseudonym = (id: string) => /^m_[0-9a-f]{24}$/.test(id);

/** Leaders see a phone masked: enough to tell two 王阿姨 apart; the station makes the calls. */
export const phoneFor = (view: ManagerView, phone: string) => (view === 'staff' ? phone : maskPhone(phone));

// ---------- Practice schedule (station-local days, 'YYYY-MM-DD').

const WEEKDAY_NAMES = ['', '一', '二', '三', '四', '五', '六', '日'];

/** 1 = 周一 … 7 = 周日 */
export const weekdayOf = (day: string) => dayjs.utc(day).day() || 7;

export const addDays = (day: string, n: number) => dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');

export const isCancelled = (s: PracticeSchedule, day: string) => s.cancelledDays.includes(day);

export const isPracticeDay = (s: PracticeSchedule, day: string) => !isCancelled(s, day) && (s.weekdays.includes(weekdayOf(day)) || s.extraDays.includes(day));

export const practiceStart = (s: PracticeSchedule, day: string) => dayjs.tz(`${day} ${s.startTime}`, 'YYYY-MM-DD HH:mm', STATION_TZ).toDate();

export const practiceEnd = (s: PracticeSchedule, day: string) => new Date(practiceStart(s, day).getTime() + s.durationMinutes * 60_000);

/** '12月5日 周二 19:00' */
export const practiceLabel = (day: string, startTime: string) => `${dayText(startOfLocalDay(day))} ${startTime}`;

/** A practice as the schedule has it now. */
export const practiceOf = (s: PracticeSchedule, day: string) => ({
  day,
  startAt: practiceStart(s, day),
  endAt: practiceEnd(s, day),
  label: practiceLabel(day, s.startTime),
});

/** A practice as it was held, from its attendance record: the schedule may have moved since. */
export const heldPractice = (day: string, startAt: Date, durationMinutes: number) => ({
  day,
  startAt,
  endAt: new Date(startAt.getTime() + durationMinutes * 60_000),
  label: practiceLabel(day, dayjs(startAt).tz(STATION_TZ).format('HH:mm')),
});

/** Every scheduled day from `from` to `to` inclusive, cancelled ones included (the page shows them struck out). */
export function scheduledDays(s: PracticeSchedule, from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (s.weekdays.includes(weekdayOf(day)) || s.extraDays.includes(day)) days.push(day);
  }
  return days;
}

/** The next `n` practices that have not ended yet (today's counts until it is over). */
export function nextPractices(s: PracticeSchedule, now: Date, n: number) {
  const found = [];
  // A year ahead is enough for any weekly schedule; a schedule cancelled for longer shows none.
  for (let day = localDay(now), i = 0; found.length < n && i < 366; day = addDays(day, 1), i++) {
    if (isPracticeDay(s, day) && practiceEnd(s, day) > now) found.push(practiceOf(s, day));
  }
  return found;
}

/**
 * The practices called off (停练) from now until `untilDay` inclusive, as they were scheduled:
 * the group's page shows them among the next practices instead of letting them vanish.
 */
export function calledOffPractices(s: PracticeSchedule, now: Date, untilDay: string) {
  return scheduledDays(s, localDay(now), untilDay)
    .filter((day) => isCancelled(s, day) && practiceEnd(s, day) > now)
    .map((day) => practiceOf(s, day));
}

/** How far ahead called-off practices are shown: up to the last practice listed, or four weeks when none is. */
export const calledOffUntil = (listed: readonly { day: string }[], now: Date) => listed.at(-1)?.day ?? addDays(localDay(now), 28);

const hhmmPlus = (hhmm: string, minutes: number) => {
  const total = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) + minutes;
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/** '每周二、周四 19:00-20:30', '每天 07:00-08:00' */
export function describeSchedule(s: PracticeSchedule): string {
  const days = [...new Set(s.weekdays)].sort((a, b) => a - b);
  const when = days.length === 7 ? '每天' : `每${days.map((d) => `周${WEEKDAY_NAMES[d]}`).join('、')}`;
  return `${when} ${s.startTime}-${hhmmPlus(s.startTime, s.durationMinutes)}`;
}

// ---------- Roll call (点名): each practice is an attendance Session, keyed by group + local day.

export const practiceSessionId = (groupId: string, day: string) => `${groupId}~${day}`;

export function practiceSession(group: GroupDoc, day: string): Session {
  return {
    id: practiceSessionId(group._id, day),
    kind: 'groupPractice',
    sourceId: group._id,
    title: `${group.name}练习`,
    serviceArea: group.serviceArea,
    indicatorId: group.indicatorId,
    startAt: practiceStart(group.schedule, day),
  };
}

/**
 * Ticking is for a practice that takes place, on a day from the paper roll calls typed in when the
 * group was entered in the app (earliestRecordDay) to today; unticking is always allowed.
 */
export function checkCanTick(group: Pick<GroupDoc, 'schedule' | 'createdAt'>, day: string, now: Date): void {
  const s = group.schedule;
  if (isCancelled(s, day)) throw refuse('PRACTICE_CANCELLED', '这天停练了，不能点名');
  if (!isPracticeDay(s, day)) throw refuse('NOT_PRACTICE_DAY', '这天没有安排练习。如需加练，请社工先在练习安排里加上这一天');
  if (day > localDay(now)) throw refuse('PRACTICE_NOT_STARTED', '练习还没到，到练习当天再点名');
  const earliest = earliestRecordDay(group.createdAt);
  if (day < earliest) throw refuse('PRACTICE_TOO_EARLY', `这天太早了：最早只能补点 ${dayjs(earliest).format('YYYY年M月D日')}以后的练习`);
}

export const canTick = (group: Pick<GroupDoc, 'schedule' | 'createdAt'>, day: string, now: Date) =>
  isPracticeDay(group.schedule, day) && day <= localDay(now) && day >= earliestRecordDay(group.createdAt);

/**
 * Where a member's record starts: the day they joined, or their first roll call if earlier (paper
 * roll calls entered after the fact may predate joining in the app).
 */
export const historyStart = (joinedOn: string, attendedDays: string[]) => [joinedOn, ...attendedDays].sort()[0];
