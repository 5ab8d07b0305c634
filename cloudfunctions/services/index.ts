import { randomBytes } from 'node:crypto';
import { isDuplicate, recordAttendance, removeAttendance } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { isStaff } from '../_shared/contract';
import { AppError, forbidden, notFound, profileIncomplete } from '../_shared/errors';
import { addNotice, openidOf } from '../_shared/outbox';
import { getPerson, isProfileComplete, people, type PersonDoc } from '../_shared/people';
import { defineFunction, requireOpenid, type Caller } from '../_shared/router';
import { localDay } from '../_shared/time';
import { servicesContract } from './contract';
import { GRADES, HOME_TIMES, KIND_IDS, KINDS, SUBJECTS, SUPPORT_KINDS, WEEKEND_TIMES, type KindId, type RecordForm } from './kinds';
import {
  alreadyBooked,
  assertBookable,
  assertCancellable,
  assertDeletable,
  assertGiven,
  assertMayCancel,
  assertMayServe,
  assertRange,
  assertSchedulable,
  assertSeatsChange,
  bookingId,
  dayCancelled,
  dayOfSlot,
  describeRequest,
  findSlot,
  haircutCancelledNotice,
  holdsSeat,
  hoursOf,
  isOpen,
  isRepeatRequest,
  mayBookAgain,
  newRequest,
  nextStatus,
  OPEN_STATUSES,
  planHaircutDay,
  seatsLeft,
  servedTarget,
  serviceAttendance,
  serviceRecord,
  slotFull,
  statusAfterService,
  statusAfterUndo,
  statusText,
  byMostMinutes,
  totalsByVolunteer,
  type Actor,
  type BookedSlot,
  type HaircutDayDoc,
  type KindAndForm,
  type RequestDoc,
  type ServiceRecordDoc,
  type Status,
} from './rules';
import { volunteerHoursWorkbook } from './workbook';
import { shareFile } from '../_shared/files';
import { readByIds } from '../_shared/paging';

const requests = () => db.collection('serviceRequests');
/** Published haircut days, each with its time slots and their seat counts. */
const haircutDays = () => db.collection('serviceDays');
const serviceRecords = () => db.collection('serviceRecords');
/** Staff settings per kind: the plan indicator its services count toward. */
const kindSettings = () => db.collection('serviceKinds');

const PAGE = 1000;

function actorOf(caller: Caller): Actor {
  return { id: requireOpenid(caller), isStaff: isStaff(caller.roles) };
}

async function findRequest(id: string): Promise<RequestDoc | null> {
  const { data } = await requests().where({ _id: id }).limit(1).get();
  return (data[0] as RequestDoc | undefined) ?? null;
}

async function getRequest(id: string): Promise<RequestDoc> {
  const found = await findRequest(id);
  if (!found) throw notFound('申请');
  return found;
}

async function getDay(day: string): Promise<HaircutDayDoc | null> {
  const { data } = await haircutDays().where({ _id: day }).limit(1).get();
  return (data[0] as HaircutDayDoc | undefined) ?? null;
}

async function peopleById(ids: Array<string | null>): Promise<Map<string, PersonDoc>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const data = await readByIds<PersonDoc>(wanted, (slice, skip, limit) =>
    people()
      .where({ _id: _.in(slice) })
      .skip(skip)
      .limit(limit)
      .get(),
  );
  return new Map(data.map((p) => [p._id, p]));
}

/** Every document of a query, a page at a time (the server caps one read at 1000). */
async function readAll<T>(page: (skip: number) => Promise<{ data: unknown[] }>): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await page(skip);
    all.push(...(data as T[]));
    if (data.length < PAGE) return all;
  }
}

/** Adds a doc keyed by its natural `_id`; a second one is refused with `taken`. */
async function addOnce(collection: ReturnType<typeof db.collection>, doc: { _id: string }, taken: () => AppError): Promise<void> {
  try {
    await collection.add(doc);
  } catch (err) {
    throw isDuplicate(err) ? taken() : err;
  }
}

