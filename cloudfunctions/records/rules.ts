import { attendanceId, attendanceRecord, type AttendanceDoc, type Session } from '../_shared/attendance';
import { AppError } from '../_shared/errors';
import { dayjs, localDay, localMonth, startOfLocalDay } from '../_shared/time';
import type { CreateInput } from './contract';
import { KINDS, OUTPUT_UNITS, TOP_LEVEL_FIELDS, type Field, type KindDef, type Outputs, type RecordKind } from './kinds';

/** A detail as stored: what a field held. */
export type DetailValue = string | number | string[] | null;

/**
 * One piece of work on record (collection `workRecords`). Its attendance (kind 'record', sourceId =
 * the record's `_id`) is what every count reads; the record keeps what the attendance cannot: the
 * fields, the outputs (人, 个, 份), the documents kept, who entered it and when.
 */
export interface WorkRecordDoc {
  /** `wr_<requestKey>`: the form's key, so a double tap or a retry writes one record. */
  _id: string;
  kind: RecordKind;
  title: string;
  serviceArea: string | null;
  targetGroup: string | null;
  indicatorId: string | null;
  /** The first occasion: the instant its station day starts. */
  startAt: Date;
  day: string;
  month: string;
  /** Every occasion's station day, in the order entered, and the last of them (lists find a series by its span). */
  days: string[];
  lastDay: string;
  details: Record<string, DetailValue>;
  /** Residents the record names (attendees, a leader developed): what an erasure has to find. */
  personIds: string[];
  outputs: Outputs;
  /** 已留存的资料内容: 签到表, 会议记录… */
  documents: string[];
  staffPresent: number;
  volunteersPresent: number;
  /** Entered after the day it happened (补录), from paper. */
  backEntered: boolean;
  enteredBy: string;
  enteredAt: Date;
  removedAt?: Date;
  removedBy?: string;
}

const refuse = (code: string, message: string) => new AppError(code, message);
const dayText = (day: string) => dayjs(day).format('YYYY年M月D日');

export const recordIdFor = (requestKey: string) => `wr_${requestKey}`;

/** Before 2000 is a typing slip whatever the plan says (the schema refuses it too). */
export const EARLIEST_DAY = '2000-01-01';

/** The first day a record may carry: the plan period's start, or 2000-01-01 without a plan. */
export const earliestDay = (planFrom: string | null) => (planFrom && planFrom > EARLIEST_DAY ? planFrom : EARLIEST_DAY);

/**
 * Records stay true: an occasion is not after today (station time) and not before the project
 * existed (the plan period's start), so a year typed wrong cannot land in a report.
 */
export function assertPlausibleDays(days: readonly string[], now: Date, planFrom: string | null): void {
  const today = localDay(now);
  const earliest = earliestDay(planFrom);
  for (const day of days) {
    if (day > today) throw refuse('RECORD_IN_FUTURE', `${dayText(day)}还没到，只能记录今天和以前的工作`);
    if (day < earliest) {
      throw refuse(
        'RECORD_BEFORE_PROJECT',
        planFrom ? `${dayText(day)}在项目开始（${dayText(earliest)}）之前，请检查日期` : `${dayText(day)}太早了，请检查日期`,
      );
    }
  }
}

/** One call writes at most this many attendances: a big series is entered in parts. */
export const MAX_ATTENDANCES = 400;

type Occasion = CreateInput['occasions'][number];

/** The attendances one occasion writes (see kinds.ts Attends). */
function attendancesOf(def: KindDef, o: Occasion): number {
  if (def.attends === 'none') return 0;
  if (def.attends === 'staff') return 1;
  return o.attendees.length + (def.countsPer === 'service' ? o.unnamed : o.unnamed > 0 ? 1 : 0);
}

/**
 * Who came, as it can be counted: someone at each occasion of a kind residents attend, each
 * resident once per occasion (their family is their headcount), and not more than one call writes.
 */
