import type { AttendanceDoc, Session } from '../_shared/attendance';
import { attendanceRecord } from '../_shared/attendance';
import { AppError, notFound } from '../_shared/errors';
import { dayjs, localDay, localMonth, STATION_TZ } from '../_shared/time';
import { KINDS, type KindId, type RecordForm, type RequestForm, type ServiceKind } from './kinds';

/**
 * Domain rules of the services: the one lifecycle every kind of request follows, haircut-day slots,
 * what a service given writes down, and volunteer hours. Plain functions, data in → data out.
 */

// ─── The request lifecycle ────────────────────────────────────────────────────────────────────

/** submitted → scheduled / matched → done, or cancelled / declined at any open step. */
export const STATUSES = ['submitted', 'scheduled', 'matched', 'done', 'cancelled', 'declined'] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'scheduled', 'matched'];
export const isOpen = (s: Status) => OPEN_STATUSES.includes(s);

/** What staff or the resident do to a request. */
export type RequestEvent = 'schedule' | 'match' | 'complete' | 'cancel' | 'decline';

/** A kind together with its form, so that code switching on the kind knows the form's fields. */
export type KindAndForm = { [K in KindId]: { kind: K; form: RequestForm<K> } }[KindId];

/** The time slot a haircut booking holds. */
export interface BookedSlot {
  day: string;
  slotId: string;
  /** The slot's position in the day's slots: the path of the guarded seat update. */
  index: number;
  startAt: Date;
  endAt: Date;
}

export type RequestDoc = KindAndForm & {
  _id: string;
  /** The resident served. A child's tutoring is the parent's request: children come through their parents. */
  personId: string;
  /** Who entered it: the resident, or a worker for a resident without WeChat (代预约). */
  requestedBy: string;
  status: Status;
  slot: BookedSlot | null;
  scheduledAt: Date | null;
  volunteerId: string | null;
  /** What staff tell the resident when scheduling or matching (where, what to bring). */
  staffNote: string;
  declineReason: string;
  createdAt: Date;
  updatedAt: Date;
};

/** A request as first written, whether asked for with a form or booked into a haircut slot: nothing scheduled, matched or said yet. */
export function newRequest(wanted: KindAndForm, fields: Pick<RequestDoc, '_id' | 'personId' | 'requestedBy' | 'status' | 'slot'>, now: Date): RequestDoc {
  const { _id, personId, requestedBy, status, slot } = fields;
  return {
    _id,
    ...wanted,
    personId,
    requestedBy,
    status,
    slot,
    scheduledAt: null,
    volunteerId: null,
    staffNote: '',
    declineReason: '',
    createdAt: now,
    updatedAt: now,
  };
}

const CLOSED_MESSAGES: Record<Status, string> = {
  submitted: '',
  scheduled: '',
  matched: '',
  done: '这条申请已经完成了',
  cancelled: '这条申请已经取消了',
  declined: '这条申请已经婉拒了',
};

const closed = (status: Status) => new AppError('REQUEST_CLOSED', CLOSED_MESSAGES[status]);

/** A request nobody has taken up yet cannot be completed or have a service logged against it. */
const notTakenUp = (kind: ServiceKind) =>
  kind.intake === 'match'
    ? new AppError('NOT_MATCHED', '这条申请还没有匹配志愿者，不能记录服务')
    : new AppError('NOT_SCHEDULED', '这条申请还没有安排时间，请先安排');

const wrongIntake = (kind: ServiceKind, event: RequestEvent) =>
  new AppError('WRONG_KIND', event === 'match' ? `${kind.title}不需要匹配志愿者` : `${kind.title}不需要这样安排`);

/** The status a request moves to, or the refusal. The one state machine of every kind. */
export function nextStatus(kind: ServiceKind, from: Status, event: RequestEvent): Status {
  if (!isOpen(from)) throw closed(from);
  switch (event) {
    case 'cancel':
      return 'cancelled';
    case 'decline':
      return 'declined';
    case 'schedule':
      if (kind.intake !== 'schedule') throw wrongIntake(kind, event);
      return 'scheduled';
    case 'match':
      if (kind.intake !== 'match') throw wrongIntake(kind, event);
      return 'matched';
    case 'complete':
      // A haircut is done when it is given: closing it by hand would leave no record of the service.
      if (kind.oneOff) throw new AppError('RECORD_TO_COMPLETE', `${kind.title}记录服务后会自动完成`);
      if (from === 'submitted') throw notTakenUp(kind);
      return 'done';
  }
}

