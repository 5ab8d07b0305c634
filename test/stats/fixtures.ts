import tcb from '@cloudbase/node-sdk';
import { attendanceRecord, type Session } from '../../cloudfunctions/_shared/attendance';
import type { ActivityDoc } from '../../cloudfunctions/activities/rules';
import { dayjs, localMonth, startOfLocalDay } from '../../cloudfunctions/_shared/time';
import type { TestCloud } from '../support/cloud';
import { clock } from '../support/clock';
import { startStationCloud } from '../support/station';

/** The people of the stats tests: the project lead (admin), a social worker and the secretary. */
export const LEAD = 'o_lead';
export const WORKER = 'o_worker';
export const SECRETARY = 'o_secretary';
export const RESIDENT = 'o_resident';
export const R = (n: number) => `o_r${n}`;

/** A fresh test cloud where the lead is admin and the worker and the secretary have their roles. */
export const statsCloud = () =>
  startStationCloud(LEAD, [
    [WORKER, ['worker']],
    [SECRETARY, ['secretary']],
  ]);

/**
 * FIXTURE DATA. Attendance exactly as the activities, groups and services functions record it
 * (built with the shared `attendanceRecord`), written straight into the emulator through the SDK:
 * one record per person at the session, with the family members they brought in `headcount`.
 * Call after statsCloud(), which points the SDK at the emulator.
 */
export async function attended(session: Partial<Session> & Pick<Session, 'id' | 'startAt'>, people: [personId: string, headcount: number][]) {
  const full: Session = { kind: 'activity', sourceId: session.id, title: session.id, serviceArea: '社区', indicatorId: null, ...session };
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  await db.collection('attendance').add(people.map(([personId, headcount]) => attendanceRecord(full, personId, headcount, WORKER, clock.now())));
}

/** The station month `k` months from the month of `at` ('YYYY-MM'); k < 0 is a past month. */
export const monthFrom = (at: Date, k: number) =>
  dayjs(`${localMonth(at)}-01`)
    .add(k, 'month')
    .format('YYYY-MM');

/** The last day ('YYYY-MM-DD') of a month 'YYYY-MM'. */
export const lastDayOf = (month: string) => dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD');

/** The instant the station month of `at` began (00:00 +08:00 on its first). */
export const monthStartOf = (at: Date) => startOfLocalDay(`${localMonth(at)}-01`);

/**
 * Moves an activity in time, as the calendar would: its first session starts at `startAt`, the
 * others and the sign-up deadline keep their distance to it. An activity is published ahead of
 * time, then moved into the past to be held. Test setup only; written straight to the database.
 */
export async function moveActivity(cloud: TestCloud, id: string, startAt: Date) {
  const a = (cloud.emulator.dump().activities as ActivityDoc[]).find((x) => x._id === id)!;
  const shift = startAt.getTime() - new Date(a.startAt).getTime();
  const move = (d: Date) => new Date(new Date(d).getTime() + shift);
  const sessions = a.sessions.map((s) => ({ ...s, startAt: move(s.startAt), endAt: move(s.endAt) }));
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  await db
    .collection('activities')
    .doc(id)
    .update({ sessions: db.command.set(sessions), startAt: move(a.startAt), endAt: move(a.endAt), signUpDeadline: move(a.signUpDeadline) });
}

/**
 * When an activity that ended "just now" this month ends: a minute before `now`, or, in the first
 * two minutes of a month, halfway between the month's start and `now`, so it ended this month still.
 */
export const justEnded = (now: Date) => new Date(now.getTime() - Math.min(60_000, (now.getTime() - monthStartOf(now).getTime()) / 2));

/**
 * For a test about "this month" as the dashboard reads it: records made now must still be this
 * month's when the dashboard is read. If the station month ends within `marginMs` — a second by
 * default: the test clock moves a millisecond a read, and a test makes far fewer reads between its
 * records and the board — time is let pass (the clock moves on, forward only) to a second into the
 * next month, a month's first seconds; otherwise nothing changes.
 */
export function clearOfMonthEnd(cloud: TestCloud, marginMs = 1000) {
  const now = cloud.clock.now();
  const next = startOfLocalDay(`${monthFrom(now, 1)}-01`).getTime();
  if (next - now.getTime() < marginMs) cloud.clock.advance(next - now.getTime() + 1000);
}
