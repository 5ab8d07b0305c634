import { randomBytes } from 'node:crypto';
import { isDuplicate } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { AppError } from '../_shared/errors';
import { getPerson, people, type PersonDoc } from '../_shared/people';
import { heldField, releaseSeats } from '../activities/holding';
import { heldBy, type ActivityDoc } from '../activities/rules';
import { OPEN_STATUSES } from '../services/rules';

/**
 * Erasure (删除个人信息, 个人信息保护法 第47条), done so that the station's reports do not change.
 *
 * Every count (受益人次, 活动次数, people reached) comes from attendance records keyed by person. So
 * a person's records are not deleted but moved to a pseudonym, `erased_<random>`, one per id the
 * person has (their account and each offline record linked to it, which the reports count
 * separately today). Everything else that names them is deleted or blanked: the profile, household,
 * phone, tags, service request forms (a child's name), group applications, notices, the family
 * names in sign-ups, workers' notes on services given. Once the last step has removed the marker,
 * nothing links a pseudonym back to the person: the records left are anonymised (匿名化, 第73条).
 *
 * Crash safety: the pseudonyms are written on the person's own document first (the marker), every
 * step is safe to run again, and the last step deletes that document. A run cut short is finished
 * by calling again, or by the nightly sweep. Between the two writes of a move (the new record
 * added, the old one not yet removed) the record counts twice; the re-run removes the old one.
 *
 * What erasure does not do for the person: cancel a seat in an activity still to come or a
 * service request still open. Those free a seat for someone on the waitlist (and tell them), which
 * the activities and services functions do; the person cancels first (ERASE_OPEN_ITEMS says so),
 * or a worker cancels for them. The one exception is a sign-up that was already on its way when
 * the erasure began: it lands after that check, so erasure gives up its seats (`settleSeats`).
 * Current group memberships simply end: nothing waits on them, and staff have no other way to
 * take an offline resident off a roster.
 */

export interface Pseudonym {
  id: string;
  pseudonym: string;
}
export type ErasingPerson = PersonDoc & { erasure?: { startedAt: Date; pseudonyms: Pseudonym[] } };

/** Who asks: the resident themselves, or an admin for them. Only the wording differs. */
export type Asker = 'self' | 'admin';

const PAGE = 1000;

/** Fields where a person's id stands as the one who did something (a worker, a volunteer, a 队长). */
const ACTOR_FIELDS: [collection: string, field: string][] = [
  ['activities', 'createdBy'],
  ['signups', 'by'],
  ['groups', 'createdBy'],
  ['memberships', 'decidedBy'],
  ['serviceRequests', 'requestedBy'],
  ['serviceRequests', 'volunteerId'],
  ['serviceRecords', 'volunteerId'],
  ['serviceRecords', 'recordedBy'],
  ['serviceDays', 'publishedBy'],
  ['serviceDays', 'cancelledBy'],
  ['serviceKinds', 'updatedBy'],
  ['attendance', 'recordedBy'],
  ['plans', 'updatedBy'],
  ['outbox', 'phonedBy'],
  ['guards', 'claimedBy'],
  ['workRecords', 'enteredBy'],
  ['workRecords', 'removedBy'],
];

/** The person's ids: their own and the offline records a worker linked to them. */
export const identitiesOf = (p: PersonDoc) => [p._id, ...(p.aliases ?? [])];

/** `value` with `from` replaced by `to` in every string: record ids embed person ids (`${activityId}~${personId}`). */
export function swapId<T>(value: T, from: string, to: string): T {
  if (typeof value === 'string') return value.split(from).join(to) as T;
  if (Array.isArray(value)) return value.map((v) => swapId(v, from, to)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapId(v, from, to)])) as T;
  }
  return value;
}

/**
 * What still has to end before erasure: seats in activities to come, and open service requests.
 * Seats count only before the erasure began (`begun`): any found later were taken by a sign-up
 * already on its way, and the erasure gives them up itself.
 */
async function checkNothingOpen(ids: string[], asker: Asker, now: Date, begun: boolean): Promise<void> {
  const { data: active } = begun
    ? { data: [] }
    : await db
        .collection('signups')
        .where({ personId: _.in(ids), active: true })
        .field({ activityId: true })
        .limit(PAGE)
        .get();
  const signUps = active.length
    ? (
        await db
          .collection('activities')
          .where({ _id: _.in(active.map((s) => s.activityId as string)), status: _.in(['draft', 'published']), endAt: _.gt(now) })
          .count()
      ).total
    : 0;
  const { total: requests } = await db
    .collection('serviceRequests')
    .where(_.and([{ status: _.in([...OPEN_STATUSES]) }, _.or([{ personId: _.in(ids) }, { volunteerId: _.in(ids) }])]))
    .count();
  if (signUps === 0 && requests === 0) return;
  const open = [signUps ? `${signUps} 个还没举行的活动报名` : '', requests ? `${requests} 条还在办理的服务` : ''].filter(Boolean).join('、');
  throw new AppError(
    'ERASE_OPEN_ITEMS',
    asker === 'self'
      ? `您还有${open}。请先在“我的活动”“我的申请”里取消，再来删除；已经截止不能取消的，请打电话让社工帮您取消。`
      : `这位居民还有${open}，请先替TA取消，再删除资料。`,
  );
}