/**
 * The status after a service recorded by mistake is deleted. Only a one-off kind's record closes
 * its request (statusAfterService), and only from `scheduled` — a slot booked or a visit in the
 * calendar — so deleting that record reopens it there: staff can then record it again correctly,
 * or cancel it. An ongoing request was never moved by a record and stays where it is.
 */
export function statusAfterUndo(kind: ServiceKind, from: Status): Status {
  return kind.oneOff && from === 'done' ? 'scheduled' : from;
}

/** The status after a service is given on a request: a haircut closes it, tutoring goes on. */
export function statusAfterService(kind: ServiceKind, from: Status): Status {
  if (!isOpen(from)) throw closed(from);
  if (from === 'submitted') throw notTakenUp(kind);
  return kind.oneOff ? 'done' : from;
}

/** A haircut booking holds a seat while it is scheduled; leaving that state gives the seat back. */
export const holdsSeat = (r: Pick<RequestDoc, 'kind' | 'status' | 'slot'>) => r.kind === 'haircut' && r.status === 'scheduled' && r.slot !== null;

export interface Actor {
  id: string;
  /** 社工 or project lead: may act on anyone's request. */
  isStaff: boolean;
}

/**
 * Someone else's request is, to a resident or a volunteer, one that does not exist: booking ids are
 * guessable (`bookingId`), and a different refusal would tell whether that person booked that day.
 */
const notYours = () => notFound('申请');

/**
 * A resident cancels only their own request — made by them, or for the offline record a worker
 * linked to their account (`ownIds`); staff may cancel for a resident who phoned in.
 */
export function assertMayCancel(request: Pick<RequestDoc, 'personId'>, actor: Actor, ownIds: readonly string[] = [actor.id]): void {
  if (!actor.isStaff && !ownIds.includes(request.personId)) throw notYours();
}

/** A volunteer logs and reads sessions only of the requests matched to them. */
export function assertMayServe(request: Pick<RequestDoc, 'volunteerId'>, actor: Actor): void {
  if (!actor.isStaff && request.volunteerId !== actor.id) throw notYours();
}

/** Staff put a visit in the calendar from today on; yesterday is a record, not a schedule. */
export function assertSchedulable(at: Date, now: Date): void {
  if (localDay(at) < localDay(now)) throw new AppError('SCHEDULE_PAST', '安排的日期已经过去了，请重新选择');
}

const STATUS_TEXT: Record<Status, string> = {
  submitted: '等待安排',
  scheduled: '已安排',
  matched: '已匹配志愿者',
  done: '已完成',
  cancelled: '已取消',
  declined: '未能安排',
};

export function statusText(kind: KindId, status: Status): string {
  if (kind === 'haircut' && status === 'scheduled') return '已预约';
  if (kind === 'tutoring' && status === 'matched') return '已匹配辅导老师';
  return STATUS_TEXT[status];
}

const HHmm = (at: Date) => dayjs(at).tz(STATION_TZ).format('HH:mm');
const MMDD = (at: Date) => dayjs(at).tz(STATION_TZ).format('M月D日');

/** A slot as a resident reads it: '12月5日 09:00–09:30'. */
export const slotText = (slot: Pick<BookedSlot, 'startAt' | 'endAt'>) => `${MMDD(slot.startAt)} ${HHmm(slot.startAt)}–${HHmm(slot.endAt)}`;

const withNote = (parts: string[], note: string) => [...parts, ...(note ? [note] : [])].join(' · ');

/** One line that says what was asked for, for the resident's list, the queue and the tutor. */
export function describeRequest(request: KindAndForm & { slot: BookedSlot | null }): string {
  switch (request.kind) {
    case 'haircut':
      return request.slot ? slotText(request.slot) : '';
    case 'homeHaircut':
      return withNote([`希望${request.form.preferredTimes.join('、')}`], request.form.note);
    case 'tutoring': {
      const f = request.form;
      return withNote([f.childName, f.grade, f.subjects.join('、'), f.preferredTimes.join('、')], f.note);
    }
    case 'homeVisit':
      return withNote([request.form.support.join('、'), `希望${request.form.preferredTimes.join('、')}`], request.form.note);
  }
}