export function assertAttendance(input: CreateInput): void {
  const def = KINDS[input.kind] as KindDef;
  if (def.attends === 'residents') {
    for (const o of input.occasions) {
      if (o.attendees.length === 0 && o.unnamed === 0) throw refuse('NOBODY_CAME', `${dayText(o.day)}没有填到场的人，请选居民或填人数`);
      const seen = new Set<string>();
      for (const a of o.attendees) {
        if (seen.has(a.personId)) throw refuse('ATTENDEE_TWICE', `${dayText(o.day)}有一位居民选了两次，请去掉一个（家人请记在人数里）`);
        seen.add(a.personId);
      }
    }
  }
  if (input.kind === 'meeting' && input.staff + input.communityStaff + input.residentLeaders + input.others === 0) {
    throw refuse('NO_PARTICIPANTS', '请填参会人数');
  }
  const total = input.occasions.reduce((n, o) => n + attendancesOf(def, o), 0);
  if (total > MAX_ATTENDANCES) throw refuse('RECORD_TOO_BIG', `一次最多记 ${MAX_ATTENDANCES} 人次的签到，请分几次补录`);
}

/** Every resident a record names: attendees, and the person of a kind about one (a leader developed). */
export function personIdsOf(input: CreateInput): string[] {
  const ids = input.occasions.flatMap((o) => o.attendees.map((a) => a.personId));
  for (const [key, fd] of Object.entries(KINDS[input.kind].fields as Record<string, Field>)) {
    const value = (input as unknown as Record<string, unknown>)[key];
    if (fd.spec.type === 'person' && typeof value === 'string') ids.push(value);
  }
  return [...new Set(ids)];
}

/** The record as stored, from a checked input. */
export function buildRecord(input: CreateInput, enteredBy: string, now: Date): WorkRecordDoc {
  const def = KINDS[input.kind] as KindDef;
  const values = input as unknown as Record<string, unknown>;
  const details: Record<string, DetailValue> = {};
  for (const key of Object.keys(def.fields)) {
    if (!(TOP_LEVEL_FIELDS as readonly string[]).includes(key)) details[key] = (values[key] as DetailValue | undefined) ?? null;
  }
  const days = input.occasions.map((o) => o.day);
  const first = [...days].sort()[0];
  const last = [...days].sort().at(-1)!;
  const startAt = startOfLocalDay(first);
  const text = (key: string) => (typeof values[key] === 'string' && values[key] !== '' ? (values[key] as string) : null);
  const count = (key: string) => (typeof values[key] === 'number' ? (values[key] as number) : 0);
  return {
    _id: recordIdFor(input.requestKey),
    kind: input.kind,
    title: def.titleOf(values as never),
    serviceArea: text('serviceArea') ?? def.serviceArea,
    targetGroup: text('targetGroup'),
    indicatorId: input.indicatorId,
    startAt,
    day: first,
    month: localMonth(startAt),
    days,
    lastDay: last,
    details,
    personIds: personIdsOf(input),
    outputs: { ...def.outputs },
    documents: [...new Set(input.documents)],
    staffPresent: count('staffPresent'),
    volunteersPresent: count('volunteersPresent'),
    backEntered: first < localDay(now),
    enteredBy,
    enteredAt: now,
  };
}

/** A session per occasion: the record itself, or `${_id}~${n}` for each date of a series. */
export const sessionIdOf = (record: Pick<WorkRecordDoc, '_id' | 'days'>, n: number) => (record.days.length === 1 ? record._id : `${record._id}~${n + 1}`);

/** The person an attendance names when names were not taken: unique-people counts skip these. */
export const ANONYMOUS = 'anon~';
export const isAnonymous = (personId: string) => personId.startsWith(ANONYMOUS);

/**
 * The occasion 活动次数 counts for the whole occasion of a per-occasion kind: the session, except
 * for the hall, where each day and activity is one occasion however many registers were entered.
 */
function occasionIdOf(record: WorkRecordDoc, sessionId: string, day: string): string {
  if (record.kind === 'hallVisit') return `hallVisit~${day}~${record.details.activity}`;
  return sessionId;
}

