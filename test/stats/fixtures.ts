import tcb from '@cloudbase/node-sdk';
import { attendanceRecord, type Session } from '../../cloudfunctions/_shared/attendance';
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
  await db.collection('attendance').add(people.map(([personId, headcount]) => attendanceRecord(full, personId, headcount, WORKER, new Date())));
}