/**
 * The same resident asking twice for the same thing while the first request is open is a slip of
 * the finger; a second child's tutoring is a new request.
 */
export function isRepeatRequest(open: Array<Pick<RequestDoc, 'kind' | 'form' | 'status'>>, wanted: KindAndForm): boolean {
  return open.some(
    (r) =>
      r.kind === wanted.kind && isOpen(r.status) && (wanted.kind !== 'tutoring' || (r.form as RequestForm<'tutoring'>).childName === wanted.form.childName),
  );
}

// ─── Haircut days (爱心义剪) ──────────────────────────────────────────────────────────────────

export interface HaircutSlot {
  id: string;
  startAt: Date;
  endAt: Date;
  seats: number;
  /** Taken only by one guarded update per booking, never counted and then written. */
  taken: number;
}

export interface HaircutDayDoc {
  /** The station-local day: one haircut day per date. */
  _id: string;
  day: string;
  place: string;
  note: string;
  slots: HaircutSlot[];
  publishedBy: string;
  createdAt: Date;
  /** When staff called the whole day off; a called-off day takes no bookings and no seat changes. */
  cancelledAt: Date | null;
  /** What the residents whose bookings were cancelled are told. */
  cancelReason: string;
  /** Who called it off, for the worker asked about it later. */
  cancelledBy?: string;
}

export interface SlotPlan {
  startAt: Date;
  endAt: Date;
  seats: number;
}

export const slotId = (startAt: Date) => `${localDay(startAt)}~${dayjs(startAt).tz(STATION_TZ).format('HHmm')}`;
export const dayOfSlot = (id: string) => id.slice(0, 10);

/** One booking per person per haircut day: the natural key makes a second one impossible. */
export const bookingId = (day: string, personId: string) => `haircut~${day}~${personId}`;

/** A booking cancelled or declined that day may be made again; one that is open or done may not. */
export const mayBookAgain = (previous: Status | undefined) => previous === undefined || previous === 'cancelled' || previous === 'declined';

export const seatsLeft = (slot: Pick<HaircutSlot, 'seats' | 'taken'>) => Math.max(0, slot.seats - slot.taken);

/** A haircut day from the slots staff typed in, or the refusal that says what to fix. */
export function planHaircutDay(input: { place: string; note: string; slots: SlotPlan[] }, publishedBy: string, now: Date): HaircutDayDoc {
  const slots = [...input.slots].sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const day = localDay(slots[0].startAt);
  for (const [i, s] of slots.entries()) {
    if (s.endAt <= s.startAt) throw new AppError('SLOT_TIME', '每个时段的结束时间要晚于开始时间');
    if (localDay(s.startAt) !== day || localDay(new Date(s.endAt.getTime() - 1)) !== day) {
      throw new AppError('SLOTS_SPAN_DAYS', '所有时段要在同一天');
    }
    if (i > 0 && s.startAt < slots[i - 1].endAt) throw new AppError('SLOTS_OVERLAP', '时段之间有重叠，请调整');
  }
  if (slots[0].startAt <= now) throw new AppError('DAY_PAST', '不能发布已经过去的时间');
  return {
    _id: day,
    day,
    place: input.place,
    note: input.note,
    slots: slots.map((s) => ({ id: slotId(s.startAt), startAt: s.startAt, endAt: s.endAt, seats: s.seats, taken: 0 })),
    publishedBy,
    createdAt: now,
    cancelledAt: null,
    cancelReason: '',
  };
}

/** The slot and its position in the day (the position is the path of the guarded update). */
export function findSlot(day: Pick<HaircutDayDoc, 'slots'>, id: string): { slot: HaircutSlot; index: number } {
  const index = day.slots.findIndex((s) => s.id === id);
  if (index < 0) throw new AppError('NOT_FOUND', '没有找到这个时段，可能已被调整，请刷新');
  return { slot: day.slots[index], index };
}

/**
 * Whether a seat may be asked for. A slot that looks full is refused here without a write; one that
 * looks free may still be taken by someone faster, which the guarded update catches.
 */
export function assertBookable(slot: HaircutSlot, now: Date): void {
  if (slot.startAt <= now) throw new AppError('BOOKING_CLOSED', '这个时段已经开始了，请选择其他时段');
  if (seatsLeft(slot) === 0) throw slotFull();
}

