import type { Session } from '../_shared/attendance';
import { AppError, notFound } from '../_shared/errors';
import { dayjs, dayText, localDay, STATION_TZ } from '../_shared/time';
import type { ACTIVITY_STATUSES, SIGN_UP_STATUSES } from './contract';

/**
 * The activity rules, as plain functions: data in, data out or a refusal. The handlers read,
 * call these, and write.
 *
 * Seats: the activity document is the one authority on who holds a seat. `seatHolders` lists
 * them, `seatsHeld` says how many each holds, and `seatsTaken` is their sum; all three change
 * together in one atomic, guarded update. A sign-up document records only what the resident
 * wants (`active`: wants to come, or withdrew; `seats`: for how many). A sign-up's status is
 * derived from the two, so no status can go stale:
 *   active and a seat holder     → registered (已报名)
 *   active, not a seat holder    → waitlisted (候补)
 *   withdrawn                    → cancelled  (已取消)
 * Seats are taken for what a sign-up asked when it was read; if it changed meanwhile (withdrawn,
 * or signed up again for another party) the one who took them gives them back. The state a crash
 * can leave half-done — seats held for a sign-up that no longer asks for them — is what
 * `seatsToRelease` finds, and the next operation on the activity releases those seats.
 */
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export type SignUpStatus = (typeof SIGN_UP_STATUSES)[number];

export interface SessionSlot {
  id: string;
  startAt: Date;
  endAt: Date;
  topic: string;
}

export interface ActivityDoc {
  _id: string;
  title: string;
  serviceArea: string;
  targetGroup: string;
  place: string;
  description: string;
  /** One for a one-off activity, several for a series (小组). Sorted by start. */
  sessions: SessionSlot[];
  /** The first session's start and the last one's end, for queries by date. */
  startAt: Date;
  endAt: Date;
  signUpDeadline: Date;
  capacity: number;
  maxParty: number;
  safetyAgreement: boolean;
  safetyTerms: string;
  indicatorId: string | null;
  status: ActivityStatus;
  seatsTaken: number;
  seatHolders: string[];
  /** Seats each holder holds, by person id: the same people as `seatHolders`, summing to `seatsTaken`. */
  seatsHeld: Record<string, number>;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PartyMember {
  name: string;
  relation: string;
}

export interface SignUpDoc {
  /** `${activityId}~${personId}`: a double tap makes one sign-up, not two. */
  _id: string;
  activityId: string;
  personId: string;
  /** Wants to come (true) or withdrew (false). Seats are held on the activity, not here. */
  active: boolean;
  seats: number;
  /** Who this is on the roster: a random id the door's actions name them by, never their openid. */
  ref: string;
  party: PartyMember[];
  agreedSafetyAt: Date | null;
  /** Who entered it: the resident's own openid, or the worker's (代报名). */
  by: string;
  /** Place in the waitlist: the last time this sign-up was made. */
  queuedAt: Date;
  /** Sessions they were marked absent from. */
  noShow: string[];
  createdAt: Date;
  updatedAt: Date;
}

export const signUpId = (activityId: string, personId: string) => `${activityId}~${personId}`;
export const sessionId = (activityId: string, index: number) => `${activityId}-${index + 1}`;

/** The resident plus the family members they bring. */
export const seatsFor = (party: readonly unknown[]) => 1 + party.length;

export function statusOf(signUp: Pick<SignUpDoc, 'active' | 'personId'>, activity: Pick<ActivityDoc, 'seatHolders'>): SignUpStatus {
  if (!signUp.active) return 'cancelled';
  return activity.seatHolders.includes(signUp.personId) ? 'registered' : 'waitlisted';
}

/** The caller's status, or null when they never signed up. */
export const statusFor = (signUp: SignUpDoc | null, activity: Pick<ActivityDoc, 'seatHolders'>): SignUpStatus | null =>
  signUp ? statusOf(signUp, activity) : null;

/** How many seats a person holds (0: none; an activity stored before `seatsHeld` reads as none). */
export const heldBy = (activity: Pick<ActivityDoc, 'seatsHeld'>, personId: string): number => activity.seatsHeld?.[personId] ?? 0;

/**
 * Seats held for a sign-up that no longer asks for them — withdrawn, or signed up again for a
 * different party — when the step that gives them back was cut short: these are to be released.
 * A holder without a sign-up here is left alone (an erasure is moving both to a pseudonym).
 */
export function seatsToRelease(
  activity: Pick<ActivityDoc, 'seatHolders' | 'seatsHeld'>,
  signUps: readonly Pick<SignUpDoc, 'active' | 'personId' | 'seats'>[],
): { personId: string; seats: number }[] {
  const byPerson = new Map(signUps.map((s) => [s.personId, s]));
  return activity.seatHolders.flatMap((personId) => {
    const s = byPerson.get(personId);
    const seats = heldBy(activity, personId);
    return s && (!s.active || s.seats !== seats) ? [{ personId, seats }] : [];
  });
}

export const seatsLeft = (a: Pick<ActivityDoc, 'capacity' | 'seatsTaken'>) => Math.max(0, a.capacity - a.seatsTaken);

/** The first waiting sign-up, in queue order, whose party fits in the seats left. */
export function firstThatFits<T extends Pick<SignUpDoc, 'seats'>>(waitlist: readonly T[], left: number): T | null {
  return waitlist.find((s) => s.seats <= left) ?? null;
}

const refuse = (code: string, message: string) => new AppError(code, message);
export const activityCancelled = () => refuse('ACTIVITY_CANCELLED', '这个活动已经取消了');

/** Sessions of a new or edited notice, with their ids; refuses an end before its start. */
export function planSessions(
  activityId: string,
  input: { startAt?: Date; endAt?: Date; sessions?: { startAt: Date; endAt: Date; topic?: string }[] },
): SessionSlot[] {
  const given: { startAt: Date; endAt: Date; topic?: string }[] =
    input.sessions ?? (input.startAt && input.endAt ? [{ startAt: input.startAt, endAt: input.endAt }] : []);
  if (given.length === 0) throw refuse('BAD_SCHEDULE', '请填写活动的开始和结束时间');
  for (const s of given) {
    if (s.endAt <= s.startAt) throw refuse('BAD_SCHEDULE', '结束时间要晚于开始时间');
  }
  return [...given]
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime())
    .map((s, i) => ({ id: sessionId(activityId, i), startAt: s.startAt, endAt: s.endAt, topic: s.topic ?? '' }));
}