/**
 * The attendance a record writes, through the one attendance mechanism (kind 'record'):
 * - residents, per occasion: each resident with their headcount, and those whose names were not
 *   taken as ONE attendance `anon~<sessionId>` with their headcount; all share the occasion;
 * - residents, per service: each resident (family, household) is its own occasion; people whose
 *   names were not taken are one each, `anon~<sessionId>~<n>`, headcount 1;
 * - staff: one attendance `anon~<sessionId>` with headcount 0 per occasion, so it counts 1 次 and
 *   no 受益人次;
 * - none: nothing (the record's outputs count instead).
 */
export function attendanceOf(record: WorkRecordDoc, occasions: readonly Occasion[], now: Date): AttendanceDoc[] {
  const def = KINDS[record.kind] as KindDef;
  if (def.attends === 'none') return [];
  return occasions.flatMap((o, n) => {
    const sessionId = sessionIdOf(record, n);
    const startAt = startOfLocalDay(o.day);
    const session: Session = {
      id: sessionId,
      kind: 'record',
      sourceId: record._id,
      title: occasions.length > 1 ? `${record.title}（第${n + 1}次）` : record.title,
      // Staff work has no service area; the attendance record takes a string.
      serviceArea: record.serviceArea ?? '',
      targetGroup: record.targetGroup ?? undefined,
      indicatorId: record.indicatorId,
      startAt,
    };
    const write = (personId: string, headcount: number, occasionId: string) =>
      attendanceRecord({ ...session, occasionId }, personId, headcount, record.enteredBy, now);
    if (def.attends === 'staff') return [write(`${ANONYMOUS}${sessionId}`, 0, sessionId)];
    if (def.countsPer === 'occasion') {
      const occasionId = occasionIdOf(record, sessionId, o.day);
      const named = o.attendees.map((a) => write(a.personId, a.headcount, occasionId));
      return o.unnamed > 0 ? [...named, write(`${ANONYMOUS}${sessionId}`, o.unnamed, occasionId)] : named;
    }
    const named = o.attendees.map((a) => write(a.personId, a.headcount, attendanceId(sessionId, a.personId)));
    const unnamed = Array.from({ length: o.unnamed }, (_, i) => {
      const personId = `${ANONYMOUS}${sessionId}~${i + 1}`;
      return write(personId, 1, attendanceId(sessionId, personId));
    });
    return [...named, ...unnamed];
  });
}

/** How long a record may be removed as a mistake: long enough to notice, short enough that monthly reports hold. */
export const REMOVE_WITHIN_DAYS = 7;

export interface Remover {
  id: string;
  isAdmin: boolean;
}

export const mayRemove = (record: Pick<WorkRecordDoc, 'enteredBy' | 'enteredAt' | 'removedAt'>, who: Remover, now: Date) =>
  !record.removedAt && (who.isAdmin || record.enteredBy === who.id) && now.getTime() - record.enteredAt.getTime() <= REMOVE_WITHIN_DAYS * 86_400_000;

/** Entered by mistake: removed by the one who entered it, or an admin, within 7 days of entering. */
export function assertRemovable(record: Pick<WorkRecordDoc, 'enteredBy' | 'enteredAt'>, who: Remover, now: Date): void {
  if (!who.isAdmin && record.enteredBy !== who.id) throw refuse('NOT_YOUR_RECORD', '只有记录人或项目负责人可以删除这条记录');
  if (now.getTime() - record.enteredAt.getTime() > REMOVE_WITHIN_DAYS * 86_400_000) {
    throw refuse('TOO_LATE_TO_REMOVE', `只能删除 ${REMOVE_WITHIN_DAYS} 天内记下的记录，这条已经超过了`);
  }
}

/** A list asks at most a year. */
export function assertRange(from: string, to: string): void {
  if (to < from) throw refuse('RANGE_INVALID', '结束日期不能早于开始日期');
  if (dayjs(to).diff(dayjs(from), 'day') > 366) throw refuse('RANGE_TOO_LONG', '一次最多查一年');
}