export const slotFull = () => new AppError('SLOT_FULL', '这个时段已经约满了，请选择其他时段');
export const alreadyBooked = () => new AppError('ALREADY_BOOKED', '您这一天已经约过了，每人每天只能约一个时段');
export const dayCancelled = () => new AppError('DAY_CANCELLED', '这一天的义剪已经取消了，请选择其他日期');

/**
 * Staff may change a slot's seats until it starts — to 0 to stop taking bookings — but never below
 * the bookings it holds: turning a booked resident away is a cancellation, said to them, not a number.
 */
export function assertSeatsChange(day: Pick<HaircutDayDoc, 'cancelledAt'>, slot: HaircutSlot, seats: number, now: Date): void {
  if (day.cancelledAt) throw dayCancelled();
  if (slot.startAt <= now) throw new AppError('SLOT_STARTED', '这个时段已经开始了，不能再改名额');
  if (seats < slot.taken) throw new AppError('SEATS_BELOW_BOOKINGS', `这个时段已经有 ${slot.taken} 人预约了，名额不能少于 ${slot.taken} 个`);
}

/**
 * A haircut day may be called off until its first slot starts. One already called off may be
 * called off again: that second call finishes what a first one, cut short, left undone.
 */
export function assertCancellable(day: Pick<HaircutDayDoc, 'cancelledAt' | 'slots'>, now: Date): void {
  if (day.cancelledAt) return;
  if (day.slots[0].startAt <= now) throw new AppError('DAY_STARTED', '这一天的义剪已经开始了，不能整天取消');
}

/** What a resident is told when their haircut day is called off: once per booking, by its key. */
export function haircutCancelledNotice(
  booking: Pick<RequestDoc, '_id' | 'personId' | 'slot'>,
  day: Pick<HaircutDayDoc, 'place'>,
  openid: string | null,
  now: Date,
) {
  return {
    _id: `haircutCancelled~${booking._id}`,
    kind: 'haircutCancelled' as const,
    personId: booking.personId,
    openid,
    requestId: booking._id,
    title: KINDS.haircut.title,
    timeText: booking.slot ? slotText(booking.slot) : '',
    place: day.place,
    createdAt: now,
  };
}

// ─── Services given (服务记录) ────────────────────────────────────────────────────────────────

/** Who a service was given to: the request it answers, or a resident directly. Exactly one. */
export function servedTarget(form: { requestId?: string; personId?: string }): { requestId: string } | { personId: string } {
  if (form.requestId && !form.personId) return { requestId: form.requestId };
  if (form.personId && !form.requestId) return { personId: form.personId };
  throw new AppError('INVALID_INPUT', '请选择一位居民或一条申请');
}

/** A date range a person picked: in order, and at most a year so one read covers it. */
export function assertRange(from: string, to: string): void {
  if (from > to) throw new AppError('BAD_RANGE', '开始日期不能晚于结束日期');
  if (dayjs(to).diff(dayjs(from), 'day') > 366) throw new AppError('BAD_RANGE', '一次最多查一年');
}

/**
 * How far back a record may be typed in from paper (the service log, a group's roll-call book)
 * when what it belongs to — a request, a resident, a group — is entered in the app: about two
 * months, this month's and last month's sheets. Anything earlier is a typing slip (2000-01-01).
 */
export const PAPER_BACKLOG_DAYS = 62;

/** The first station day a record may carry, for something entered in the app at `enteredAt`. */
export const earliestRecordDay = (enteredAt: Date) => localDay(new Date(enteredAt.getTime() - PAPER_BACKLOG_DAYS * 86_400_000));

/**
 * A service is recorded for a day from when what it answers was entered (its request, or for a
 * walk-in the resident's record; less the paper backlog) to today, station time: a service given
 * later today may be logged now, tomorrow's may not.
 */
export function assertGiven(at: Date, now: Date, enteredAt: Date): void {
  if (localDay(at) > localDay(now)) throw new AppError('NOT_YET', '服务还没有进行，不能提前记录');
  const earliest = earliestRecordDay(enteredAt);
  if (localDay(at) < earliest) throw new AppError('RECORD_TOO_EARLY', `服务日期太早了：最早只能补记 ${dayjs(earliest).format('YYYY年M月D日')}以后的服务`);
}

