import { isDuplicate } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { notFound } from '../_shared/errors';
import type { PersonDoc } from '../_shared/people';
import { openidOf } from '../_shared/outbox';
import { notify, type NoticeKind } from './notify';
import {
  firstThatFits,
  promotionOpen,
  seatsLeft,
  seatsToRelease,
  signUpId,
  timeText,
  type ActivityDoc,
  type PartyMember,
  type SignUpDoc,
} from './rules';

/**
 * The steps that move seats, each one guarded so it can be run again safely. The order of
 * writes is what keeps a crash harmless (see rules.ts for the derived statuses):
 * - signing up writes the sign-up first (the intent), then takes seats: a crash in between
 *   leaves a waiting sign-up, which a retry or the next freed seat completes;
 * - withdrawing marks the sign-up withdrawn first, then releases seats, then fills them from
 *   the waitlist: a crash in between leaves withdrawn seat holders, which `fillWaitlist`
 *   releases the next time it runs (next cancel, roster read, edit, or the daily timer).
 */
export const activities = () => db.collection('activities');
export const signUps = () => db.collection('signups');

export async function getActivity(id: string): Promise<ActivityDoc> {
  const { data } = await activities().where({ _id: id }).limit(1).get();
  if (!data[0]) throw notFound('活动');
  return data[0] as ActivityDoc;
}

export async function getSignUp(id: string): Promise<SignUpDoc | null> {
  const { data } = await signUps().where({ _id: id }).limit(1).get();
  return (data[0] as SignUpDoc | undefined) ?? null;
}

/** Tells one person something about an activity, once per `key`. */
export async function tell(kind: NoticeKind, key: string, activity: ActivityDoc, person: PersonDoc | null, personId: string, now: Date) {
  return notify({
    _id: `${kind}~${key}`,
    kind,
    personId,
    openid: openidOf(person),
    activityId: activity._id,
    title: activity.title,
    timeText: timeText(activity.startAt, activity.endAt),
    place: activity.place,
    createdAt: now,
  });
}

/**
 * Takes `seats` for a person in one atomic guarded update: only while the activity is open,
 * its capacity is the one we read, the seats fit, and the person holds none yet (so a double
 * tap or a retry never takes seats twice). When the guard fails, the activity is read again
 * to tell "full" from "changed under us" (capacity edited). Returns whether the person holds
 * seats now.
 */
export async function takeSeats(activity: ActivityDoc, personId: string, seats: number, now: Date): Promise<boolean> {
  let current = activity;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (current.seatHolders.includes(personId)) return true;
    if (current.status !== 'published' || seats > seatsLeft(current)) return false;
    const { updated } = (await activities()
      .where({
        _id: current._id,
        status: 'published',
        capacity: current.capacity,
        seatsTaken: _.lte(current.capacity - seats),
        seatHolders: _.neq(personId),
      })
      .update({ seatsTaken: _.inc(seats), seatHolders: _.push(personId), updatedAt: now })) as { updated: number };
    if (updated) return true;
    current = await getActivity(current._id);
  }
  return current.seatHolders.includes(personId);
}

/** Gives back a person's seats; guarded on their holding them, so it frees them at most once. */
export async function releaseSeats(activityId: string, personId: string, seats: number, now: Date): Promise<boolean> {
  const { updated } = (await activities()
    .where({ _id: activityId, seatHolders: personId })
    .update({ seatsTaken: _.inc(-seats), seatHolders: _.pull(personId), updatedAt: now })) as { updated: number };
  return updated > 0;
}

export interface Enrolment {
  personId: string;
  party: PartyMember[];
  agreedSafety: boolean;
  /** The resident's own openid, or the worker's for 代报名. */
  by: string;
}

/**
 * Signs a person up: writes the sign-up (the natural key makes a double tap one sign-up), then
 * takes seats. Signing up again after withdrawing re-queues the same sign-up with the new party.
 * Someone already signed up keeps the sign-up they have.
 */
export async function enrol(activity: ActivityDoc, e: Enrolment, now: Date): Promise<{ signUp: SignUpDoc; seated: boolean }> {
  const fresh: SignUpDoc = {
    _id: signUpId(activity._id, e.personId),
    activityId: activity._id,
    personId: e.personId,
    active: true,
    seats: 1 + e.party.length,
    party: e.party,
    agreedSafetyAt: e.agreedSafety ? now : null,
    by: e.by,
    queuedAt: now,
    noShow: [],
    createdAt: now,
    updatedAt: now,
  };
  let signUp = fresh;
  try {
    await signUps().add(fresh);
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    signUp = await rejoin(activity, fresh, now);
  }
  return { signUp, seated: await takeSeats(activity, signUp.personId, signUp.seats, now) };
}