async function assertVolunteer(personId: string): Promise<PersonDoc> {
  const person = await getPerson(personId);
  if (!person?.roles.includes('volunteer')) throw new AppError('NOT_VOLUNTEER', '这位还不是登记的志愿者，请先在「居民和人员」里设为志愿者');
  return person;
}

async function indicatorOf(kind: KindId): Promise<string | null> {
  const { data } = await kindSettings().where({ _id: kind }).limit(1).get();
  return (data[0]?.indicatorId as string | null | undefined) ?? null;
}

/**
 * Moves a request on with one guarded update: if someone else moved it first (the resident
 * cancelled while staff scheduled), nothing is written and the caller is told to look again.
 */
async function move(r: RequestDoc, to: Status, patch: Partial<RequestDoc>, now: Date): Promise<RequestDoc> {
  const { updated } = (await requests()
    .where({ _id: r._id, status: r.status })
    .update({ ...patch, status: to, updatedAt: now })) as { updated: number };
  if (!updated) throw new AppError('REQUEST_CHANGED', '这条申请刚刚有了变化，请刷新后再看');
  return { ...r, ...patch, status: to, updatedAt: now } as RequestDoc;
}

/** Takes a seat with one guarded update on the slot's count: the count decides, never a read. */
async function takeSeat(day: HaircutDayDoc, index: number): Promise<boolean> {
  const slot = day.slots[index];
  const path = `slots.${index}`;
  const { updated } = (await haircutDays()
    // The seat count is in the guard too: staff lowering it meanwhile must not let a booking through.
    .where({ _id: day._id, cancelledAt: null, [`${path}.id`]: slot.id, [`${path}.seats`]: slot.seats, [`${path}.taken`]: _.lt(slot.seats) })
    .update({ [`${path}.taken`]: _.inc(1) })) as { updated: number };
  return updated > 0;
}

async function releaseSeat(slot: BookedSlot): Promise<void> {
  const path = `slots.${slot.index}`;
  await haircutDays()
    .where({ _id: slot.day, [`${path}.id`]: slot.slotId, [`${path}.taken`]: _.gt(0) })
    .update({ [`${path}.taken`]: _.inc(-1) });
}

/**
 * Books a haircut slot: one booking per person per day (the booking's `_id` is the person's key for
 * that day). The seat is taken first and given back if the booking cannot be written, so a crash in
 * between can only leave a slot looking one seat fuller, never overbooked.
 */
async function bookHaircut(personId: string, requestedBy: string, slotId: string, now: Date): Promise<RequestDoc> {
  const day = dayOfSlot(slotId);
  const id = bookingId(day, personId);
  const [dayDoc, previous] = await Promise.all([getDay(day), findRequest(id)]);
  if (!dayDoc) throw notFound('义剪日');
  if (dayDoc.cancelledAt) throw dayCancelled();
  const { slot, index } = findSlot(dayDoc, slotId);
  if (!mayBookAgain(previous?.status)) throw alreadyBooked();
  assertBookable(slot, now);
  if (!(await takeSeat(dayDoc, index))) throw slotFull();

  const booked: BookedSlot = { day, slotId, index, startAt: slot.startAt, endAt: slot.endAt };
  const booking = newRequest({ kind: 'haircut', form: { slotId } }, { _id: id, personId, requestedBy, status: 'scheduled', slot: booked }, now);
  try {
    if (previous) {
      // A cancelled or declined booking that day comes back to life under its key, if nobody changed it meanwhile.
      const { _id, ...fields } = booking;
      const { updated } = (await requests()
        .where({ _id, status: previous.status })
        .update({ ...fields, form: _.set(booking.form), slot: _.set(booked) })) as { updated: number };
      if (!updated) throw alreadyBooked();
    } else {
      await requests().add(booking);
    }
  } catch (err) {
    await releaseSeat(booked);
    throw isDuplicate(err) ? alreadyBooked() : err;
  }
  // The day may have been called off while this booking was written, after the call-off read the
  // bookings: undo it here rather than leave a booking nobody will be told about.
  if ((await getDay(day))?.cancelledAt) {
    await move(booking, nextStatus(KINDS.haircut, booking.status, 'cancel'), {}, now);
    await releaseSeat(booked);
    throw dayCancelled();
  }
  return booking;
}