/**
 * One record per request (or resident) per kind per day: the tutor and a worker logging the same
 * session make one record, not two 受益人次.
 */
export const serviceRecordId = (kind: KindId, subject: string, at: Date) => `${kind}~${subject}~${localDay(at)}`;

export interface ServiceRecordDoc {
  _id: string;
  kind: KindId;
  requestId: string | null;
  personId: string;
  at: Date;
  day: string;
  month: string;
  minutes: number;
  /** The volunteer who gave it; their hours are the minutes of these records. */
  volunteerId: string | null;
  subject: string | null;
  support: string[];
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

export function serviceRecord(
  form: RecordForm & { kind: KindId },
  ids: { requestId: string | null; personId: string; volunteerId: string | null },
  recordedBy: string,
  now: Date,
): ServiceRecordDoc {
  return {
    _id: serviceRecordId(form.kind, ids.requestId ?? ids.personId, form.at),
    kind: form.kind,
    requestId: ids.requestId,
    personId: ids.personId,
    at: form.at,
    day: localDay(form.at),
    month: localMonth(form.at),
    minutes: form.minutes,
    volunteerId: ids.volunteerId,
    subject: 'subject' in form ? form.subject : null,
    support: 'support' in form ? form.support : [],
    note: form.note,
    recordedBy,
    recordedAt: now,
  };
}

/** How long a service record may be deleted as a mistake: long enough to notice, short enough that monthly reports hold. */
export const DELETE_WITHIN_DAYS = 7;

export function assertDeletable(record: Pick<ServiceRecordDoc, 'recordedAt'>, now: Date): void {
  if (now.getTime() - record.recordedAt.getTime() > DELETE_WITHIN_DAYS * 86_400_000) {
    throw new AppError('TOO_LATE_TO_DELETE', `只能删除 ${DELETE_WITHIN_DAYS} 天内记下的服务记录，这条已经超过了`);
  }
}

/**
 * How each kind counts 活动次数: a haircut day in the hall or a tutoring Saturday is one occasion for
 * everyone served that day (30 haircuts: 1 次, 30 人次); a home visit or a home haircut is one
 * occasion per service given (1 次, 1 人次).
 */
export const COUNTED_PER_OCCASION: ReadonlySet<KindId> = new Set(['haircut', 'tutoring']);

/**
 * A service given is a Session of kind `service` with the person served checked in, headcount 1:
 * the same attendance record activities and group practices use, so one service is one 受益人次.
 */
export function serviceAttendance(record: ServiceRecordDoc, indicatorId: string | null, now: Date): AttendanceDoc {
  const kind = KINDS[record.kind];
  const session: Session = {
    id: record._id,
    kind: 'service',
    sourceId: kind.id,
    title: kind.title,
    serviceArea: kind.serviceArea,
    indicatorId,
    startAt: record.at,
    occasionId: COUNTED_PER_OCCASION.has(kind.id) ? `${kind.id}~${localDay(record.at)}` : record._id,
  };
  return attendanceRecord(session, record.personId, 1, record.recordedBy, now);
}

// ─── Volunteer hours (志愿服务时长) ────────────────────────────────────────────────────────────

export interface VolunteerTotal {
  volunteerId: string;
  minutes: number;
  services: number;
}

/** Each volunteer's minutes and services, most hours first. */
export function totalsByVolunteer(records: Array<Pick<ServiceRecordDoc, 'volunteerId' | 'minutes'>>): VolunteerTotal[] {
  const totals = new Map<string, VolunteerTotal>();
  for (const r of records) {
    if (!r.volunteerId) continue;
    const t = totals.get(r.volunteerId) ?? { volunteerId: r.volunteerId, minutes: 0, services: 0 };
    t.minutes += r.minutes;
    t.services += 1;
    totals.set(r.volunteerId, t);
  }
  return [...totals.values()].sort(byMostMinutes);
}

/** Volunteers with the most minutes first; ties in a stable order. */
export const byMostMinutes = (a: VolunteerTotal, b: VolunteerTotal) => b.minutes - a.minutes || a.volunteerId.localeCompare(b.volunteerId);

/** Hours as the national volunteer record shows them: hours with one decimal. */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
