import { randomBytes } from 'node:crypto';
import { isDuplicate } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { notFound } from '../_shared/errors';
import { getPerson, type PersonDoc } from '../_shared/people';
import { openidOf } from '../_shared/outbox';
import { readByIds } from '../_shared/paging';
import { activities, heldField, releaseSeats } from './holding';
import { notify, type NoticeKind } from './notify';
import {
  activityCancelled,
  beingErased,
  erasureUnderWay,
  firstThatFits,
  heldBy,
  promotionOpen,
  seatsLeft,
  seatsToRelease,
  signUpId,
  statusOf,
  timeText,
  type ActivityDoc,
  type PartyMember,
  type SignUpDoc,
  type SignUpStatus,
} from './rules';

/**
 * The steps that move seats, each one guarded so it can be run again safely. The order of
 * writes is what keeps a crash harmless (see rules.ts for the derived statuses):
 * - signing up writes the sign-up first (the intent), then takes seats, then reads the sign-up
 *   back: a crash before the seats leaves a waiting sign-up, which a retry or the next freed
 *   seat completes; seats taken for a sign-up changed meanwhile are given back;
 * - withdrawing marks the sign-up withdrawn first, then releases seats, then fills them from
 *   the waitlist: a crash in between leaves withdrawn seat holders, which `fillWaitlist`
 *   releases the next time it runs (next cancel, roster read, edit, or the daily timer).
 */
export { activities };
export const signUps = () => db.collection('signups');
/** The most sign-ups counted ahead of one on the waitlist: beyond it the place reads as this many plus one. */
export const WAITLIST_LIMIT = 1000;

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
 * What taking seats came to: this call took them ('took': the caller then checks the sign-up
 * still asks for them), the person already held exactly that many ('held'), or they do not fit.
 */
export type Seating = 'took' | 'held' | null;

/**
 * Takes `seats` for a person in one atomic guarded update: only while the activity is open,
 * its capacity is the one we read, the seats fit, and the person holds none yet (so a double
 * tap or a retry never takes seats twice). Seats they hold for another party (their sign-up
 * changed) are given back first. When the guard fails, the activity is read again to tell
 * "full" from "changed under us" (capacity edited).
 */
export async function takeSeats(activity: ActivityDoc, personId: string, seats: number, now: Date): Promise<Seating> {
  let current = activity;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (current.seatHolders.includes(personId)) {
      const held = heldBy(current, personId);
      if (held === seats) return 'held';
      await releaseSeats(current._id, personId, held, now);
    } else {
      if (current.status !== 'published' || seats > seatsLeft(current)) return null;
      const { updated } = (await activities()
        .where({
          _id: current._id,
          status: 'published',
          capacity: current.capacity,
          seatsTaken: _.lte(current.capacity - seats),
          seatHolders: _.neq(personId),
        })
        .update({ seatsTaken: _.inc(seats), seatHolders: _.push(personId), [heldField(personId)]: seats, updatedAt: now })) as { updated: number };
      if (updated) return 'took';
    }
    current = await getActivity(current._id);
  }
  return heldBy(current, personId) === seats ? 'held' : null;
}

/** Whether seats taken for a sign-up as read are no longer wanted: it is gone, withdrawn, or now for another party. */
const askedElse = (taken: Pick<SignUpDoc, 'seats'>, current: Pick<SignUpDoc, 'active' | 'seats'> | null) => !current?.active || current.seats !== taken.seats;

export interface Enrolment {
  personId: string;
  party: PartyMember[];
  agreedSafety: boolean;
  /** The resident's own openid, or the worker's for 代报名. */
  by: string;
}

/** A sign-up as it stands, with its activity and its person: read in one request, after the seats moved. */
async function readBack(id: string): Promise<{ signUp: SignUpDoc; activity: ActivityDoc; person: PersonDoc | null } | null> {
  const { data } = await signUps()
    .aggregate()
    .match({ _id: id })
    .lookup({ from: 'activities', localField: 'activityId', foreignField: '_id', as: 'activity' })
    .lookup({ from: 'users', localField: 'personId', foreignField: '_id', as: 'person' })
    .end();
  const found = data[0] as (SignUpDoc & { activity: ActivityDoc[]; person: PersonDoc[] }) | undefined;
  if (!found) return null;
  const { activity, person, ...signUp } = found;
  return { signUp, activity: activity[0], person: person[0] ?? null };
}

