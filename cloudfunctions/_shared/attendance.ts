import { db } from './cloud';
import { localDay, localMonth } from './time';

/**
 * Attendance is the one record every count comes from (受益人次 = attendances, 活动次数 =
 * sessions with at least one attendance). Activities, series sessions, group practices and
 * services given all check people in through here, so the counting rules live in one place.
 */
export type SessionKind = 'activity' | 'groupPractice' | 'service' | 'record';

/** A session that took place: one activity, one session of a series, one practice, one service given. */
export interface Session {
  id: string;
  kind: SessionKind;
  /** The activity, group or service type the session belongs to. */
  sourceId: string;
  title: string;
  serviceArea: string;
  targetGroup?: string;
  /** The plan indicator (计划指标) it counts toward, or null: 项目目标未涉及的拓展服务. */
  indicatorId: string | null;
  startAt: Date;
  /**
   * The occasion 活动次数 counts: distinct occasionIds, falling back to the sessionId when absent. A
   * kind counted per occasion gives everyone at it the same one; a kind counted per service given,
   * one per attendee.
   */
  occasionId?: string;
}

export interface AttendanceDoc {
  _id: string;
  sessionId: string;
  kind: SessionKind;
  sourceId: string;
  title: string;
  serviceArea: string;
  targetGroup: string | null;
  indicatorId: string | null;
  startAt: Date;
  /** Station-local day and month of the session, so tallies group without time-zone maths. */
  day: string;
  month: string;
  personId: string;
  /** The person plus the family members who came with them. */
  headcount: number;
  recordedBy: string;
  recordedAt: Date;
  /** What 活动次数 counts (Session.occasionId); absent: the sessionId. */
  occasionId?: string;
}

/** One person at one session is one record: the natural key makes a second check-in a no-op. */
export const attendanceId = (sessionId: string, personId: string) => `${sessionId}~${personId}`;

export function attendanceRecord(session: Session, personId: string, headcount: number, recordedBy: string, now: Date): AttendanceDoc {
  return {
    _id: attendanceId(session.id, personId),
    sessionId: session.id,
    kind: session.kind,
    sourceId: session.sourceId,
    title: session.title,
    serviceArea: session.serviceArea,
    targetGroup: session.targetGroup ?? null,
    indicatorId: session.indicatorId,
    startAt: session.startAt,
    day: localDay(session.startAt),
    month: localMonth(session.startAt),
    personId,
    headcount,
    recordedBy,
    recordedAt: now,
    ...(session.occasionId === undefined ? {} : { occasionId: session.occasionId }),
  };
}

/** The service's duplicate-key refusal: a natural key used as `_id` is a uniqueness guarantee. */
export const isDuplicate = (err: unknown) => /DUPLICATE|E11000/.test(String((err as { code?: string })?.code) + String((err as Error)?.message));

/** Records that a person attended; returns false when they were already checked in. One DB request. */
export async function recordAttendance(doc: AttendanceDoc): Promise<boolean> {
  try {
    await db.collection('attendance').add(doc);
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** Undoes a check-in ticked by mistake. */
export async function removeAttendance(sessionId: string, personId: string): Promise<boolean> {
  const { deleted } = (await db.collection('attendance').doc(attendanceId(sessionId, personId)).remove()) as { deleted?: number };
  return (deleted ?? 0) > 0;
}