/** The caller's account and the offline records a worker linked to it: their requests are theirs. */
async function ownIds(actor: Actor): Promise<string[]> {
  return [actor.id, ...((await getPerson(actor.id))?.aliases ?? [])];
}

/** Whom a request is for: the caller, or — when staff ask for someone without WeChat — that resident. */
async function requester(actor: Actor, forPersonId: string | undefined): Promise<string> {
  if (forPersonId !== undefined && forPersonId !== actor.id) {
    if (!actor.isStaff) throw forbidden();
    if (!(await getPerson(forPersonId))) throw notFound('居民');
    return forPersonId;
  }
  const me = await getPerson(actor.id);
  // Staff need a name and a number to reach the resident about their request.
  if (!me || !isProfileComplete(me)) throw profileIncomplete();
  return actor.id;
}

const baseView = (r: RequestDoc) => ({
  id: r._id,
  kind: r.kind,
  title: KINDS[r.kind].title,
  status: r.status,
  statusText: statusText(r.kind, r.status),
  summary: describeRequest(r),
  when: r.slot?.startAt ?? r.scheduledAt,
  staffNote: r.staffNote,
  createdAt: r.createdAt,
});

const myView = (r: RequestDoc, volunteer: PersonDoc | undefined, actor: Actor) => ({
  ...baseView(r),
  volunteerName: volunteer?.name ?? null,
  declineReason: r.declineReason,
  canCancel: isOpen(r.status) && (actor.isStaff || r.personId === actor.id),
});

const queuedView = (r: RequestDoc, found: Map<string, PersonDoc>) => {
  const person = found.get(r.personId);
  const volunteer = r.volunteerId ? found.get(r.volunteerId) : undefined;
  return {
    ...baseView(r),
    person: { id: r.personId, name: person?.name ?? '', phone: person?.phone ?? '', building: person?.building ?? '' },
    volunteer: r.volunteerId ? { id: r.volunteerId, name: volunteer?.name ?? '' } : null,
    declineReason: r.declineReason,
  };
};

const queued = async (r: RequestDoc) => queuedView(r, await peopleById([r.personId, r.volunteerId]));

const recordView = (r: ServiceRecordDoc, found: Map<string, PersonDoc>) => ({
  id: r._id,
  kind: r.kind,
  title: KINDS[r.kind].title,
  at: r.at,
  minutes: r.minutes,
  subject: r.subject,
  support: r.support,
  note: r.note,
  volunteerName: r.volunteerId ? (found.get(r.volunteerId)?.name ?? '') : null,
});

const dayView = (d: HaircutDayDoc, mine: RequestDoc | undefined) => ({
  day: d.day,
  place: d.place,
  note: d.note,
  slots: d.slots.map((s) => ({ id: s.id, startAt: s.startAt, endAt: s.endAt, seats: s.seats, seatsLeft: seatsLeft(s) })),
  myBooking: mine?.slot ? { requestId: mine._id, slotId: mine.slot.slotId } : null,
});

/** Minutes and services of volunteers' records per `key`, summed inside the database. */
async function minutesBy(match: Record<string, unknown>, key: '$volunteerId' | '$month') {
  // A page of groups at a time: more than 1000 volunteers in a range are all counted.
  return readAll<{ _id: string; minutes: number; services: number }>(async (skip) => {
    const { data } = await serviceRecords()
      .aggregate()
      .match(match)
      .group({ _id: key, minutes: _.aggregate.sum('$minutes'), services: _.aggregate.sum(1) })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(PAGE)
      .end();
    return { data };
  });
}

