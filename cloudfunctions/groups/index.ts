import { randomBytes } from 'node:crypto';
import { attendanceRecord, isDuplicate, recordAttendance, removeAttendance } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { isStaff } from '../_shared/contract';
import { AppError, notFound, profileIncomplete } from '../_shared/errors';
import { getPerson, isProfileComplete, people, type PersonDoc } from '../_shared/people';
import { defineFunction, requireOpenid, type Caller } from '../_shared/router';
import { localDay } from '../_shared/time';
import { groupsContract } from './contract';
import {
  addByStaff,
  addDays,
  applyFor,
  approve,
  canTick,
  checkCanTick,
  currentMember,
  decline,
  describeSchedule,
  heldPractice,
  historyStart,
  isCancelled,
  isPseudonym,
  leads,
  leave,
  managerView,
  membershipId,
  nextPractices,
  calledOffPractices,
  calledOffUntil,
  notAMember,
  phoneFor,
  practiceOf,
  practiceSession,
  practiceSessionId,
  pseudonymOf,
  roleOf,
  scheduledDays,
  withRole,
  type GroupDoc,
  type GroupRole,
  type Leads,
  type ManagerView,
  type MembershipDoc,
} from './rules';

const groups = () => db.collection('groups');
/** One doc per person per group: `${groupId}~${personId}` (see MembershipDoc). */
const memberships = () => db.collection('memberships');
const attendance = () => db.collection('attendance');
const $ = _.aggregate;

const dayOrNull = (at: Date | null) => (at ? localDay(at) : null);

const newPseudonymKey = () => randomBytes(16).toString('hex');

/**
 * A group made before the group doc named its 队长 and 副队长 had them as a role on memberships:
 * they move to the group doc once (the latest named, if a race had left two), with a pseudonym
 * key, and the old role fields go, so no record can disagree with the group doc.
 */
async function upgraded(group: GroupDoc): Promise<GroupDoc> {
  if (group.pseudonymKey !== undefined) return group;
  const { data } = await memberships()
    .where({ groupId: group._id, status: 'approved', role: _.in(['leader', 'deputy']) })
    .orderBy('updatedAt', 'desc')
    .limit(100)
    .get();
  const named = (role: GroupRole) => (data.find((m) => m.role === role)?.personId as string | undefined) ?? null;
  await groups()
    .where({ _id: group._id, pseudonymKey: _.exists(false) })
    .update({ leaderId: named('leader'), deputyId: named('deputy'), pseudonymKey: newPseudonymKey() });
  await memberships()
    .where({ groupId: group._id, role: _.exists(true) })
    .update({ role: _.remove() });
  const { data: fresh } = await groups().where({ _id: group._id }).limit(1).get();
  return fresh[0] as GroupDoc;
}

const allUpgraded = (list: GroupDoc[]) => Promise.all(list.map(upgraded));

async function getGroup(groupId: string): Promise<GroupDoc> {
  const { data } = await groups().where({ _id: groupId }).limit(1).get();
  if (!data[0]) throw notFound('队伍');
  return upgraded(data[0] as GroupDoc);
}

/** Takes the 队长 or 副队长 role from someone who is no longer a member; a no-op otherwise. */
async function dropRoles(groupId: string, personId: string, now: Date): Promise<void> {
  await groups().where({ _id: groupId, leaderId: personId }).update({ leaderId: null, updatedAt: now });
  await groups().where({ _id: groupId, deputyId: personId }).update({ deputyId: null, updatedAt: now });
}

async function getMembership(groupId: string, personId: string): Promise<MembershipDoc | null> {
  const { data } = await memberships()
    .where({ _id: membershipId(groupId, personId) })
    .limit(1)
    .get();
  return (data[0] as MembershipDoc | undefined) ?? null;
}

/** Practices a person was ticked present at, in this group. */
const attendedCount = async (groupId: string, personId: string) =>
  (await attendance().where({ kind: 'groupPractice', sourceId: groupId, personId }).count()).total;

const memberCount = async (groupId: string) => (await memberships().where({ groupId, status: 'approved' }).count()).total;