/** Writes the intent and the pseudonyms once; a second run reads back the same ones. */
async function markErasing(person: ErasingPerson, now: Date): Promise<Pseudonym[]> {
  if (person.erasure) return person.erasure.pseudonyms;
  const pseudonyms = identitiesOf(person).map((id) => ({ id, pseudonym: `erased_${randomBytes(8).toString('hex')}` }));
  const { updated } = (await people()
    .where({ _id: person._id, erasure: _.exists(false) })
    .update({ erasure: _.set({ startedAt: now, pseudonyms }) })) as { updated: number };
  if (updated) return pseudonyms;
  // Another run got there first: use its pseudonyms, so each id keeps exactly one.
  const marked = (await getPerson(person._id)) as ErasingPerson | null;
  if (!marked?.erasure) throw new Error('erasure marker missing');
  return marked.erasure.pseudonyms;
}

/**
 * Moves a collection's records of `id` to the pseudonym, blanking what `blank` says. A record whose
 * `_id` embeds the id is written anew and the old one removed; any other is rewritten in place.
 * What a previous run already added is skipped, so running it again finishes the move.
 */
async function moveRecords(collection: string, id: string, pseudonym: string, blank: (doc: Record<string, unknown>) => Record<string, unknown>) {
  const records = db.collection(collection);
  for (;;) {
    const { data } = await records.where({ personId: id }).limit(PAGE).get();
    if (data.length === 0) return;
    const moved = data.map((d) => blank(swapId(d, id, pseudonym)));
    const renamed = moved.filter((d, i) => d._id !== data[i]._id);
    const there = renamed.length
      ? (
          await records
            .where({ _id: _.in(renamed.map((d) => d._id)) })
            .field({ _id: true })
            .limit(PAGE)
            .get()
        ).data
      : [];
    const have = new Set(there.map((d) => d._id));
    const missing = renamed.filter((d) => !have.has(d._id));
    try {
      if (missing.length) await records.add(missing);
    } catch (err) {
      // Another run added some meanwhile: look again.
      if (isDuplicate(err)) continue;
      throw err;
    }
    for (const d of moved.filter((d, i) => d._id === data[i]._id)) {
      const { _id, ...fields } = d;
      await records.doc(_id as string).set(fields);
    }
    await records.where({ _id: _.in(data.map((d) => d._id)), personId: id }).remove();
  }
}

/** Activities that have not taken place: still to come, or called off before they did. */
const notTakenPlace = (now: Date) => ({ status: _.neq('finished'), endAt: _.gt(now) });

/**
 * Seats, once the sign-ups are under the pseudonym. In an activity that has not taken place,
 * the sign-ups are withdrawn and then every seat the id or the pseudonym holds is given back —
 * in that order, so that a seat someone takes meanwhile for one of these sign-ups is given back
 * by whoever took it (activities/seats.ts reads the sign-up again after taking seats, and a
 * sign-up's own call also sees the erasure under way). In one that took place, the seats move
 * to the pseudonym, so its seat count still adds up.
 */
