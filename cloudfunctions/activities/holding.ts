import { _, db } from '../_shared/cloud';

/**
 * The one write that gives seats back, shared with erasure (users function), which gives up an
 * erased person's seats. Nothing here tells anyone anything, so importing it brings no WeChat call.
 */
export const activities = () => db.collection('activities');

/** The field of `seatsHeld` for one person: person ids are openids, `off_…` or `erased_…`, never dotted. */
export const heldField = (personId: string) => `seatsHeld.${personId}`;

/**
 * Gives back a person's seats in one guarded update, on their holding exactly `seats` (as read
 * from the activity): so it frees them at most once, and never seats someone took meanwhile for
 * a different party. Returns whether it did.
 */
export async function releaseSeats(activityId: string, personId: string, seats: number, now: Date): Promise<boolean> {
  const { updated } = (await activities()
    .where({ _id: activityId, seatHolders: personId, [heldField(personId)]: seats })
    .update({ seatsTaken: _.inc(-seats), seatHolders: _.pull(personId), [heldField(personId)]: _.remove(), updatedAt: now })) as { updated: number };
  return updated > 0;
}