/** Members and open applications of several groups in one aggregation, not a count per group. */
async function countsOf(groupIds: string[]): Promise<Map<string, { members: number; pending: number }>> {
  const counts = new Map(groupIds.map((id) => [id, { members: 0, pending: 0 }]));
  if (groupIds.length === 0) return counts;
  const { data } = await memberships()
    .aggregate()
    .match({ groupId: _.in(groupIds), status: _.in(['approved', 'applied']) })
    .group({ _id: { groupId: '$groupId', status: '$status' }, n: $.sum(1) })
    .limit(2 * groupIds.length)
    .end();
  for (const { _id, n } of data as { _id: { groupId: string; status: string }; n: number }[]) {
    const c = counts.get(_id.groupId)!;
    if (_id.status === 'approved') c.members = n;
    else c.pending = n;
  }
  return counts;
}

async function membersOf(groupId: string): Promise<MembershipDoc[]> {
  const { data } = await memberships().where({ groupId, status: 'approved' }).orderBy('joinedAt', 'asc').limit(1000).get();
  return data as MembershipDoc[];
}

/** Names and phones of a group's people: a group is far below the 1000 one request returns. */
async function peopleById(ids: string[]): Promise<Map<string, Pick<PersonDoc, 'name' | 'phone'>>> {
  if (ids.length === 0) return new Map();
  const { data } = await people()
    .where({ _id: _.in(ids) })
    .field({ name: true, phone: true })
    .limit(1000)
    .get();
  return new Map(data.map((p) => [p._id as string, { name: p.name as string, phone: p.phone as string }]));
}

/** Practice attendance of a group, counted per `key` on the database side. */
async function practiceTally(match: Record<string, unknown>, key: 'personId' | 'day'): Promise<Map<string, number>> {
  const { data } = await attendance()
    .aggregate()
    .match({ kind: 'groupPractice', ...match })
    .group({ _id: `$${key}`, n: $.sum(1) })
    .limit(1000)
    .end();
  return new Map((data as { _id: string; n: number }[]).map((r) => [r._id, r.n]));
}

/**
 * Writes one lifecycle step, guarded by the state it was decided from: if someone else changed
 * the membership meanwhile (two leaders approving at once), the step is decided again on the new
 * state, which then refuses clearly (ALREADY_APPROVED) instead of writing twice.
 */
async function transition(groupId: string, personId: string, step: (current: MembershipDoc | null) => MembershipDoc): Promise<MembershipDoc> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await getMembership(groupId, personId);
    const next = step(current);
    if (current === null) {
      try {
        await memberships().add(next);
        return next;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        continue;
      }
    }
    const { _id, application, ...fields } = next;
    const { updated } = (await memberships()
      .where({ _id, status: current.status })
      .update({ ...fields, application: application === null ? null : _.set(application) })) as { updated: number };
    if (updated > 0) return next;
  }
  throw new AppError('BUSY', '刚才有人同时在操作，请刷新后再试');
}

/** Staff run every group; a 队长/副队长 only their own. Returns the group and how the caller sees it. */
async function managing(groupId: string, caller: Caller) {
  const [group, own] = await Promise.all([getGroup(groupId), getMembership(groupId, requireOpenid(caller))]);
  return { group, view: managerView(caller.roles, group, own) };
}

/** The id a manager's view gives a person: their own for staff, the group's pseudonym for a 队长 (pseudonymOf). */
const shownId = (group: GroupDoc, view: ManagerView, personId: string) => (view === 'staff' ? personId : pseudonymOf(group.pseudonymKey, personId));

/**
 * The person a manager means: a pseudonym from a 队长's view is mapped back here, among the group's
 * memberships. Any other id is taken as it is (staff, and callers that hold ids already, such as the
 * demo seed): the views never give a 队长 one.
 */
async function personMeant(group: GroupDoc, view: ManagerView, personId: string): Promise<string> {
  if (view === 'staff' || !isPseudonym(personId)) return personId;
  const { data } = await memberships().where({ groupId: group._id }).field({ personId: true }).limit(1000).get();
  return data.map((m) => m.personId as string).find((id) => pseudonymOf(group.pseudonymKey, id) === personId) ?? personId;
}

