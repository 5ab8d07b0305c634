import { randomBytes } from 'node:crypto';
import { attendanceRecord, isDuplicate, recordAttendance, removeAttendance, type AttendanceDoc } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { isStaff } from '../_shared/contract';
import { AppError, forbidden, notFound } from '../_shared/errors';
import { emptyPerson, ensurePerson, findPersonByCode, getPerson, maskPhone, people, type PersonDoc } from '../_shared/people';
import { defineFunction, requireOpenid } from '../_shared/router';
import { activitiesContract } from './contract';
import {
  absentees,
  attendanceSession,
  beingErased,
  canEdit,
  checkCancel,
  checkCapacity,
  checkCheckIn,
  checkNoShows,
  checkParty,
  checkSignUp,
  checkCancellable,
  checkDoorDay,
  checkTransition,
  notSignedUp,
  deadlineFor,
  erasureUnderWay,
  headcountFor,
  instantText,
  partyOf,
  pickSession,
  planSessions,
  profileFill,
  promotionOpen,
  rosterOrder,
  staffOrder,
  seatsLeft,
  sessionForSheet,
  sessionsTomorrow,
  signUpId,
  statusFor,
  statusOf,
  timeText,
  type ActivityDoc,
  type SessionSlot,
  type SignUpDoc,
  type SignUpStatus,
} from './rules';
import {
  activities,
  announcePromotion,
  countWaitlisted,
  waitlistPlace,
  enrol,
  fillWaitlist,
  findSignUp,
  getActivity,
  getPeople,
  keepIfStillWanted,
  signUpNamed,
  signUps,
  takeSeats,
  tell,
  withdraw,
} from './seats';
import { rosterSheet, signInSheet, type SheetRow } from './sheets';
import { shareFile } from '../_shared/files';
import { readAll, readByIds } from '../_shared/paging';

/** Everyone a resident is: their account and any offline records a worker linked to it. */
const identities = (openid: string, person: PersonDoc | null) => [openid, ...(person?.aliases ?? [])];

function summarize(a: ActivityDoc, myStatus: SignUpStatus | null, now: Date) {
  return {
    id: a._id,
    title: a.title,
    serviceArea: a.serviceArea,
    targetGroup: a.targetGroup,
    place: a.place,
    status: a.status,
    startAt: a.startAt,
    endAt: a.endAt,
    timeText: a.sessions.length > 1 ? `${timeText(a.sessions[0].startAt, a.sessions[0].endAt)} 起，共${a.sessions.length}次` : timeText(a.startAt, a.endAt),
    sessionCount: a.sessions.length,
    capacity: a.capacity,
    seatsTaken: a.seatsTaken,
    seatsLeft: seatsLeft(a),
    signUpOpen: a.status === 'published' && now < a.signUpDeadline,
    myStatus,
  };
}

function mySignUp(s: SignUpDoc, status: SignUpStatus, checkedIn: string[] = []) {
  return { activityId: s.activityId, status, seats: s.seats, party: s.party, checkedIn };
}

async function sessionsAttended(activityId: string, personId: string): Promise<string[]> {
  const data = await readAll<AttendanceDoc>((skip, limit) =>
    db.collection('attendance').where({ sourceId: activityId, personId }).orderBy('_id', 'asc').skip(skip).limit(limit).get(),
  );
  return data.map((d) => d.sessionId);
}

async function detail(a: ActivityDoc, mine: SignUpDoc | null, now: Date) {
  const status = mine ? statusOf(mine, a) : null;
  const [waitlisted, checkedIn, waitlistPosition] = await Promise.all([
    countWaitlisted(a),
    mine ? sessionsAttended(a._id, mine.personId) : [],
    mine && status === 'waitlisted' ? waitlistPlace(a, mine) : null,
  ]);
  return {
    ...summarize(a, statusFor(mine, a), now),
    description: a.description,
    signUpDeadline: a.signUpDeadline,
    deadlineText: instantText(a.signUpDeadline),
    maxParty: a.maxParty,
    safetyAgreement: a.safetyAgreement,
    safetyTerms: a.safetyTerms,
    indicatorId: a.indicatorId,
    sessions: a.sessions.map((s) => ({ ...s, timeText: timeText(s.startAt, s.endAt) })),
    waitlisted,
    mine: mine && status ? { ...mySignUp(mine, status, checkedIn), waitlistPosition } : null,
  };
}