/** The deadline defaults to the first session's start, and may not be later. */
export function deadlineFor(sessions: readonly SessionSlot[], deadline?: Date): Date {
  const firstStart = sessions[0].startAt;
  if (!deadline) return firstStart;
  if (deadline > firstStart) throw refuse('BAD_DEADLINE', '报名截止时间不能晚于活动开始时间');
  return deadline;
}

export function checkCapacity(capacity: number, seatsTaken: number): void {
  if (capacity < seatsTaken) throw refuse('CAPACITY_BELOW_TAKEN', `已有 ${seatsTaken} 个名额被报走，名额不能少于 ${seatsTaken}`);
}

export const canEdit = (status: ActivityStatus) => status === 'draft' || status === 'published';

/** Draft → published → finished, or cancelled before it is finished. */
export function checkTransition(activity: Pick<ActivityDoc, 'status' | 'startAt' | 'signUpDeadline'>, to: ActivityStatus, now: Date): void {
  const from = activity.status;
  if (from === to) return;
  if (from === 'cancelled') throw activityCancelled();
  if (from === 'finished') throw refuse('ACTIVITY_FINISHED', '这个活动已经结束了');
  if (to === 'published') {
    if (activity.signUpDeadline <= now) throw refuse('DEADLINE_PASSED', '报名截止时间已过，请先修改时间再发布');
    return;
  }
  if (to === 'finished') {
    if (from !== 'published') throw refuse('NOT_PUBLISHED', '活动还没有发布');
    if (activity.startAt > now) throw refuse('NOT_STARTED', '活动还没开始，不能结束');
  }
}

/** How long before a session starts and after it ends a volunteer may work its door. */
export const DOOR_WINDOW_MS = 12 * 3600 * 1000;

/**
 * Volunteers help at the door on the day: outside it, an activity's roster (who signed up for a
 * 残障 or 低保 activity is itself sensitive) and its check-ins are staff business only.
 */
export function checkDoorDay(activity: Pick<ActivityDoc, 'sessions'>, now: Date): void {
  const t = now.getTime();
  const onDuty = activity.sessions.some((s) => t >= s.startAt.getTime() - DOOR_WINDOW_MS && t <= s.endAt.getTime() + DOOR_WINDOW_MS);
  if (!onDuty) throw refuse('NOT_DOOR_DAY', '志愿者只能在活动当天帮忙签到');
}

/**
 * A one-off activity someone was checked in to took place: it is finished, not called off.
 * A series may still be called off; the sessions already held keep counting.
 */
export function checkCancellable(activity: Pick<ActivityDoc, 'sessions'>, checkedIn: number): void {
  if (activity.sessions.length === 1 && checkedIn > 0) throw refuse('ALREADY_HELD', '已经有人签到，活动算已举办，请点“结束活动”');
}