const asGroup = (g: GroupDoc, members: number) => ({
  id: g._id,
  name: g.name,
  description: g.description,
  serviceArea: g.serviceArea,
  place: g.place,
  schedule: g.schedule,
  scheduleText: describeSchedule(g.schedule),
  indicatorId: g.indicatorId,
  memberCount: members,
});

const asMine = (m: MembershipDoc, group: Leads, attendedCount: number) => ({
  status: m.status,
  role: roleOf(group, m),
  declineReason: m.declineReason,
  appliedOn: dayOrNull(m.appliedAt),
  decidedOn: dayOrNull(m.decidedAt),
  attendedCount,
});

export const main = defineFunction('groups', groupsContract, {
  async list(_input, { caller, now }) {
    const me = requireOpenid(caller);
    // A community has a handful of groups; 100 is far above it.
    const [{ data: found }, { data: mine }] = await Promise.all([
      groups().orderBy('createdAt', 'asc').limit(100).get(),
      memberships().where({ personId: me }).limit(1000).get(),
    ]);
    const all = await allUpgraded(found as GroupDoc[]);
    const statusIn = new Map((mine as MembershipDoc[]).map((m) => [m.groupId, m.status]));
    const counts = await countsOf(all.map((g) => g._id));
    return all.map((g) => ({
      ...asGroup(g, counts.get(g._id)!.members),
      myStatus: statusIn.get(g._id) ?? null,
      nextPractice: nextPractices(g.schedule, now, 1)[0] ?? null,
    }));
  },

  async get({ groupId }, { caller, now }) {
    const me = requireOpenid(caller);
    const [group, own, members] = await Promise.all([getGroup(groupId), getMembership(groupId, me), memberCount(groupId)]);
    // 队长 first, then 副队长; each while a member.
    const named = [group.leaderId, group.deputyId].filter((id): id is string => id !== null);
    const { data: leaderDocs } = named.length
      ? await memberships()
          .where({ _id: _.in(named.map((id) => membershipId(groupId, id))), status: 'approved' })
          .limit(2)
          .get()
      : { data: [] };
    const leading = named.filter((id) => leaderDocs.some((m) => m.personId === id));
    const [names, attended] = await Promise.all([peopleById(leading), own ? attendedCount(groupId, me) : 0]);
    const next = nextPractices(group.schedule, now, 4);
    return {
      ...asGroup(group, members),
      nextPractices: next,
      calledOff: calledOffPractices(group.schedule, now, calledOffUntil(next, now)),
      leaders: leading.map((id) => ({ name: names.get(id)?.name ?? '', role: id === group.leaderId ? ('leader' as const) : ('deputy' as const) })),
      mine: own ? asMine(own, group, attended) : null,
      canManage: isStaff(caller.roles) || leads(group, own),
    };
  },

  async apply({ groupId, why, experience, preferredTimes }, { caller, now }) {
    const me = requireOpenid(caller);
    const [group, person] = await Promise.all([getGroup(groupId), getPerson(me)]);
    // The leader needs to know who is asking, and the station how to reach them.
    if (!person || !isProfileComplete(person)) throw profileIncomplete();
    const m = await transition(groupId, me, (current) => applyFor(current, groupId, me, { why, experience, preferredTimes }, now));
    return asMine(m, group, await attendedCount(groupId, me));
  },

  async leave({ groupId }, { caller, now }) {
    const me = requireOpenid(caller);
    const group = await getGroup(groupId);
    const m = await transition(groupId, me, (current) => leave(current, now));
    // After the step: a role given while they were leaving is taken back too (setRole checks again after its write).
    if (m.status === 'left') await dropRoles(groupId, me, now);
    return asMine(m, group, await attendedCount(groupId, me));
  },

  async managed(_input, { caller }) {
    const me = requireOpenid(caller);
    // A community has a handful of groups: reading them all finds the ones the caller leads.
    const [{ data: found }, { data: own }] = await Promise.all([
      groups().orderBy('createdAt', 'asc').limit(100).get(),
      memberships().where({ personId: me, status: 'approved' }).limit(100).get(),
    ]);
    const mine = new Map((own as MembershipDoc[]).map((m) => [m.groupId, m]));
    const leading = (await allUpgraded(found as GroupDoc[])).map((g) => {
      const m = mine.get(g._id);
      const role = m ? roleOf(g, m) : 'member';
      return { group: g, myRole: role === 'member' ? null : role };
    });
    const list = isStaff(caller.roles) ? leading : leading.filter((l) => l.myRole !== null);
    const counts = await countsOf(list.map((l) => l.group._id));
    return list.map(({ group: g, myRole }) => ({
      id: g._id,
      name: g.name,
      memberCount: counts.get(g._id)!.members,
      pendingCount: counts.get(g._id)!.pending,
      myRole,
    }));
  },

  async applications({ groupId }, { caller }) {
    const { group, view } = await managing(groupId, caller);
    const { data } = await memberships().where({ groupId, status: 'applied' }).orderBy('appliedAt', 'asc').limit(1000).get();
    const open = data as MembershipDoc[];
    const who = await peopleById(open.map((m) => m.personId));
    return open.map((m) => ({
      personId: shownId(group, view, m.personId),
      name: who.get(m.personId)?.name ?? '',
      phone: phoneFor(view, who.get(m.personId)?.phone ?? ''),
      why: m.application?.why ?? '',
      experience: m.application?.experience ?? '',
      preferredTimes: m.application?.preferredTimes ?? '',
      appliedOn: dayOrNull(m.appliedAt),
    }));
  },

  async approve({ groupId, personId }, { caller, now }) {
    const { group, view } = await managing(groupId, caller);
    const m = await transition(groupId, await personMeant(group, view, personId), (current) => approve(current, requireOpenid(caller), now));
    return { personId, status: m.status };
  },

  async decline({ groupId, personId, reason }, { caller, now }) {
    const { group, view } = await managing(groupId, caller);
    const m = await transition(groupId, await personMeant(group, view, personId), (current) => decline(current, reason, requireOpenid(caller), now));
    return { personId, status: m.status };
  },

  async roster({ groupId }, { caller }) {
    const { group, view } = await managing(groupId, caller);
    const [members, attended] = await Promise.all([membersOf(groupId), practiceTally({ sourceId: groupId }, 'personId')]);
    const who = await peopleById(members.map((m) => m.personId));
    return members.map((m) => ({
      personId: shownId(group, view, m.personId),
      name: who.get(m.personId)?.name ?? '',
      phone: phoneFor(view, who.get(m.personId)?.phone ?? ''),
      role: roleOf(group, m),
      joinedOn: dayOrNull(m.joinedAt),
      attendedCount: attended.get(m.personId) ?? 0,
    }));
  },

  async practices({ groupId, weeksBack, weeksAhead }, { caller, now }) {
    const { group } = await managing(groupId, caller);
    const today = localDay(now);
    const from = addDays(today, -7 * weeksBack);
    const to = addDays(today, 7 * weeksAhead);
    const present = await practiceTally({ sourceId: groupId, day: _.gte(from).and(_.lte(to)) }, 'day');
    // Days with a roll call stay listed even if the schedule has changed since.
    const days = [...new Set([...scheduledDays(group.schedule, from, to), ...present.keys()])].sort().reverse();
    return days.map((day) => ({
      ...practiceOf(group.schedule, day),
      presentCount: present.get(day) ?? 0,
      cancelled: isCancelled(group.schedule, day),
    }));
  },

  async rollCall({ groupId, day }, { caller, now }) {
    const { group, view } = await managing(groupId, caller);
    const [members, { data: ticked }] = await Promise.all([
      membersOf(groupId),
      attendance()
        .where({ sessionId: practiceSessionId(groupId, day) })
        .field({ personId: true })
        .limit(1000)
        .get(),
    ]);
    const present = new Set(ticked.map((a) => a.personId as string));
    const who = await peopleById(members.map((m) => m.personId));
    return {
      practice: { ...practiceOf(group.schedule, day), title: `${group.name}练习`, canTick: canTick(group, day, now) },
      members: members.map((m) => ({
        personId: shownId(group, view, m.personId),
        name: who.get(m.personId)?.name ?? '',
        phone: phoneFor(view, who.get(m.personId)?.phone ?? ''),
        role: roleOf(group, m),
        joinedOn: dayOrNull(m.joinedAt),
        present: present.has(m.personId),
      })),
    };
  },

  async tick({ groupId, day, personId }, { caller, now }) {
    const { group, view } = await managing(groupId, caller);
    checkCanTick(group, day, now);
    const member = currentMember(await getMembership(groupId, await personMeant(group, view, personId)));
    // Headcount 1: a practice is the member's own, no family members come along.
    const changed = await recordAttendance(attendanceRecord(practiceSession(group, day), member.personId, 1, requireOpenid(caller), now));
    return { personId, present: true, changed };
  },

  async untick({ groupId, day, personId }, { caller }) {
    const { group, view } = await managing(groupId, caller);
    const changed = await removeAttendance(practiceSessionId(groupId, day), await personMeant(group, view, personId));
    return { personId, present: false, changed };
  },

  async memberHistory({ groupId, personId }, { caller }) {
    const { group, view } = await managing(groupId, caller);
    const m = await getMembership(groupId, await personMeant(group, view, personId));
    // Someone who left still has a history; someone who never joined has none.
    if (!m?.joinedAt) throw notAMember();
    const joinedOn = localDay(m.joinedAt);
    const [person, { data }] = await Promise.all([
      getPerson(m.personId),
      attendance().where({ kind: 'groupPractice', sourceId: groupId, personId: m.personId }).orderBy('startAt', 'desc').limit(1000).get(),
    ]);
    const since = historyStart(
      joinedOn,
      data.map((a) => a.day as string),
    );
    const held = await practiceTally({ sourceId: groupId, day: _.gte(since) }, 'day');
    return {
      personId,
      name: person?.name ?? '',
      role: roleOf(group, m),
      status: m.status,
      joinedOn,
      practicesHeld: held.size,
      attended: data.map((a) => heldPractice(a.day as string, a.startAt as Date, group.schedule.durationMinutes)),
    };
  },

  async create(input, { caller, now }) {
    const group: GroupDoc = {
      _id: `g_${randomBytes(6).toString('hex')}`,
      ...input,
      leaderId: null,
      deputyId: null,
      pseudonymKey: newPseudonymKey(),
      createdBy: requireOpenid(caller),
      createdAt: now,
      updatedAt: now,
    };
    await groups().add(group);
    return asGroup(group, 0);
  },

  async update({ groupId, schedule, ...fields }, { now }) {
    const group = await getGroup(groupId);
    await groups()
      .doc(groupId)
      .update({ ...fields, schedule: _.set(schedule), updatedAt: now });
    return asGroup({ ...group, ...fields, schedule, updatedAt: now }, await memberCount(groupId));
  },

  async setRole({ groupId, personId, role }, { now }) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const group = await getGroup(groupId);
      currentMember(await getMembership(groupId, personId));
      const next = withRole(group, personId, role);
      if (next.leaderId === group.leaderId && next.deputyId === group.deputyId) return { personId, role };
      // Guarded by both roles as read: of two staff naming two 队长 at once, one wins and the other decides again.
      const { updated } = (await groups()
        .where({ _id: groupId, leaderId: group.leaderId, deputyId: group.deputyId })
        .update({ ...next, updatedAt: now })) as { updated: number };
      if (!updated) continue;
      // They may have left between the read and the write, after leave dropped their roles: drop this one.
      if (role !== 'member' && (await getMembership(groupId, personId))?.status !== 'approved') {
        await dropRoles(groupId, personId, now);
        throw notAMember();
      }
      return { personId, role };
    }
    throw new AppError('BUSY', '刚才有人同时在操作，请刷新后再试');
  },

  async addMember({ groupId, personId }, { caller, now }) {
    const [, person] = await Promise.all([getGroup(groupId), getPerson(personId)]);
    if (!person) throw notFound('居民');
    const m = await transition(groupId, personId, (current) => addByStaff(current, groupId, personId, requireOpenid(caller), now));
    return { personId, status: m.status };
  },
});
