import type { ActionInput } from '../../cloudfunctions/contracts';
import type { TestCloud } from '../support/cloud';

export type CreateInput = ActionInput<'records', 'create'>;

let keys = 0;
/** A request key as the form makes one when it opens: unique per form. */
export const newKey = () => `testkey${String(++keys).padStart(9, '0')}`;

/** The attendance docs the records function wrote, straight from the database. */
export function recordAttendance(cloud: TestCloud, recordId?: string) {
  const docs = (cloud.emulator.dump().attendance ?? []) as Array<
    Record<string, unknown> & { sourceId: string; personId: string; headcount: number; sessionId: string; occasionId?: string }
  >;
  return docs.filter((d) => d.kind === 'record' && (recordId === undefined || d.sourceId === recordId));
}

/** 活动次数 (distinct occasions) and 受益人次 of attendance docs, as the data model counts them. */
export function tally(docs: ReturnType<typeof recordAttendance>) {
  return { sessions: new Set(docs.map((d) => d.occasionId ?? d.sessionId)).size, visits: docs.reduce((n, d) => n + d.headcount, 0) };
}

export const workRecordDocs = (cloud: TestCloud) => (cloud.emulator.dump().workRecords ?? []) as Array<Record<string, unknown> & { _id: string }>;