/** Everything a sign-up must pass before anything is written. */
export function checkSignUp(activity: ActivityDoc, req: { partySize: number; agreeSafety?: boolean; now: Date }): void {
  if (activity.status === 'draft') throw notFound('活动');
  if (activity.status === 'cancelled') throw activityCancelled();
  if (activity.status === 'finished' || req.now >= activity.signUpDeadline) throw refuse('SIGNUP_CLOSED', '报名已经截止了');
  if (req.partySize > activity.maxParty) {
    throw refuse('PARTY_TOO_LARGE', activity.maxParty === 0 ? '这个活动只能本人报名，不能带家人' : `这个活动每人最多带 ${activity.maxParty} 位家人`);
  }
  if (1 + req.partySize > activity.capacity) throw refuse('PARTY_TOO_LARGE', `这个活动一共只有 ${activity.capacity} 个名额`);
  if (activity.safetyAgreement && req.agreeSafety !== true) throw refuse('SAFETY_AGREEMENT_REQUIRED', '请先阅读并同意安全协议');
}

/**
 * A party names each family member once: the same name and relation twice would hold a seat for
 * nobody (3 seats for 2 people).
 */
export function checkParty(party: readonly { name: string; relation: string }[]): void {
  const seen = new Set<string>();
  for (const m of party) {
    const key = `${m.name.trim()}\u0000${m.relation.trim()}`;
    if (seen.has(key)) throw refuse('DUPLICATE_MEMBER', `${m.name.trim()}（${m.relation.trim()}）报了两次，同一位家人只能报一次`);
    seen.add(key);
  }
}

/** A resident withdraws before the deadline; after it, a worker does it for them. */
export function checkCancel(activity: Pick<ActivityDoc, 'status' | 'signUpDeadline'>, now: Date, byStaff: boolean): void {
  if (activity.status === 'finished') throw refuse('ACTIVITY_FINISHED', '这个活动已经结束了');
  if (activity.status === 'published' && !byStaff && now >= activity.signUpDeadline) {
    throw refuse('CANCEL_CLOSED', '报名已截止，不能在手机上取消了，请联系社工');
  }
}

/** A freed seat goes to the waitlist until the activity starts. */
export const promotionOpen = (activity: Pick<ActivityDoc, 'status' | 'startAt'>, now: Date) => activity.status === 'published' && now < activity.startAt;

/** What a contact form fills in an empty profile. A name is the one thing a sign-up needs. */
export function profileFill(
  person: { name: string; phone: string } | null,
  contact: { name: string; phone?: string } | undefined,
): { name?: string; phone?: string } {
  const patch: { name?: string; phone?: string } = {};
  if (!person?.name && contact) patch.name = contact.name;
  if (!person?.phone && contact?.phone) patch.phone = contact.phone;
  if (!person?.name && !patch.name) throw refuse('PROFILE_INCOMPLETE', '请先填写您的姓名，方便社工联系和签到');
  return patch;
}

/** The party as stored: name and relation only, whatever else the household record holds. */
export const partyOf = (members: readonly { name: string; relation: string }[]): PartyMember[] => members.map(({ name, relation }) => ({ name, relation }));

/** Which session a check-in is for: the one named, the only one, or today's. */
export function pickSession(activity: Pick<ActivityDoc, 'sessions'>, wanted: string | undefined, now: Date): SessionSlot {
  if (wanted !== undefined) {
    const found = activity.sessions.find((s) => s.id === wanted);
    if (!found) throw notFound('活动场次');
    return found;
  }
  if (activity.sessions.length === 1) return activity.sessions[0];
  const today = localDay(now);
  const todays = activity.sessions.find((s) => localDay(s.startAt) === today);
  if (!todays) throw refuse('SESSION_REQUIRED', '今天没有这个小组的活动，请选择是第几次活动');
  return todays;
}

/** The sign-in sheet is printed for today's session, else the next one, else the last one held. */
export function sessionForSheet(activity: Pick<ActivityDoc, 'sessions'>, wanted: string | undefined, now: Date): SessionSlot {
  if (wanted !== undefined || activity.sessions.length === 1) return pickSession(activity, wanted, now);
  const today = localDay(now);
  return activity.sessions.find((s) => localDay(s.startAt) === today || s.startAt > now) ?? activity.sessions[activity.sessions.length - 1];
}

export const notSignedUp = () => refuse('NOT_SIGNED_UP', '这位居民没有报名这个活动');
/** The person's erasure began while their sign-up was on its way: the sign-up is not kept. */
export const erasureUnderWay = () => refuse('ERASING', '资料正在删除中，这次报名没有保留');

