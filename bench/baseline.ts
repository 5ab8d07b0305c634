import { randomBytes } from 'node:crypto';
import type tcb from '@cloudbase/node-sdk';

type Database = ReturnType<ReturnType<typeof tcb.init>['database']>;

/**
 * The sign-up of popular mini-program templates, for comparison: has this person signed up?
 * count the sign-ups; if fewer than capacity, insert one (under a generated id). Three requests,
 * none guarded: under a burst, taps that count at once all see a free seat and all insert, and a
 * double tap inserts twice. Called in-process with the same SDK, against the same emulator.
 */
export async function countThenInsert(
  db: Database,
  activityId: string,
  personId: string,
  capacity: number,
  now: Date,
): Promise<'registered' | 'full' | 'already'> {
  const signups = db.collection('signups');
  const { total: mine } = await signups.where({ activityId, personId }).count();
  if (mine > 0) return 'already';
  const { total } = await signups.where({ activityId, active: true }).count();
  if (total >= capacity) return 'full';
  await signups.add({ _id: randomBytes(8).toString('hex'), activityId, personId, active: true, seats: 1, createdAt: now });
  return 'registered';
}