async function rejoin(activity: ActivityDoc, fresh: SignUpDoc, now: Date): Promise<SignUpDoc> {
  const existing = await getSignUp(fresh._id);
  if (!existing) throw new Error('sign-up vanished');
  if (existing.active) return existing;
  // A withdrawal cut short may have left seats held for the old party: free them first.
  await releaseSeats(activity._id, existing.personId, existing.seats, now);
  const { _id, createdAt, ...renewed } = fresh;
  const { updated } = (await signUps()
    .where({ _id, active: false })
    .update({ ...renewed, party: _.set(fresh.party), noShow: _.set([]) })) as { updated: number };
  return updated ? { ...fresh, createdAt: existing.createdAt } : ((await getSignUp(_id)) ?? existing);
}

/**
 * A person withdraws: the intent is recorded first, then their seats are released and handed on
 * to the waitlist. Running it again after a crash finishes the job.
 */
export async function withdraw(activity: ActivityDoc, signUp: SignUpDoc, now: Date): Promise<void> {
  if (signUp.active) await signUps().where({ _id: signUp._id, active: true }).update({ active: false, updatedAt: now });
  await releaseSeats(activity._id, signUp.personId, signUp.seats, now);
  await fillWaitlist(activity._id, now);
}

/** Withdrawn sign-ups still holding seats (a withdrawal cut short), and releases them. */
async function releaseStale(activity: ActivityDoc, now: Date): Promise<boolean> {
  if (activity.seatHolders.length === 0) return false;
  const { data } = await signUps()
    .where({ activityId: activity._id, personId: _.in(activity.seatHolders), active: false })
    .limit(1000)
    .get();
  let released = false;
  for (const s of seatsToRelease(activity, data as SignUpDoc[])) {
    released = (await releaseSeats(activity._id, s.personId, s.seats, now)) || released;
  }
  return released;
}

/** Waiting sign-ups, first come first served. */
async function waitlistOf(activity: ActivityDoc): Promise<SignUpDoc[]> {
  const { data } = await signUps()
    .where({ activityId: activity._id, active: true, personId: _.nin(activity.seatHolders) })
    .orderBy('queuedAt', 'asc')
    .limit(100)
    .get();
  return data as SignUpDoc[];
}

export async function countWaitlisted(activity: ActivityDoc): Promise<number> {
  const { total } = await signUps().where({ activityId: activity._id, active: true, personId: _.nin(activity.seatHolders) }).count();
  return total;
}

export async function getPeople(ids: string[]): Promise<Map<string, PersonDoc>> {
  if (ids.length === 0) return new Map();
  const { data } = await db.collection('users').where({ _id: _.in(ids) }).limit(1000).get();
  return new Map((data as PersonDoc[]).map((p) => [p._id, p]));
}

/** A seat given from the waitlist, by the automatic fill or by a worker's hand: the resident is told. */
export async function announcePromotion(activity: ActivityDoc, signUp: SignUpDoc, now: Date) {
  const people = await getPeople([signUp.personId]);
  await tell('promoted', `${signUp._id}~${signUp.queuedAt.getTime()}`, activity, people.get(signUp.personId) ?? null, signUp.personId, now);
}

/**
 * Hands free seats to the waitlist: the first waiting sign-up whose party fits, again and
 * again while seats are left. First it releases seats left behind by a cut-short withdrawal,
 * so this is also the repair step. Every write is guarded, so two fills running at once, or a
 * fill re-run after a crash, end in the same place. Returns the activity as it now stands.
 */
export async function fillWaitlist(activityId: string, now: Date): Promise<ActivityDoc> {
  let activity = await getActivity(activityId);
  if (await releaseStale(activity, now)) activity = await getActivity(activityId);
  // Bounded: each round either seats someone or stops.
  for (let round = 0; round < 200 && promotionOpen(activity, now) && seatsLeft(activity) > 0; round++) {
    const next = firstThatFits(await waitlistOf(activity), seatsLeft(activity));
    if (!next) break;
    if (await takeSeats(activity, next.personId, next.seats, now)) {
      // They may have withdrawn while we were seating them: then the seats go back.
      const current = await getSignUp(next._id);
      if (current?.active) await announcePromotion(activity, current, now);
      else await releaseSeats(activityId, next.personId, next.seats, now);
    }
    activity = await getActivity(activityId);
  }
  return activity;
}

/** A person's sign-up for an activity under any of their ids (an offline record linked to their account). */
export async function findSignUp(activityId: string, personIds: string[]): Promise<SignUpDoc | null> {
  const { data } = await signUps()
    .where({ _id: _.in(personIds.map((p) => signUpId(activityId, p))) })
    .limit(personIds.length)
    .get();
  const found = data as SignUpDoc[];
  return found.find((s) => s.active) ?? found[0] ?? null;
}