const volunteerRecords = (from: string, to: string) =>
  readAll<ServiceRecordDoc>((skip) =>
    serviceRecords()
      .where({ volunteerId: _.neq(null), day: _.gte(from).and(_.lte(to)) })
      .orderBy('at', 'asc')
      .skip(skip)
      .limit(PAGE)
      .get(),
  );

export const main = defineFunction('services', servicesContract, {
  async overview(_input, { caller, now }) {
    // `cancelledAt: null` also matches days published before days could be called off.
    const { data } = await haircutDays()
      .where({ day: _.gte(localDay(now)), cancelledAt: null })
      .orderBy('day', 'asc')
      .limit(3)
      .get();
    const days = data as HaircutDayDoc[];
    let mine: RequestDoc[] = [];
    if (caller.openid !== null && days.length > 0) {
      const ids = days.map((d) => bookingId(d.day, caller.openid as string));
      mine = (
        await requests()
          .where({ _id: _.in(ids), status: 'scheduled' })
          .get()
      ).data as RequestDoc[];
    }
    return {
      kinds: KIND_IDS.map((k) => KINDS[k]),
      haircutDays: days.map((d) =>
        dayView(
          d,
          mine.find((r) => r.slot?.day === d.day),
        ),
      ),
      options: { grades: [...GRADES], subjects: [...SUBJECTS], weekendTimes: [...WEEKEND_TIMES], homeTimes: [...HOME_TIMES], supportKinds: [...SUPPORT_KINDS] },
    };
  },

  async request(input, { caller, now }) {
    const actor = actorOf(caller);
    const { forPersonId, kind, ...form } = input;
    const wanted = { kind, form } as KindAndForm;
    const personId = await requester(actor, forPersonId);
    if (wanted.kind === 'haircut') return myView(await bookHaircut(personId, actor.id, wanted.form.slotId, now), undefined, actor);

    const { data: open } = await requests()
      .where({ personId, kind, status: _.in([...OPEN_STATUSES]) })
      .limit(100)
      .get();
    if (isRepeatRequest(open as RequestDoc[], wanted)) throw new AppError('ALREADY_REQUESTED', '您已经申请过了，社工会尽快联系您');
    const doc = newRequest(wanted, { _id: `${kind}~${randomBytes(8).toString('hex')}`, personId, requestedBy: actor.id, status: 'submitted', slot: null }, now);
    await requests().add(doc);
    return myView(doc, undefined, actor);
  },

  async myRequests(_input, { caller }) {
    const actor = actorOf(caller);
    const { data } = await requests()
      .where({ personId: _.in(await ownIds(actor)) })
      .orderBy('createdAt', 'desc')
      .limit(100)
      .get();
    const mine = data as RequestDoc[];
    const volunteers = await peopleById(mine.map((r) => r.volunteerId));
    return mine.map((r) => myView(r, r.volunteerId ? volunteers.get(r.volunteerId) : undefined, actor));
  },

  async cancel({ requestId }, { caller, now }) {
    const actor = actorOf(caller);
    const r = await getRequest(requestId);
    assertMayCancel(r, actor, actor.isStaff ? [actor.id] : await ownIds(actor));
    const cancelled = await move(r, nextStatus(KINDS[r.kind], r.status, 'cancel'), {}, now);
    // The request is closed before the seat is given back: a crash in between loses a seat, never oversells one.
    if (holdsSeat(r) && r.slot) await releaseSeat(r.slot);
    const volunteer = r.volunteerId ? await getPerson(r.volunteerId) : null;
    return myView(cancelled, volunteer ?? undefined, actor);
  },

  async publishHaircutDay(input, { caller, now }) {
    const day = planHaircutDay(input, actorOf(caller).id, now);
    await addOnce(haircutDays(), day, () => new AppError('DAY_EXISTS', `${day.day} 已经发布过义剪了`));
    return dayView(day, undefined);
  },

  async setSlotSeats({ slotId, seats }, { now }) {
    const day = await getDay(dayOfSlot(slotId));
    if (!day) throw notFound('义剪日');
    const { slot, index } = findSlot(day, slotId);
    assertSeatsChange(day, slot, seats, now);
    if (seats === slot.seats) return dayView(day, undefined);
    const path = `slots.${index}`;
    // The bookings held when the write lands decide, not the read above: one made meanwhile is never squeezed out.
    const { updated } = (await haircutDays()
      .where({ _id: day._id, cancelledAt: null, [`${path}.id`]: slot.id, [`${path}.taken`]: _.lte(seats) })
      .update({ [`${path}.seats`]: seats })) as { updated: number };
    if (!updated) {
      const fresh = await getDay(day._id);
      if (fresh) assertSeatsChange(fresh, findSlot(fresh, slotId).slot, seats, now);
      throw new AppError('DAY_CHANGED', '这一天的时段刚刚有了变化，请刷新后再试');
    }
    day.slots[index] = { ...slot, seats };
    return dayView(day, undefined);
  },

  async cancelHaircutDay({ day, reason }, { caller, now }) {
    const dayDoc = await getDay(day);
    if (!dayDoc) throw notFound('义剪日');
    assertCancellable(dayDoc, now);
    // The day is closed first, so nobody books into it while its bookings are called off; a second
    // call after a crash or a lost reply finds it closed and finishes the bookings left open.
    const why = dayDoc.cancelReason || reason;
    if (!dayDoc.cancelledAt) {
      await haircutDays()
        .where({ _id: day, cancelledAt: null })
        .update({ cancelledAt: now, cancelReason: why, cancelledBy: actorOf(caller).id });
    }
    // One read holds them all: a day has at most 20 slots of 50 seats (publishHaircutDay's bounds).
    const { data } = await requests().where({ kind: 'haircut', 'slot.day': day, status: 'scheduled' }).limit(PAGE).get();
    const bookings = data as RequestDoc[];
    const found = await peopleById(bookings.map((b) => b.personId));
    let cancelled = 0;
    let told = 0;
    for (const b of bookings) {
      // Told before the booking is closed: a crash in between leaves it open for the retry to find,
      // and the notice's key keeps the resident from being told twice.
      if (await addNotice(haircutCancelledNotice(b, dayDoc, openidOf(found.get(b.personId) ?? null), now))) told++;
      try {
        await move(b, nextStatus(KINDS.haircut, b.status, 'cancel'), { staffNote: `义剪取消：${why}` }, now);
      } catch (err) {
        // The resident cancelled it themselves meanwhile: it is closed either way.
        if (err instanceof AppError && err.code === 'REQUEST_CHANGED') continue;
        throw err;
      }
      cancelled++;
      if (b.slot) await releaseSeat(b.slot);
    }
    return { day, cancelled, told };
  },

  async queue({ kind, status, day }) {
    const where: Record<string, unknown> = {};
    if (kind) where.kind = kind;
    if (status === 'open') where.status = _.in([...OPEN_STATUSES]);
    else if (status !== 'all') where.status = status;
    if (day) where['slot.day'] = day;
    const { data } = await requests().where(where).orderBy('createdAt', 'asc').limit(200).get();
    const found = data as RequestDoc[];
    // A haircut day's bookings read best in slot order; other queues oldest first.
    if (day) found.sort((a, b) => (a.slot?.startAt.getTime() ?? 0) - (b.slot?.startAt.getTime() ?? 0));
    const names = await peopleById(found.flatMap((r) => [r.personId, r.volunteerId]));
    return found.map((r) => queuedView(r, names));
  },

  async schedule({ requestId, at, note }, { now }) {
    const r = await getRequest(requestId);
    const to = nextStatus(KINDS[r.kind], r.status, 'schedule');
    assertSchedulable(at, now);
    return queued(await move(r, to, { scheduledAt: at, staffNote: note }, now));
  },

  async match({ requestId, volunteerId, note }, { now }) {
    const r = await getRequest(requestId);
    const to = nextStatus(KINDS[r.kind], r.status, 'match');
    await assertVolunteer(volunteerId);
    return queued(await move(r, to, { volunteerId, staffNote: note }, now));
  },

  async decline({ requestId, reason }, { now }) {
    const r = await getRequest(requestId);
    const declined = await move(r, nextStatus(KINDS[r.kind], r.status, 'decline'), { declineReason: reason }, now);
    if (holdsSeat(r) && r.slot) await releaseSeat(r.slot);
    return queued(declined);
  },

  async complete({ requestId }, { now }) {
    const r = await getRequest(requestId);
    return queued(await move(r, nextStatus(KINDS[r.kind], r.status, 'complete'), {}, now));
  },

  async volunteers() {
    const { data } = await people().where({ roles: 'volunteer' }).limit(PAGE).get();
    return (data as PersonDoc[]).map((p) => ({ id: p._id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  },

  async kinds() {
    const { data } = await kindSettings().limit(100).get();
    const indicator = new Map(data.map((d) => [d._id as string, (d.indicatorId as string | null) ?? null]));
    return KIND_IDS.map((k) => ({ ...KINDS[k], indicatorId: indicator.get(k) ?? null }));
  },

  async setKindIndicator({ kind, indicatorId }, { caller, now }) {
    await kindSettings()
      .doc(kind)
      .set({ indicatorId, updatedBy: actorOf(caller).id, updatedAt: now });
    return { kind, indicatorId };
  },

  async recordService(input, { caller, now }) {
    const actor = actorOf(caller);
    const kind = KINDS[input.kind];
    const target = servedTarget(input);

    let request: RequestDoc | null = null;
    let after: Status | null = null;
    let personId: string;
    let volunteerId: string | null;
    if ('requestId' in target) {
      request = await getRequest(target.requestId);
      // Whose it is before what it is: a volunteer learns nothing about a request not theirs.
      assertMayServe(request, actor);
      if (request.kind !== kind.id) throw new AppError('WRONG_KIND', `这条申请不是${kind.title}`);
      assertGiven(input.at, now, request.createdAt);
      after = statusAfterService(kind, request.status);
      personId = request.personId;
    } else {
      // Without a request there is no match, so only staff record it (a walk-in haircut, a visit).
      if (!actor.isStaff) throw new AppError('NOT_YOUR_MATCH', '这条服务没有安排给您，不能查看或记录');
      const person = await getPerson(target.personId);
      if (!person) throw notFound('居民');
      assertGiven(input.at, now, person.createdAt);
      personId = target.personId;
    }
    // A tutoring session's hours are its tutor's; other services name their volunteer, if one helped.
    const named = 'volunteerId' in input ? input.volunteerId : undefined;
    if (request?.volunteerId) volunteerId = request.volunteerId;
    else if (named) volunteerId = (await assertVolunteer(named))._id;
    else volunteerId = null;

    const record = serviceRecord(input as RecordForm & { kind: KindId }, { requestId: request?._id ?? null, personId, volunteerId }, actor.id, now);
    // Attendance first: it is idempotent, so a retry after a lost reply finishes the record rather
    // than counting the person twice, and a second log of the same session is refused below.
    await recordAttendance(serviceAttendance(record, await indicatorOf(kind.id), now));
    await addOnce(serviceRecords(), record, () => new AppError('ALREADY_RECORDED', '这一天的这次服务已经记录过了'));
    if (request && after !== request.status) {
      // The haircut was given whatever else happened to the request meanwhile; a lost race leaves it as it is.
      await requests().where({ _id: request._id, status: request.status }).update({ status: after, updatedAt: now });
    }
    return recordView(record, await peopleById([volunteerId]));
  },

  async deleteRecord({ recordId }, { now }) {
    const { data } = await serviceRecords().where({ _id: recordId }).limit(1).get();
    const record = data[0] as ServiceRecordDoc | undefined;
    if (!record) throw notFound('服务记录');
    assertDeletable(record, now);
    // The record is removed last: until then a retry after a crash finds it and finishes the steps
    // before, each of which is a no-op the second time (the request already reopened, the attendance gone).
    const request = record.requestId ? await findRequest(record.requestId) : null;
    const requestStatus = request ? statusAfterUndo(KINDS[record.kind], request.status) : null;
    if (request && requestStatus && requestStatus !== request.status) await move(request, requestStatus, {}, now);
    await removeAttendance(record._id, record.personId);
    await serviceRecords().doc(record._id).remove();
    return { id: record._id, requestStatus };
  },

  async sessions({ requestId }, { caller }) {
    const r = await getRequest(requestId);
    assertMayServe(r, actorOf(caller));
    const { data } = await serviceRecords().where({ requestId }).orderBy('at', 'desc').limit(PAGE).get();
    const found = data as ServiceRecordDoc[];
    const names = await peopleById(found.map((s) => s.volunteerId));
    return found.map((s) => recordView(s, names));
  },

  async records({ from, to, kind }) {
    assertRange(from, to);
    const where: Record<string, unknown> = { day: _.gte(from).and(_.lte(to)) };
    if (kind) where.kind = kind;
    const found = await readAll<ServiceRecordDoc>((skip) => serviceRecords().where(where).orderBy('at', 'desc').skip(skip).limit(PAGE).get());
    const names = await peopleById(found.flatMap((r) => [r.personId, r.volunteerId]));
    return found.map((r) => ({ ...recordView(r, names), personName: names.get(r.personId)?.name ?? '' }));
  },

  async myMatches(_input, { caller }) {
    // Only while matched: a closed request's child and family notes are no longer the tutor's to read.
    const { data } = await requests()
      .where({ volunteerId: actorOf(caller).id, status: 'matched' })
      .orderBy('createdAt', 'desc')
      .limit(100)
      .get();
    return (data as RequestDoc[]).map(baseView);
  },

  async myHours(_input, { caller }) {
    const me = actorOf(caller).id;
    const [months, { data: recent }, names] = await Promise.all([
      minutesBy({ volunteerId: me }, '$month'),
      serviceRecords().where({ volunteerId: me }).orderBy('at', 'desc').limit(20).get(),
      peopleById([me]),
    ]);
    const minutes = months.reduce((sum, m) => sum + m.minutes, 0);
    return {
      minutes,
      hours: hoursOf(minutes),
      services: months.reduce((sum, m) => sum + m.services, 0),
      byMonth: months.map((m) => ({ month: m._id, minutes: m.minutes, hours: hoursOf(m.minutes) })).sort((a, b) => b.month.localeCompare(a.month)),
      recent: (recent as ServiceRecordDoc[]).map((r) => recordView(r, names)),
    };
  },

  async volunteerHours({ from, to }) {
    assertRange(from, to);
    const totals = (await minutesBy({ volunteerId: _.neq(null), day: _.gte(from).and(_.lte(to)) }, '$volunteerId'))
      .map((t) => ({ volunteerId: t._id, minutes: t.minutes, services: t.services }))
      .sort(byMostMinutes);
    const names = await peopleById(totals.map((t) => t.volunteerId));
    const minutes = totals.reduce((sum, t) => sum + t.minutes, 0);
    return {
      volunteers: totals.map((t) => ({ ...t, name: names.get(t.volunteerId)?.name ?? '', hours: hoursOf(t.minutes) })),
      minutes,
      hours: hoursOf(minutes),
    };
  },

  async exportVolunteerHours({ from, to }, { now }) {
    assertRange(from, to);
    const found = await volunteerRecords(from, to);
    const totals = totalsByVolunteer(found);
    const names = await peopleById(totals.map((t) => t.volunteerId));
    const bytes = await volunteerHoursWorkbook({ from, to }, totals, found, (id) => names.get(id)?.name ?? '');
    return shareFile(`志愿服务时长_${from}_${to}.xlsx`, bytes, now);
  },
});
