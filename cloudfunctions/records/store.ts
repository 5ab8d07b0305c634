import { isDuplicate, recordAttendance, type AttendanceDoc } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { people } from '../_shared/people';
import type { RecordKind } from './kinds';
import { isAnonymous, type Tally, type WorkRecordDoc } from './rules';

/** Reads and writes of the records function, each a fixed number of DB requests. */
export const workRecords = () => db.collection('workRecords');
const attendance = () => db.collection('attendance');

/** The service's largest page. */
const PAGE = 1000;
/** Attendance written at once: a series of 400 check-ins goes in 20 rounds, not 400 in a row. */
const AT_ONCE = 20;

export interface PlanBounds {
  /** The plan period's first day, or null without a plan. */
  from: string | null;
  indicators: { id: string; name: string }[];
}

/** What a record needs of the plan (stats keeps it as `plans/project`): its start, its indicators' names. */
export async function planBounds(): Promise<PlanBounds> {
  const { data } = await db.collection('plans').where({ _id: 'project' }).field({ from: true, indicators: true }).limit(1).get();
  const plan = data[0] as { from?: string; indicators?: { id: string; name: string }[] } | undefined;
  return { from: plan?.from ?? null, indicators: (plan?.indicators ?? []).map((i) => ({ id: i.id, name: i.name })) };
}

/** Names of the people among `ids` (residents, offline residents, staff); ids not found are not in the map. */
export async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => !isAnonymous(id));
  if (wanted.length === 0) return new Map();
  const { data } = await people()
    .where({ _id: _.in(wanted) })
    .field({ name: true })
    .limit(PAGE)
    .get();
  return new Map((data as { _id: string; name: string }[]).map((p) => [p._id, p.name]));
}

/** Which of `ids` are people the station holds, not being erased: who a new record may name. */
export async function livePeople(ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { data } = await people()
    .where({ _id: _.in([...ids]) })
    .field({ erasure: true })
    .limit(PAGE)
    .get();
  return new Set((data as { _id: string; erasure?: unknown }[]).filter((p) => p.erasure === undefined).map((p) => p._id));
}

export async function getRecord(id: string): Promise<WorkRecordDoc | null> {
  const { data } = await workRecords().where({ _id: id }).limit(1).get();
  return (data[0] as WorkRecordDoc | undefined) ?? null;
}

/** Adds the record under its natural key; returns null when added, or the record already under that key. */
export async function addRecord(doc: WorkRecordDoc): Promise<WorkRecordDoc | null> {
  try {
    await workRecords().add(doc);
    return null;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    const existing = await getRecord(doc._id);
    if (!existing) throw err;
    return existing;
  }
}

/** Writes a record's attendance; each is idempotent (its natural key), so a retry finishes what a cut-short call began. */
export async function writeAttendance(docs: readonly AttendanceDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += AT_ONCE) await Promise.all(docs.slice(i, i + AT_ONCE).map(recordAttendance));
}

/** Every attendance of a record goes: it stops counting anywhere. One request. */
export async function removeAttendanceOf(recordId: string): Promise<void> {
  await attendance().where({ kind: 'record', sourceId: recordId }).remove();
}

export async function attendanceOf(recordId: string): Promise<AttendanceDoc[]> {
  const { data } = await attendance().where({ kind: 'record', sourceId: recordId }).limit(PAGE).get();
  return data as AttendanceDoc[];
}

/** Marks a record removed; false when another call removed it first. */
export async function markRemoved(id: string, by: string, now: Date): Promise<boolean> {
  const { updated } = (await workRecords()
    .where({ _id: id, removedAt: _.exists(false) })
    .update({ removedAt: now, removedBy: by })) as { updated?: number };
  return (updated ?? 0) > 0;
}

/** Records not removed with an occasion in [from, to], latest first; at most `limit` + 1 (the one more says the list was cut). */
export async function recordsIn(from: string, to: string, kind: RecordKind | undefined, limit: number): Promise<WorkRecordDoc[]> {
  const where: Record<string, unknown> = { day: _.lte(to), lastDay: _.gte(from), removedAt: _.exists(false) };
  if (kind) where.kind = kind;
  const { data } = await workRecords()
    .where(where)
    .orderBy('day', 'desc')
    .orderBy('enteredAt', 'desc')
    .limit(limit + 1)
    .get();
  return data as WorkRecordDoc[];
}

/** 活动次数 and 受益人次 of each record, counted in the database: distinct occasions and summed headcounts. One request. */
export async function talliesOf(recordIds: readonly string[]): Promise<Map<string, Tally>> {
  if (recordIds.length === 0) return new Map();
  const { data } = await attendance()
    .aggregate()
    .match({ kind: 'record', sourceId: _.in([...recordIds]) })
    .group({ _id: '$sourceId', visits: { $sum: '$headcount' }, occasions: { $addToSet: { $ifNull: ['$occasionId', '$sessionId'] } } })
    .project({ visits: 1, sessions: { $size: '$occasions' } })
    .limit(PAGE)
    .end();
  return new Map((data as { _id: string; visits: number; sessions: number }[]).map((d) => [d._id, { sessions: d.sessions, visits: d.visits }]));
}