/** A first-time resident's profile, filled from the sign-up form's contact fields. */
async function completeProfile(openid: string, person: PersonDoc | null, contact: { name: string; phone?: string } | undefined, now: Date) {
  const patch = profileFill(person, contact);
  if (Object.keys(patch).length === 0) return;
  if (person) {
    await people()
      .doc(openid)
      .update({ ...patch, updatedAt: now });
    return;
  }
  try {
    await people().add({ ...emptyPerson(openid, openid, now), ...patch });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    // Created meanwhile by another tap: fill it the same way.
    await completeProfile(openid, await getPerson(openid), contact, now);
  }
}

/** Marks everyone registered and not checked in at a session as no-show; safe to run again. */
async function markAbsent(a: ActivityDoc, slot: SessionSlot): Promise<number> {
  const data = await readAll<{ personId: string }>((skip, limit) =>
    db.collection('attendance').where({ sessionId: slot.id }).field({ personId: true }).orderBy('_id', 'asc').skip(skip).limit(limit).get(),
  );
  const absent = absentees(a.seatHolders, new Set(data.map((d) => d.personId as string)));
  if (absent.length === 0) return 0;
  let marked = 0;
  for (let i = 0; i < absent.length; i += 1000) {
    const { updated } = (await signUps()
      .where({ _id: _.in(absent.slice(i, i + 1000).map((p) => signUpId(a._id, p))), active: true })
      .update({ noShow: _.addToSet(slot.id) })) as { updated: number };
    marked += updated;
  }
  return marked;
}

/** Who a scanned or typed check-in code belongs to, and their sign-up here. */
async function byCode(activityId: string, code: string) {
  const person = await findPersonByCode(code);
  if (!person) throw new AppError('CODE_UNKNOWN', '没有找到这个签到码，请让居民重新打开签到码');
  const signUp = await findSignUp(activityId, [person._id, ...(person.aliases ?? [])]);
  if (!signUp) throw notSignedUp();
  return { person, signUp };
}

/** A line of the roster ticked (or a person staff found elsewhere), and who it is. */
async function byRoster(activityId: string, named: string) {
  const signUp = await signUpNamed(activityId, named);
  if (!signUp) throw notSignedUp();
  const person = await getPerson(signUp.personId);
  if (!person) throw notFound('居民');
  return { person, signUp };
}

/** Staff see the roster in full; a volunteer at the door sees masked phones and party sizes only. */
async function rosterOf(activityId: string, now: Date, forStaff: boolean) {
  // Reading the roster is also when seats left behind by a cut-short withdrawal are repaired.
  const a = await fillWaitlist(activityId, now);
  // Read in pages: a roster (and a series' check-ins) may be past the server's 1000 a read.
  const list = await readAll<SignUpDoc>((skip, limit) =>
    signUps().where({ activityId }).orderBy('queuedAt', 'asc').orderBy('_id', 'asc').skip(skip).limit(limit).get(),
  );
  const [persons, attendance] = await Promise.all([
    getPeople(list.map((s) => s.personId)),
    readAll<AttendanceDoc>((skip, limit) => db.collection('attendance').where({ sourceId: activityId }).orderBy('_id', 'asc').skip(skip).limit(limit).get()),
  ]);
  const attended = new Map<string, { sessionId: string; headcount: number }[]>();
  for (const d of attendance) {
    attended.set(d.personId, [...(attended.get(d.personId) ?? []), { sessionId: d.sessionId, headcount: d.headcount }]);
  }
  const entries = list.map((s) => {
    const p = persons.get(s.personId);
    return {
      personId: s.ref,
      name: p?.name ?? '',
      phone: forStaff ? (p?.phone ?? '') : maskPhone(p?.phone ?? ''),
      building: forStaff ? (p?.building ?? '') : '',
      offline: p?.openid === null,
      status: statusOf(s, a),
      seats: s.seats,
      party: forStaff ? s.party : [],
      proxy: s.by !== s.personId,
      signedUpAt: s.queuedAt,
      attendance: attended.get(s.personId) ?? [],
      noShow: s.noShow,
    };
  });
  return { activity: a, entries: rosterOrder(entries) };
}