async function settleSeats(id: string, pseudonym: string, now: Date): Promise<void> {
  const signUps = db.collection('signups');
  const activities = db.collection('activities');
  const { data: live } = await signUps.where({ personId: pseudonym, active: true }).field({ activityId: true }).limit(PAGE).get();
  const { data: toCome } = live.length
    ? await activities
        .where({ _id: _.in(live.map((s) => s.activityId as string)), ...notTakenPlace(now) })
        .field({ _id: true })
        .limit(PAGE)
        .get()
    : { data: [] };
  if (toCome.length)
    await signUps.where({ personId: pseudonym, active: true, activityId: _.in(toCome.map((a) => a._id as string)) }).update({ active: false, updatedAt: now });

  // Each release is guarded on the seats as read: read again until none is held, or fail and be run again.
  for (let round = 0; ; round++) {
    const { data } = await activities
      .where({ seatHolders: _.in([id, pseudonym]), ...notTakenPlace(now) })
      .field({ seatHolders: true, seatsHeld: true })
      .limit(PAGE)
      .get();
    if (data.length === 0) break;
    if (round === 3) throw new Error('seats still held');
    for (const a of data as ActivityDoc[]) {
      for (const p of [id, pseudonym].filter((p) => a.seatHolders.includes(p))) await releaseSeats(a._id, p, heldBy(a, p), now);
    }
  }

  const { data: held } = await activities
    .where(_.and([{ seatHolders: id }, _.or([{ status: 'finished' }, { endAt: _.lte(now) }])]))
    .field({ seatsHeld: true })
    .limit(PAGE)
    .get();
  for (const a of held as ActivityDoc[]) {
    const seats = heldBy(a, id);
    // Two guarded steps, each safe to run again: the pseudonym takes the seats over, then the id lets go.
    await activities
      .where({ _id: a._id, [heldField(id)]: seats, [heldField(pseudonym)]: _.exists(false) })
      .update({ [heldField(pseudonym)]: seats, seatHolders: _.addToSet(pseudonym) });
    await activities.where({ _id: a._id, [heldField(pseudonym)]: seats }).update({ [heldField(id)]: _.remove(), seatHolders: _.pull(id) });
  }
}

async function erasePseudonymized(id: string, pseudonym: string, now: Date): Promise<void> {
  await moveRecords('attendance', id, pseudonym, (d) => d);
  // The worker's note on a service given can say anything about the person.
  await moveRecords('serviceRecords', id, pseudonym, (d) => ({ ...d, note: '' }));
  // Sign-ups stay, so a past activity's seats still add up; the family members' names go.
  await moveRecords('signups', id, pseudonym, (d) => ({ ...d, party: [] }));
  await settleSeats(id, pseudonym, now);
  // Work records name the residents they were about (a 居民骨干, a family helped): the pseudonym
  // keeps them counted; a leader's note can say anything about the person.
  for (;;) {
    const { data } = await db.collection('workRecords').where({ personIds: id }).limit(PAGE).get();
    if (!data.length) break;
    for (const d of data) {
      const { _id, ...fields } = swapId(d, id, pseudonym) as Record<string, unknown>;
      const details = fields.kind === 'residentLeader' ? { ...(fields.details as object), note: '' } : fields.details;
      await db
        .collection('workRecords')
        .doc(_id as string)
        .set({ ...fields, details });
    }
  }
  for (const [collection, field] of ACTOR_FIELDS)
    await db
      .collection(collection)
      .where({ [field]: id })
      .update({ [field]: pseudonym });

  await db.collection('serviceRequests').where({ personId: id }).remove();
  await db.collection('memberships').where({ personId: id }).remove();
  // A 队长 or 副队长 erased is no longer named by their group (the group doc names them, not the membership).
  await db.collection('groups').where({ leaderId: id }).update({ leaderId: null });
  await db.collection('groups').where({ deputyId: id }).update({ deputyId: null });
  await db
    .collection('outbox')
    .where(_.or([{ personId: id }, { openid: id }]))
    .remove();
  await db.collection('residentTags').where({ _id: id }).remove();
}

/**
 * Erases a person: their account and the offline records linked to it. Refuses while they hold
 * a staff or volunteer role (an admin takes it away first) or still have something open.
 */
export async function erase(person: ErasingPerson, asker: Asker, now: Date): Promise<void> {
  if (person.roles.length > 0) {
    throw new AppError(
      'ERASE_HAS_ROLES',
      asker === 'self'
        ? '您是社工站的工作人员或志愿者，请先请管理员取消您的身份，再删除资料'
        : '这位是工作人员或志愿者，请先在「居民和人员」里取消TA的身份，再删除资料',
    );
  }
  const ids = identitiesOf(person);
  await checkNothingOpen(ids, asker, now, person.erasure !== undefined);
  const pseudonyms = await markErasing(person, now);
  for (const { id, pseudonym } of pseudonyms) await erasePseudonymized(id, pseudonym, now);
  if (person.aliases?.length)
    await people()
      .where({ _id: _.in(person.aliases) })
      .remove();
  // Last: the person's own document, and the marker with it.
  await people().where({ _id: person._id }).remove();
}

/** The person an id belongs to: an offline record linked to an account is part of that account. */
export async function personToErase(id: string): Promise<ErasingPerson | null> {
  const found = (await getPerson(id)) as ErasingPerson | null;
  return found?.linkedTo ? ((await getPerson(found.linkedTo)) as ErasingPerson | null) : found;
}

/** People whose erasure was started and not finished. */
export async function unfinishedErasures(): Promise<ErasingPerson[]> {
  const { data } = await people()
    .where({ erasure: _.exists(true) })
    .limit(100)
    .get();
  return data as ErasingPerson[];
}