/**
 * Signs a person up: writes the sign-up (the natural key makes a double tap one sign-up), then
 * takes seats. Signing up again after withdrawing re-queues the same sign-up with the new party.
 * Someone already signed up keeps the sign-up they have.
 *
 * Then it reads the sign-up back, with its activity and person, for what landed meanwhile:
 * - withdrawn or changed (the resident's own other taps): seats taken here go back;
 * - called off after the call-off's notices went out: this sign-up is told too;
 * - the person's erasure began (it refuses new actions, but this one was already on its way):
 *   the seats go back and the sign-up goes, since the erasure may already have passed it by.
 */
export async function enrol(activity: ActivityDoc, e: Enrolment, now: Date): Promise<{ signUp: SignUpDoc; status: SignUpStatus }> {
  const fresh: SignUpDoc = {
    _id: signUpId(activity._id, e.personId),
    activityId: activity._id,
    personId: e.personId,
    active: true,
    seats: 1 + e.party.length,
    party: e.party,
    ref: randomBytes(8).toString('hex'),
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
  const seating = await takeSeats(activity, signUp.personId, signUp.seats, now);
  const back = await readBack(signUp._id);
  if (!back || beingErased(back.person)) {
    if (seating === 'took') await releaseSeats(activity._id, signUp.personId, signUp.seats, now);
    await signUps().where({ _id: signUp._id, personId: signUp.personId }).remove();
    throw erasureUnderWay();
  }
  if (back.activity.status === 'cancelled') {
    if (back.signUp.active) await tell('activityCancelled', back.signUp._id, back.activity, back.person, back.signUp.personId, now);
    throw activityCancelled();
  }
  if (seating === 'took' && askedElse(signUp, back.signUp)) {
    await releaseSeats(activity._id, signUp.personId, signUp.seats, now);
    return { signUp: back.signUp, status: statusOf(back.signUp, await fillWaitlist(activity._id, now)) };
  }
  return { signUp: back.signUp, status: statusOf(back.signUp, back.activity) };
}

async function rejoin(activity: ActivityDoc, fresh: SignUpDoc, now: Date): Promise<SignUpDoc> {
  const existing = await getSignUp(fresh._id);
  // Sign-ups go only when an erasure moves them to a pseudonym.
  if (!existing) throw erasureUnderWay();
  if (existing.active) return existing;
  // A withdrawal cut short may have left seats held for the old party: free them first.
  if (activity.seatHolders.includes(existing.personId)) await releaseSeats(activity._id, existing.personId, heldBy(activity, existing.personId), now);
  const { _id, createdAt, ref, ...renewed } = fresh;
  const { updated } = (await signUps()
    .where({ _id, active: false })
    .update({ ...renewed, party: _.set(fresh.party), noShow: _.set([]) })) as { updated: number };
  return updated ? { ...fresh, ref: existing.ref, createdAt: existing.createdAt } : ((await getSignUp(_id)) ?? existing);
}

/**
 * A person withdraws: the intent is recorded first, then their seats are released and handed on
 * to the waitlist. Running it again after a crash finishes the job.
 */
export async function withdraw(activity: ActivityDoc, signUp: SignUpDoc, now: Date): Promise<void> {
  if (signUp.active) await signUps().where({ _id: signUp._id, active: true }).update({ active: false, updatedAt: now });
  // The seats as read before: if they changed meanwhile, the guard fails and the repair in fillWaitlist settles them.
  if (activity.seatHolders.includes(signUp.personId)) await releaseSeats(activity._id, signUp.personId, heldBy(activity, signUp.personId), now);
  await fillWaitlist(activity._id, now);
}

/** Seats held for sign-ups that no longer ask for them (a step cut short), and releases them. */
async function releaseStale(activity: ActivityDoc, now: Date): Promise<boolean> {
  if (activity.seatHolders.length === 0) return false;
  const data = await readByIds<SignUpDoc>(
    activity.seatHolders.map((p) => signUpId(activity._id, p)),
    (slice, skip, limit) =>
      signUps()
        .where({ _id: _.in(slice) })
        .field({ personId: true, active: true, seats: true })
        .skip(skip)
        .limit(limit)
        .get(),
  );
  let released = false;
  for (const s of seatsToRelease(activity, data)) {
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
  const { total } = await signUps()
    .where({ activityId: activity._id, active: true, personId: _.nin(activity.seatHolders) })
    .count();
  return total;
}

/**
 * Where a waiting sign-up stands in line (1: next to get a seat): the active sign-ups without a
 * seat queued before it, plus one. The count is bounded by the line's own limit.
 */
export async function waitlistPlace(activity: ActivityDoc, signUp: SignUpDoc): Promise<number> {
  const { data } = await signUps()
    .where({ activityId: activity._id, active: true, personId: _.nin(activity.seatHolders), queuedAt: _.lt(signUp.queuedAt) })
    .field({ _id: true })
    .limit(WAITLIST_LIMIT)
    .get();
  return data.length + 1;
}

export async function getPeople(ids: string[]): Promise<Map<string, PersonDoc>> {
  if (ids.length === 0) return new Map();
  const data = await readByIds<PersonDoc>(ids, (slice, skip, limit) =>
    db
      .collection('users')
      .where({ _id: _.in(slice) })
      .skip(skip)
      .limit(limit)
      .get(),
  );
  return new Map(data.map((p) => [p._id, p]));
}

/** A seat given from the waitlist, by the automatic fill or by a worker's hand: the resident is told. */
export async function announcePromotion(activity: ActivityDoc, signUp: SignUpDoc, now: Date) {
  const people = await getPeople([signUp.personId]);
  await tell('promoted', `${signUp._id}~${signUp.queuedAt.getTime()}`, activity, people.get(signUp.personId) ?? null, signUp.personId, now);
}

/**
 * Seats just taken for `signUp` as read: they stay if it still asks for them, else they go back
 * (it was withdrawn or changed meanwhile, or moved away by an erasure). Returns it as it now stands.
 */
export async function keepIfStillWanted(activityId: string, signUp: SignUpDoc, now: Date): Promise<SignUpDoc | null> {
  const current = await getSignUp(signUp._id);
  if (!askedElse(signUp, current)) return current;
  await releaseSeats(activityId, signUp.personId, signUp.seats, now);
  return null;
}

/**
 * Hands free seats to the waitlist: the first waiting sign-up whose party fits, again and
 * again while seats are left. First it releases seats left behind by a step cut short, so
 * this is also the repair step. Every write is guarded, so two fills running at once, or a
 * fill re-run after a crash, end in the same place. Returns the activity as it now stands.
 */
export async function fillWaitlist(activityId: string, now: Date): Promise<ActivityDoc> {
  let activity = await getActivity(activityId);
  if (await releaseStale(activity, now)) activity = await getActivity(activityId);
  // Bounded: each round either seats someone or stops.
  for (let round = 0; round < 200 && promotionOpen(activity, now) && seatsLeft(activity) > 0; round++) {
    const next = firstThatFits(await waitlistOf(activity), seatsLeft(activity));
    if (!next) break;
    if ((await takeSeats(activity, next.personId, next.seats, now)) === 'took') {
      const kept = await keepIfStillWanted(activityId, next, now);
      if (kept) await announcePromotion(activity, kept, now);
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

/**
 * The sign-up a door action names: by the roster's id for the person (`ref`), or by a person id
 * as staff find it elsewhere (the people search, an older page), their linked offline records included.
 */
export async function signUpNamed(activityId: string, id: string): Promise<SignUpDoc | null> {
  const { data } = await signUps()
    .where(_.or([{ activityId, ref: id }, { _id: signUpId(activityId, id) }]))
    .limit(2)
    .get();
  const found = data as SignUpDoc[];
  const named = found.find((s) => s.ref === id) ?? found[0];
  if (named) return named;
  const person = await getPerson(id);
  return person?.aliases?.length ? findSignUp(activityId, person.aliases) : null;
}