/** Moves the activity on from the status it was read in; a second worker doing the same at once is fine. */
async function setStatus(a: ActivityDoc, to: ActivityDoc['status'], now: Date) {
  const { updated } = (await activities().where({ _id: a._id, status: a.status }).update({ status: to, updatedAt: now })) as { updated: number };
  if (!updated && (await getActivity(a._id)).status !== to) throw new AppError('CHANGED_MEANWHILE', '活动刚被别人修改过，请刷新后再试');
  return { id: a._id, status: to };
}

export const main = defineFunction('activities', activitiesContract, {
  async create(input, { caller, now }) {
    const id = randomBytes(8).toString('hex');
    const sessions = planSessions(id, input);
    const doc: ActivityDoc = {
      _id: id,
      title: input.title,
      serviceArea: input.serviceArea,
      targetGroup: input.targetGroup,
      place: input.place,
      description: input.description,
      sessions,
      startAt: sessions[0].startAt,
      endAt: sessions[sessions.length - 1].endAt,
      signUpDeadline: deadlineFor(sessions, input.signUpDeadline),
      capacity: input.capacity,
      maxParty: input.maxParty,
      safetyAgreement: input.safetyAgreement,
      safetyTerms: input.safetyTerms,
      indicatorId: input.indicatorId,
      status: 'draft',
      seatsTaken: 0,
      seatHolders: [],
      seatsHeld: {},
      createdBy: requireOpenid(caller),
      createdAt: now,
      updatedAt: now,
    };
    await activities().add(doc);
    return { id };
  },

  async update({ activityId, ...input }, { now }) {
    const a = await getActivity(activityId);
    if (!canEdit(a.status)) throw new AppError('NOT_EDITABLE', '已结束或已取消的活动不能再修改');
    const rescheduled = input.sessions !== undefined || input.startAt !== undefined || input.endAt !== undefined;
    if (rescheduled && !input.sessions && a.sessions.length > 1) throw new AppError('BAD_SCHEDULE', '小组有多次活动，请逐次填写每次的时间');
    if (input.sessions && a.sessions.some((s) => s.startAt <= now) && input.sessions.length !== a.sessions.length) {
      throw new AppError('SESSIONS_LOCKED', '小组已经开始，不能再增减次数');
    }
    const sessions = rescheduled
      ? planSessions(a._id, input.sessions ? { sessions: input.sessions } : { startAt: input.startAt ?? a.startAt, endAt: input.endAt ?? a.endAt })
      : a.sessions;
    const keptDeadline = a.signUpDeadline <= sessions[0].startAt ? a.signUpDeadline : undefined;
    const capacity = input.capacity ?? a.capacity;
    checkCapacity(capacity, a.seatsTaken);
    const { sessions: _given, startAt: _s, endAt: _e, ...fields } = input;
    const patch = {
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      sessions: _.set(sessions),
      startAt: sessions[0].startAt,
      endAt: sessions[sessions.length - 1].endAt,
      signUpDeadline: deadlineFor(sessions, input.signUpDeadline ?? keptDeadline),
      capacity,
      updatedAt: now,
    };
    // Guarded: seats taken meanwhile may not end up above the new capacity.
    const { updated } = (await activities()
      .where({ _id: a._id, status: _.in(['draft', 'published']), seatsTaken: _.lte(capacity) })
      .update(patch)) as { updated: number };
    if (!updated) {
      checkCapacity(capacity, (await getActivity(a._id)).seatsTaken);
      throw new AppError('NOT_EDITABLE', '已结束或已取消的活动不能再修改');
    }
    // More seats: the waitlist moves up.
    const after = capacity > a.capacity ? await fillWaitlist(a._id, now) : await getActivity(a._id);
    return detail(after, null, now);
  },

  async publish({ activityId }, { now }) {
    const a = await getActivity(activityId);
    checkTransition(a, 'published', now);
    return a.status === 'published' ? { id: a._id, status: a.status } : setStatus(a, 'published', now);
  },

  async cancelActivity({ activityId }, { now }) {
    const a = await getActivity(activityId);
    checkTransition(a, 'cancelled', now);
    if (a.status !== 'cancelled') checkCancellable(a, (await db.collection('attendance').where({ sourceId: a._id }).count()).total);
    const result = a.status === 'cancelled' ? { id: a._id, status: a.status } : await setStatus(a, 'cancelled', now);
    // Everyone still signed up is told; a re-run tells no one twice.
    const list = await readAll<SignUpDoc>((skip, limit) => signUps().where({ activityId, active: true }).orderBy('_id', 'asc').skip(skip).limit(limit).get());
    const persons = await getPeople(list.map((s) => s.personId));
    for (const s of list) await tell('activityCancelled', s._id, a, persons.get(s.personId) ?? null, s.personId, now);
    return result;
  },

  async finish({ activityId }, { now }) {
    const a = await getActivity(activityId);
    checkTransition(a, 'finished', now);
    if (a.status === 'finished') return { id: a._id, status: a.status };
    const current = await fillWaitlist(a._id, now);
    for (const slot of current.sessions.filter((s) => s.startAt <= now)) await markAbsent(current, slot);
    return setStatus(current, 'finished', now);
  },

  async get({ activityId }, { caller, now }) {
    const a = await getActivity(activityId);
    if (a.status === 'draft' && !isStaff(caller.roles)) throw notFound('活动');
    const openid = caller.openid;
    const mine = openid ? await findSignUp(a._id, identities(openid, await getPerson(openid))) : null;
    return detail(a, mine, now);
  },

  async list({ serviceArea }, { caller, now }) {
    const list = await readAll<ActivityDoc>((skip, limit) =>
      activities()
        .where({ status: 'published', endAt: _.gte(now), ...(serviceArea ? { serviceArea } : {}) })
        .orderBy('startAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(limit)
        .get(),
    );
    const openid = requireOpenid(caller);
    const ids = identities(openid, await getPerson(openid));
    const mine = await readByIds<SignUpDoc>(
      list.map((a) => a._id),
      (slice, skip, limit) =>
        signUps()
          .where({ activityId: _.in(slice), personId: _.in(ids) })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit)
          .get(),
    );
    const byActivity = new Map(mine.map((s) => [s.activityId, s]));
    return list.map((a) => summarize(a, statusFor(byActivity.get(a._id) ?? null, a), now));
  },

  async listForStaff({ status }, { caller, now }) {
    // Drafts are the workers' unfinished notices: volunteers at the door and the secretary see what was published.
    const drafts = isStaff(caller.roles);
    if (status === 'draft' && !drafts) return [];
    const list = await readAll<ActivityDoc>((skip, limit) =>
      activities()
        .where(status ? { status } : drafts ? {} : { status: _.neq('draft') })
        .orderBy('startAt', 'desc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(limit)
        .get(),
    );
    return staffOrder(list, now).map((a) => summarize(a, null, now));
  },

  async signUp({ activityId, contact, party, agreeSafety }, { caller, now }) {
    const openid = requireOpenid(caller);
    const [a, person] = await Promise.all([getActivity(activityId), getPerson(openid)]);
    // A worker may have signed them up already under an offline record now linked to them.
    const earlier = person?.aliases?.length ? await findSignUp(a._id, person.aliases) : null;
    if (earlier?.active) return mySignUp(earlier, statusOf(earlier, a));
    checkParty(party);
    checkSignUp(a, { partySize: party.length, agreeSafety, now });
    await completeProfile(openid, person, contact, now);
    const { signUp, status } = await enrol(a, { personId: openid, party: partyOf(party), agreedSafety: agreeSafety === true, by: openid }, now);
    return mySignUp(signUp, status);
  },

  async proxySignUp({ activityId, personId, party, agreeSafety }, { caller, now }) {
    const [a, person] = await Promise.all([getActivity(activityId), getPerson(personId)]);
    if (!person) throw notFound('居民');
    if (beingErased(person)) throw erasureUnderWay();
    checkParty(party);
    checkSignUp(a, { partySize: party.length, agreeSafety, now });
    profileFill(person, undefined);
    const { signUp, status } = await enrol(a, { personId, party: partyOf(party), agreedSafety: agreeSafety === true, by: requireOpenid(caller) }, now);
    return mySignUp(signUp, status);
  },

  async cancel({ activityId, personId }, { caller, now }) {
    if (personId !== undefined && !isStaff(caller.roles)) throw forbidden();
    const openid = requireOpenid(caller);
    const a = await getActivity(activityId);
    const signUp = personId !== undefined ? await signUpNamed(a._id, personId) : await findSignUp(a._id, identities(openid, await getPerson(openid)));
    if (!signUp) throw new AppError('NOT_SIGNED_UP', '您还没有报名这个活动');
    checkCancel(a, now, isStaff(caller.roles));
    await withdraw(a, signUp, now);
    return { activityId: a._id, status: 'cancelled' as const };
  },

  async promote({ activityId, personId: named, addSeats }, { now }) {
    const [a, signUp] = await Promise.all([getActivity(activityId), signUpNamed(activityId, named)]);
    if (!signUp || !signUp.active) throw notSignedUp();
    if (statusOf(signUp, a) === 'registered') return mySignUp(signUp, 'registered');
    if (!promotionOpen(a, now)) throw new AppError('SIGNUP_CLOSED', '活动已经开始或不在报名中，不能再转正');
    const { personId } = signUp;
    let seating = await takeSeats(a, personId, signUp.seats, now);
    if (!seating) {
      const latest = await getActivity(a._id);
      const short = signUp.seats - seatsLeft(latest);
      // Seats freed meanwhile, or the activity changed: raising capacity by nothing (or less) is wrong.
      if (short <= 0 || latest.status !== 'published') throw new AppError('CHANGED_MEANWHILE', '名额刚刚有变化，请刷新后再试');
      if (!addSeats) throw new AppError('FULL', `名额已满：这位居民一行 ${signUp.seats} 人，还差 ${short} 个名额。确定要增加名额吗？`);
      await activities()
        .where({ _id: a._id, capacity: latest.capacity })
        .update({ capacity: _.inc(short), updatedAt: now });
      seating = await takeSeats(await getActivity(a._id), personId, signUp.seats, now);
      if (!seating) throw new AppError('CHANGED_MEANWHILE', '名额刚刚有变化，请刷新后再试');
    }
    // Withdrawn or changed while being moved: the seats went back to whoever waits next.
    if (seating === 'took' && !(await keepIfStillWanted(a._id, signUp, now))) {
      await fillWaitlist(a._id, now);
      throw new AppError('CHANGED_MEANWHILE', '这位居民刚刚取消或改了报名，请刷新后再试');
    }
    await announcePromotion(a, signUp, now);
    return mySignUp(signUp, 'registered');
  },

  async mine(_input, { caller, now }) {
    const openid = requireOpenid(caller);
    const person = await ensurePerson(openid, now);
    const ids = identities(openid, person);
    const list = await readAll<SignUpDoc>((skip, limit) =>
      signUps()
        .where({ personId: _.in(ids) })
        .orderBy('queuedAt', 'desc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(limit)
        .get(),
    );
    if (list.length === 0) return { checkinCode: person.checkinCode, items: [] };
    const activityIds = list.map((s) => s.activityId);
    const [acts, attended] = await Promise.all([
      readByIds<ActivityDoc>(activityIds, (slice, skip, limit) =>
        activities()
          .where({ _id: _.in(slice) })
          .skip(skip)
          .limit(limit)
          .get(),
      ),
      readByIds<AttendanceDoc>(activityIds, (slice, skip, limit) =>
        db
          .collection('attendance')
          .where({ personId: _.in(ids), sourceId: _.in(slice) })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit)
          .get(),
      ),
    ]);
    const byId = new Map(acts.map((a) => [a._id, a]));
    const items = list.flatMap((s) => {
      const a = byId.get(s.activityId);
      if (!a) return [];
      const checkedIn = attended.filter((d) => d.sourceId === a._id && d.personId === s.personId).map((d) => d.sessionId);
      return [{ a, s, activity: summarize(a, statusOf(s, a), now), signUp: mySignUp(s, statusOf(s, a), checkedIn) }];
    });
    // Their place in line, where one still counts: waiting for an activity still open.
    const placed = await Promise.all(
      items.map(async ({ a, s, activity, signUp }) => ({
        activity,
        signUp: {
          ...signUp,
          waitlistPosition: signUp.status === 'waitlisted' && a.status === 'published' && a.endAt >= now ? await waitlistPlace(a, s) : null,
        },
      })),
    );
    return { checkinCode: person.checkinCode, items: placed };
  },

  async roster({ activityId }, { caller, now }) {
    if (!isStaff(caller.roles)) checkDoorDay(await getActivity(activityId), now);
    return (await rosterOf(activityId, now, isStaff(caller.roles))).entries;
  },

  async checkIn({ activityId, personId, code, sessionId, headcount }, { caller, now }) {
    const a = await getActivity(activityId);
    if (!isStaff(caller.roles)) checkDoorDay(a, now);
    const { person, signUp } = code !== undefined ? await byCode(a._id, code) : await byRoster(a._id, personId!);
    checkCheckIn(a, statusOf(signUp, a));
    const slot = pickSession(a, sessionId, now);
    const count = headcountFor(signUp.seats, headcount);
    const recorded = await recordAttendance(attendanceRecord(attendanceSession(a, slot), signUp.personId, count, requireOpenid(caller), now));
    // Late, after being marked absent: the mark goes.
    if (signUp.noShow.includes(slot.id))
      await signUps()
        .doc(signUp._id)
        .update({ noShow: _.pull(slot.id) });
    return { personId: signUp.ref, name: person.name, sessionId: slot.id, headcount: count, alreadyCheckedIn: !recorded };
  },

  async undoCheckIn({ activityId, personId, sessionId }, { caller, now }) {
    const a = await getActivity(activityId);
    if (!isStaff(caller.roles)) checkDoorDay(a, now);
    const slot = pickSession(a, sessionId, now);
    // Attendance is kept under the person's own id; the door names them as its roster does.
    const signUp = await signUpNamed(a._id, personId);
    return { removed: await removeAttendance(slot.id, signUp?.personId ?? personId) };
  },

  async markNoShows({ activityId, sessionId }, { now }) {
    const a = await fillWaitlist(activityId, now);
    if (a.status !== 'published' && a.status !== 'finished') throw new AppError('NOT_PUBLISHED', '活动不在进行中');
    const slot = pickSession(a, sessionId, now);
    checkNoShows(slot, now);
    return { sessionId: slot.id, marked: await markAbsent(a, slot) };
  },

  async exportRoster({ activityId, sheet, sessionId }, { now }) {
    const { activity: a, entries } = await rosterOf(activityId, now, true);
    const slot = sheet === 'signin' ? sessionForSheet(a, sessionId, now) : null;
    const rows: SheetRow[] = entries.map((e) => ({
      ...e,
      headcount: slot ? (e.attendance.find((x) => x.sessionId === slot.id)?.headcount ?? null) : null,
    }));
    const when = slot ? timeText(slot.startAt, slot.endAt) : summarize(a, null, now).timeText;
    const title = slot && a.sessions.length > 1 ? `${a.title}（第${a.sessions.indexOf(slot) + 1}次）` : a.title;
    return sheet === 'signin'
      ? shareFile(`${title}-签到表.xlsx`, await signInSheet(title, `${when}  ${a.place}`, rows), now)
      : shareFile(`${title}-报名表.xlsx`, await rosterSheet(title, `${when}  ${a.place}`, rows), now);
  },

  async remind(_input, { now }) {
    const soon = new Date(now.getTime() + 2 * 24 * 3600 * 1000);
    const { data } = await activities()
      .where({ status: 'published', startAt: _.lte(soon), endAt: _.gte(now) })
      .limit(1000)
      .get();
    let reminded = 0;
    for (const found of data as ActivityDoc[]) {
      // The daily run is also the sweep that repairs any seats a crash left behind.
      const a = await fillWaitlist(found._id, now);
      const slots = sessionsTomorrow(a, now);
      if (slots.length === 0) continue;
      const persons = await getPeople(a.seatHolders);
      for (const slot of slots) {
        for (const personId of a.seatHolders) {
          if (
            await tell('reminder', `${slot.id}~${personId}`, { ...a, startAt: slot.startAt, endAt: slot.endAt }, persons.get(personId) ?? null, personId, now)
          )
            reminded++;
        }
      }
    }
    return { reminded };
  },
});