/** Erasure marks the person's document first and deletes it last: either way, their sign-ups are not to stay. */
export const beingErased = (person: object | null) => person === null || 'erasure' in person;

export function checkCheckIn(activity: Pick<ActivityDoc, 'status'>, status: SignUpStatus): void {
  if (activity.status === 'draft') throw refuse('NOT_PUBLISHED', '活动还没有发布');
  if (activity.status === 'cancelled') throw activityCancelled();
  if (status === 'cancelled') throw notSignedUp();
  if (status === 'waitlisted') throw refuse('ON_WAITLIST', '这位居民还在候补，请先在报名表里转为正式报名');
}

/** The resident plus the family members who came; at most the party they signed up with. */
export function headcountFor(seats: number, headcount: number | undefined): number {
  if (headcount === undefined) return seats;
  if (headcount > seats) throw refuse('HEADCOUNT_TOO_LARGE', `这位居民报名时共 ${seats} 人，到场人数不能更多`);
  return headcount;
}

/** The session as the shared attendance record knows it: attendance is what counts as 受益人次. */
export function attendanceSession(activity: ActivityDoc, slot: SessionSlot): Session {
  return {
    id: slot.id,
    kind: 'activity',
    sourceId: activity._id,
    title: activity.sessions.length > 1 ? `${activity.title}（第${activity.sessions.indexOf(slot) + 1}次）` : activity.title,
    serviceArea: activity.serviceArea,
    targetGroup: activity.targetGroup || undefined,
    indicatorId: activity.indicatorId,
    startAt: slot.startAt,
  };
}

export function checkNoShows(slot: SessionSlot, now: Date): void {
  if (slot.startAt > now) throw refuse('NOT_STARTED', '这次活动还没开始，不能标记缺席');
}

/** Registered people not checked in at a session: the ones to mark no-show. */
export const absentees = (registered: readonly string[], attended: ReadonlySet<string>) => registered.filter((p) => !attended.has(p));

/** Sessions taking place tomorrow (station-local day): the day-before reminder is for these. */
export function sessionsTomorrow(activity: Pick<ActivityDoc, 'sessions'>, now: Date): SessionSlot[] {
  const tomorrow = dayjs(now).tz(STATION_TZ).add(1, 'day').format('YYYY-MM-DD');
  return activity.sessions.filter((s) => localDay(s.startAt) === tomorrow);
}

/** '12月5日 周六 09:30-11:30', or both ends in full when it spans days. Station-local. */
export function timeText(startAt: Date, endAt: Date): string {
  const s = dayjs(startAt).tz(STATION_TZ);
  const e = dayjs(endAt).tz(STATION_TZ);
  if (s.format('YYYY-MM-DD') === e.format('YYYY-MM-DD')) return `${dayText(startAt)} ${s.format('HH:mm')}-${e.format('HH:mm')}`;
  return `${dayText(startAt)} ${s.format('HH:mm')} 至 ${dayText(endAt)} ${e.format('HH:mm')}`;
}

/** '12月4日 周五 18:00' */
export function instantText(at: Date): string {
  return `${dayText(at)} ${dayjs(at).tz(STATION_TZ).format('HH:mm')}`;
}

/** The roster's order: on the list in sign-up order, then the waitlist in queue order, then withdrawn. */
export function rosterOrder<T extends { status: SignUpStatus; signedUpAt: Date }>(entries: T[]): T[] {
  const rank: Record<SignUpStatus, number> = { registered: 0, waitlisted: 1, cancelled: 2 };
  return [...entries].sort((a, b) => rank[a.status] - rank[b.status] || a.signedUpAt.getTime() - b.signedUpAt.getTime());
}

/**
 * The staff list's order, as the day at the station runs: activities with a session today first
 * (earliest first), then those still to come by their next session (soonest first), then the
 * past ones, the latest first.
 */
export function staffOrder<T extends { sessions: readonly { startAt: Date }[]; endAt: Date }>(list: readonly T[], now: Date): T[] {
  const today = localDay(now);
  const key = (a: T) => {
    const todays = a.sessions.find((s) => localDay(s.startAt) === today);
    if (todays) return { group: 0, at: todays.startAt.getTime() };
    const next = a.sessions.find((s) => s.startAt > now);
    if (next) return { group: 1, at: next.startAt.getTime() };
    return { group: 2, at: -a.endAt.getTime() };
  };
  const keyed = list.map((a, i) => ({ a, i, k: key(a) }));
  keyed.sort((x, y) => x.k.group - y.k.group || x.k.at - y.k.at || x.i - y.i);
  return keyed.map((x) => x.a);
}
