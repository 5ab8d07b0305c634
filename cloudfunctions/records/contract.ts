import { z } from 'zod';
import { action, STAFF } from '../_shared/contract';
import { id } from '../_shared/schemas';
import { DOCUMENTS, FIELD_TYPES, fieldShape, KINDS, occasionOf, RECORD_KINDS, recordDay, type RecordKind } from './kinds';

/**
 * The station's work on record (工作记录): back-entered activities from the paper 签到表, meetings,
 * trainings, needs assessment, resource linking, people and groups developed, the daily hall.
 * Staff only (社工, project lead): the secretary reads the reports (stats), not the records.
 */

/** Made by the form when it opens; the record's `_id` comes from it, so a double tap of 保存 or a retry writes one record. */
export const requestKey = z
  .string()
  .min(16)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/);
/** A record's id: `wr_` and its request key. */
export const recordId = z
  .string()
  .min(19)
  .max(43)
  .regex(/^wr_[A-Za-z0-9_-]+$/);

const common = {
  requestKey,
  /** The plan indicator (计划指标) it counts toward; null: 项目目标未涉及的拓展服务. */
  indicatorId: id.nullable().default(null),
  /** 已留存的资料内容. */
  documents: z.array(z.enum(DOCUMENTS)).max(DOCUMENTS.length).default([]),
};

/** One kind's input: the common part, its occasions (dates and who came) and its own fields. */
const createOf = <K extends RecordKind>(kind: K) =>
  z.object({
    kind: z.literal(kind),
    ...common,
    occasions: z.array(occasionOf(kind)).min(1).max(KINDS[kind].maxOccasions),
    ...fieldShape(kind),
  });

/** What `create` takes, one shape per kind: the compiler names what a kind's input lacks. */
export const createInput = z.discriminatedUnion('kind', [
  createOf('heldActivity'),
  createOf('meeting'),
  createOf('training'),
  createOf('householdInterview'),
  createOf('communityWalk'),
  createOf('needsReport'),
  createOf('resourceLinking'),
  createOf('residentLeader'),
  createOf('groupIncubated'),
  createOf('hallVisit'),
]);
export type CreateInput = z.output<typeof createInput>;
// Fails to compile when a kind of kinds.ts has no shape in the union above.
const everyKind: Exclude<RecordKind, CreateInput['kind']> extends never ? true : never = true;
void everyKind;

/** Replies travel as JSON: instants go out as ISO strings. */
const iso = z.date().transform((d) => d.toISOString());
const kindId = z.enum(RECORD_KINDS);

const fieldSpec = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  max: z.number().optional(),
  min: z.number().optional(),
  unit: z.string().optional(),
  choices: z.array(z.string()).optional(),
  initial: z.union([z.string(), z.number()]).optional(),
  hint: z.string().optional(),
});

/** A kind as the form renders it. */
const kindView = z.object({
  id: kindId,
  title: z.string(),
  blurb: z.string(),
  countsPer: z.enum(['occasion', 'service']),
  attends: z.enum(['residents', 'staff', 'none']),
  /** '1 份', '1 人', '1 个', or '' for a kind that counts 次 and 人次 only. */
  outputText: z.string(),
  maxOccasions: z.number(),
  dayLabel: z.string(),
  attendance: z.object({
    named: z.object({ max: z.number(), label: z.string(), headcountLabel: z.string() }).nullable(),
    unnamed: z.object({ max: z.number(), label: z.string() }).nullable(),
  }),
  fields: z.array(fieldSpec),
  documents: z.array(z.string()),
});

const outputs = z.object({ people: z.number(), groups: z.number(), reports: z.number() });

/** A record in the list: counts only, never who came. */
const summary = z.object({
  id: z.string(),
  kind: kindId,
  kindTitle: z.string(),
  title: z.string(),
  /** One line from its fields: the meeting's topic, the donor, the hall activity… */
  summary: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  occasionCount: z.number(),
  /** 活动次数 and 受益人次 as the attendance record counts them. */
  sessions: z.number(),
  visits: z.number(),
  outputs,
  /** '1 份', '' when none. */
  outputText: z.string(),
  backEntered: z.boolean(),
  enteredByName: z.string(),
  enteredAt: iso,
  /** Entered by mistake: its author or an admin may remove it within 7 days. */
  canRemove: z.boolean(),
  removed: z.boolean(),
});

/** One record with what it holds: staff read who came, as they entered it. */
const detail = summary.extend({
  serviceArea: z.string().nullable(),
  targetGroup: z.string().nullable(),
  indicatorId: z.string().nullable(),
  /** The indicator's name in the plan; '' when none or no longer in the plan. */
  indicator: z.string(),
  details: z.array(z.object({ label: z.string(), value: z.string() })),
  documents: z.array(z.string()),
  staffPresent: z.number(),
  volunteersPresent: z.number(),
  occasions: z.array(
    z.object({
      day: z.string(),
      sessions: z.number(),
      visits: z.number(),
      attendees: z.array(z.object({ personId: z.string(), name: z.string(), headcount: z.number() })),
      /** People whose names were not taken. */
      unnamed: z.number(),
    }),
  ),
});

const byId = z.object({ recordId });

export const recordsContract = {
  /** The kinds and their fields for the form, with the plan's indicators and the days a record may carry. */
  kinds: action({
    input: z.object({}),
    output: z.object({
      today: z.string(),
      /** The first day a record may carry: the plan period's start, or 2000-01-01 without a plan. */
      earliestDay: z.string(),
      indicators: z.array(z.object({ id: z.string(), name: z.string() })),
      /** Every document the form offers (已留存的资料内容); each kind ticks its own to start with. */
      documents: z.array(z.string()),
      kinds: z.array(kindView),
    }),
    allow: STAFF,
  }),
  create: action({ input: createInput, output: detail, allow: STAFF }),
  /** Records with an occasion in [from, to] (station days, inclusive), latest first; `more` when the list was cut. */
  list: action({
    input: z.object({ from: recordDay, to: recordDay, kind: kindId.optional() }),
    output: z.object({ from: z.string(), to: z.string(), records: z.array(summary), more: z.boolean() }),
    allow: STAFF,
  }),
  get: action({ input: byId, output: detail, allow: STAFF }),
  /** A record entered by mistake: gone from the list and from every count; within 7 days, by its author or an admin. */
  remove: action({ input: byId, output: z.object({ id: z.string(), removed: z.literal(true) }), allow: STAFF }),
};
export type RecordsContract = typeof recordsContract;