// ---------- What the pages read.

/** '1 份', '2 人', '' when the record produces no output. */
export function outputText(outputs: Outputs): string {
  return (Object.keys(OUTPUT_UNITS) as (keyof Outputs)[])
    .filter((k) => (outputs[k] ?? 0) > 0)
    .map((k) => `${outputs[k]} ${OUTPUT_UNITS[k]}`)
    .join('、');
}

/** A detail as the page reads it: a number with its unit, a list joined, '' when empty or 0. */
function detailText(value: DetailValue, fd: Field, names: ReadonlyMap<string, string>): string {
  if (value === null || value === '' || value === 0) return '';
  if (fd.spec.type === 'person' && typeof value === 'string') return names.get(value) ?? '（已删除的居民）';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'number') return `${value}${fd.spec.unit ? ` ${fd.spec.unit}` : ''}`;
  return value;
}

/** The fields of a record, labelled, in the kind's order; empty ones left out. */
export function detailLines(record: WorkRecordDoc, names: ReadonlyMap<string, string>): { label: string; value: string }[] {
  const def = KINDS[record.kind] as KindDef;
  return Object.entries(def.fields)
    .filter(([key]) => key in record.details)
    .map(([key, fd]) => ({ label: fd.spec.label, value: detailText(record.details[key], fd, names) }))
    .filter((l) => l.value !== '');
}

/** One line for the list: the kind's first text or choice field that says what this one was. */
export function summaryLine(record: WorkRecordDoc, names: ReadonlyMap<string, string>): string {
  const def = KINDS[record.kind] as KindDef;
  const parts = Object.entries(def.fields)
    .filter(([key, fd]) => key in record.details && fd.spec.type !== 'longText' && fd.spec.type !== 'number')
    .map(([key, fd]) => detailText(record.details[key], fd, names))
    .filter((text) => text !== '' && text !== record.title);
  return parts.slice(0, 2).join(' · ');
}

/** 活动次数 and 受益人次 of a record, as its attendance counts them. */
export interface Tally {
  sessions: number;
  visits: number;
}

/** 次 and 人次 per occasion of a record, from its attendance: distinct occasions, summed headcounts. */
export function occasionsOf(record: WorkRecordDoc, attendance: readonly AttendanceDoc[], names: ReadonlyMap<string, string>) {
  return record.days.map((day, n) => {
    const sessionId = sessionIdOf(record, n);
    const mine = attendance.filter((a) => a.sessionId === sessionId);
    return {
      day,
      sessions: new Set(mine.map((a) => a.occasionId ?? a.sessionId)).size,
      visits: mine.reduce((s, a) => s + a.headcount, 0),
      attendees: mine
        .filter((a) => !isAnonymous(a.personId))
        .map((a) => ({ personId: a.personId, name: names.get(a.personId) ?? '（已删除的居民）', headcount: a.headcount })),
      unnamed: mine.filter((a) => isAnonymous(a.personId)).reduce((s, a) => s + a.headcount, 0),
    };
  });
}

/** A record as the list shows it. */
export function summaryView(record: WorkRecordDoc, tally: Tally, names: ReadonlyMap<string, string>, who: Remover, now: Date) {
  return {
    id: record._id,
    kind: record.kind,
    kindTitle: KINDS[record.kind].title,
    title: record.title,
    summary: summaryLine(record, names),
    firstDay: record.day,
    lastDay: record.lastDay,
    occasionCount: record.days.length,
    sessions: tally.sessions,
    visits: tally.visits,
    outputs: { people: record.outputs.people ?? 0, groups: record.outputs.groups ?? 0, reports: record.outputs.reports ?? 0 },
    outputText: outputText(record.outputs),
    backEntered: record.backEntered,
    enteredByName: names.get(record.enteredBy) ?? '',
    enteredAt: record.enteredAt,
    canRemove: mayRemove(record, who, now),
    removed: record.removedAt !== undefined,
  };
}
