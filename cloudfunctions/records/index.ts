import type { AttendanceDoc } from '../_shared/attendance';
import { AppError, notFound } from '../_shared/errors';
import { defineFunction, requireOpenid, type Caller } from '../_shared/router';
import { localDay } from '../_shared/time';
import { recordsContract } from './contract';
import { DOCUMENTS, fieldSpecs, KINDS, RECORD_KINDS, type Field, type KindDef, type RecordKind } from './kinds';
import {
  assertAttendance,
  assertPlausibleDays,
  assertRange,
  assertRemovable,
  attendanceOf,
  buildRecord,
  detailLines,
  earliestDay,
  occasionsOf,
  outputText,
  summaryView,
  type Remover,
  type WorkRecordDoc,
} from './rules';
import {
  addRecord,
  attendanceOf as storedAttendance,
  getRecord,
  livePeople,
  markRemoved,
  namesOf,
  planBounds,
  recordsIn,
  removeAttendanceOf,
  talliesOf,
  writeAttendance,
} from './store';

/** A list shows at most this many records; `more` says there were others (a shorter range finds them). */
const LIST_LIMIT = 200;

const removerOf = (caller: Caller): Remover => ({ id: requireOpenid(caller), isAdmin: caller.roles.has('admin') });

/** The ids a record's views name: who entered it and the residents of its person fields. */
const namedIn = (r: WorkRecordDoc) => [
  r.enteredBy,
  ...Object.entries(KINDS[r.kind].fields as Record<string, Field>)
    .filter(([key, fd]) => fd.spec.type === 'person' && typeof r.details[key] === 'string')
    .map(([key]) => r.details[key] as string),
];

/** What a second call with the same request key must match to count as the same record (a double tap, a retry). */
const sameRecord = (a: WorkRecordDoc, b: WorkRecordDoc) =>
  JSON.stringify([a.kind, a.title, a.days, a.details, a.personIds, a.indicatorId]) ===
  JSON.stringify([b.kind, b.title, b.days, b.details, b.personIds, b.indicatorId]);

async function detailView(record: WorkRecordDoc, who: Remover, now: Date, attendance?: AttendanceDoc[]) {
  const [docs, plan] = await Promise.all([attendance ?? storedAttendance(record._id), planBounds()]);
  const names = await namesOf([...namedIn(record), ...docs.map((d) => d.personId)]);
  const occasions = occasionsOf(record, docs, names);
  const tally = { sessions: new Set(docs.map((d) => d.occasionId ?? d.sessionId)).size, visits: docs.reduce((n, d) => n + d.headcount, 0) };
  return {
    ...summaryView(record, tally, names, who, now),
    serviceArea: record.serviceArea,
    targetGroup: record.targetGroup,
    indicatorId: record.indicatorId,
    indicator: plan.indicators.find((i) => i.id === record.indicatorId)?.name ?? '',
    details: detailLines(record, names),
    documents: record.documents,
    staffPresent: record.staffPresent,
    volunteersPresent: record.volunteersPresent,
    occasions,
  };
}

const kindView = (k: RecordKind) => {
  const def = KINDS[k] as KindDef;
  return {
    id: def.id,
    title: def.title,
    blurb: def.blurb,
    countsPer: def.countsPer,
    attends: def.attends,
    outputText: outputText(def.outputs),
    maxOccasions: def.maxOccasions,
    dayLabel: def.dayLabel,
    attendance: def.attendance,
    fields: fieldSpecs(k),
    documents: [...def.documents],
  };
};

export const main = defineFunction('records', recordsContract, {
  async kinds(_input, { now }) {
    const plan = await planBounds();
    return {
      today: localDay(now),
      earliestDay: earliestDay(plan.from),
      indicators: plan.indicators,
      documents: [...DOCUMENTS],
      kinds: RECORD_KINDS.map(kindView),
    };
  },

  async create(input, { caller, now }) {
    const who = removerOf(caller);
    assertAttendance(input);
    assertPlausibleDays(
      input.occasions.map((o) => o.day),
      now,
      (await planBounds()).from,
    );
    const fresh = buildRecord(input, who.id, now);
    // Someone whose erasure is under way is not named anew: their records are being anonymised.
    const live = await livePeople(fresh.personIds);
    if (fresh.personIds.some((id) => !live.has(id))) throw new AppError('UNKNOWN_PERSON', '有一位居民没有找到，可能资料已删除，请重新选择');

    // The record first, under its natural key: a second tap or a retry finds it and, when it is the
    // same record, finishes its attendance (each a no-op the second time) instead of counting twice.
    const existing = await addRecord(fresh);
    if (existing && (existing.enteredBy !== who.id || !sameRecord(existing, fresh))) {
      throw new AppError('ALREADY_RECORDED', '这条记录已经保存过了，内容不同的请重新打开表单再记');
    }
    const record = existing ?? fresh;
    if (!record.removedAt) {
      const docs = attendanceOf(record, input.occasions, now);
      await writeAttendance(docs);
      // Removed meanwhile (from another phone): what was just written must not count either.
      const after = await getRecord(record._id);
      if (after?.removedAt) await removeAttendanceOf(record._id);
      return detailView(after ?? record, who, now);
    }
    return detailView(record, who, now);
  },

  async list({ from, to, kind }, { caller, now }) {
    assertRange(from, to);
    const found = await recordsIn(from, to, kind, LIST_LIMIT);
    const records = found.slice(0, LIST_LIMIT);
    const [tallies, names] = await Promise.all([talliesOf(records.map((r) => r._id)), namesOf(records.flatMap(namedIn))]);
    const who = removerOf(caller);
    return {
      from,
      to,
      records: records.map((r) => summaryView(r, tallies.get(r._id) ?? { sessions: 0, visits: 0 }, names, who, now)),
      more: found.length > LIST_LIMIT,
    };
  },

  async get({ recordId }, { caller, now }) {
    const record = await getRecord(recordId);
    if (!record) throw notFound('记录');
    return detailView(record, removerOf(caller), now);
  },

  async remove({ recordId }, { caller, now }) {
    const record = await getRecord(recordId);
    if (!record) throw notFound('记录');
    const who = removerOf(caller);
    if (!record.removedAt) {
      assertRemovable(record, who, now);
      await markRemoved(record._id, who.id, now);
    }
    // Marked first, then its attendance: a retry after a crash finds it marked and finishes.
    await removeAttendanceOf(record._id);
    return { id: record._id, removed: true as const };
  },
});
