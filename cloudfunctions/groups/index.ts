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
  leads,
  leave,
  managerView,
  membershipId,
  nextPractices,
  phoneFor,
  practiceOf,
  practiceSession,
  practiceSessionId,
  scheduledDays,
  withRole,
  type GroupDoc,
  type MembershipDoc,
} from './rules';

const groups = () => db.collection('groups');
/** One doc per person per group: `${groupId}~${personId}` (see MembershipDoc). */
const memberships = () => db.collection('memberships');
const attendance = () => db.collection('attendance');
const $ = _.aggregate;

const dayOrNull = (at: Date | null) => (at ? localDay(at) : null);

async function getGroup(groupId: string): Promise<GroupDoc> {
  const { data } = await groups().where({ _id: groupId }).limit(1).get();
  if (!data[0]) throw notFound('队伍');
  return data[0] as GroupDoc;
}

async function getMembership(groupId: string, personId: string): Promise<MembershipDoc | null> {
  const { data } = await memberships().where({ _id: membershipId(groupId, personId) }).limit(1).get();
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
  const { data } = await people().where({ _id: _.in(ids) }).field({ name: true, phone: true }).limit(1000).get();
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
      .where({ _id, status: current.status, role: current.role })
      .update({ ...fields, application: application === null ? null : _.set(application) })) as { updated: number };
    if (updated > 0) return next;
  }
  throw new AppError('BUSY', '刚才有人同时在操作，请刷新后再试');
}

/** Staff run every group; a 队长/副队长 only their own. Returns the group and how the caller sees it. */
async function managing(groupId: string, caller: Caller) {
  const [group, own] = await Promise.all([getGroup(groupId), getMembership(groupId, requireOpenid(caller))]);
  return { group, view: managerView(caller.roles, own) };
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

const asMine = (m: MembershipDoc, attendedCount: number) => ({
  status: m.status,
  role: m.role,
  declineReason: m.declineReason,
  appliedOn: dayOrNull(m.appliedAt),
  decidedOn: dayOrNull(m.decidedAt),
  attendedCount,
});

export const main = defineFunction('groups', groupsContract, {
  async list(_input, { caller, now }) {
    const me = requireOpenid(caller);
    // A community has a handful of groups; 100 is far above it.
    const [{ data: all }, { data: mine }] = await Promise.all([
      groups().orderBy('createdAt', 'asc').limit(100).get(),
      memberships().where({ personId: me }).limit(1000).get(),
    ]);
    const statusIn = new Map((mine as MembershipDoc[]).map((m) => [m.groupId, m.status]));
    const counts = await countsOf((all as GroupDoc[]).map((g) => g._id));
    return (all as GroupDoc[]).map((g) => ({
      ...asGroup(g, counts.get(g._id)!.members),
      myStatus: statusIn.get(g._id) ?? null,
      nextPractice: nextPractices(g.schedule, now, 1)[0] ?? null,
    }));
  },

  async get({ groupId }, { caller, now }) {
    const me = requireOpenid(caller);
    const [group, own, members, { data: leaderDocs }] = await Promise.all([
      getGroup(groupId),
      getMembership(groupId, me),
      memberCount(groupId),
      memberships().where({ groupId, status: 'approved', role: _.in(['leader', 'deputy']) }).limit(10).get(),
    ]);
    const leaderList = leaderDocs as MembershipDoc[];
    const [names, attended] = await Promise.all([peopleById(leaderList.map((m) => m.personId)), own ? attendedCount(groupId, me) : 0]);
    return {
      ...asGroup(group, members),
      nextPractices: nextPractices(group.schedule, now, 4),
      // 队长 first, then 副队长.
      leaders: leaderList
        .map((m) => ({ name: names.get(m.personId)?.name ?? '', role: m.role }))
        .sort((a, b) => (a.role === b.role ? 0 : a.role === 'leader' ? -1 : 1)),
      mine: own ? asMine(own, attended) : null,
      canManage: isStaff(caller.roles) || leads(own),
    };
  },

  async apply({ groupId, why, experience, preferredTimes }, { caller, now }) {
    const me = requireOpenid(caller);
    const [, person] = await Promise.all([getGroup(groupId), getPerson(me)]);
    // The leader needs to know who is asking, and the station how to reach them.
    if (!person || !isProfileComplete(person)) throw profileIncomplete();
    const m = await transition(groupId, me, (current) => applyFor(current, groupId, me, { why, experience, preferredTimes }, now));
    return asMine(m, await attendedCount(groupId, me));
  },

  async leave({ groupId }, { caller, now }) {
    const me = requireOpenid(caller);
    const m = await transition(groupId, me, (current) => leave(current, now));
    return asMine(m, await attendedCount(groupId, me));
  },

  async managed(_input, { caller }) {
    const me = requireOpenid(caller);
    let list: GroupDoc[];
    const roles = new Map<string, MembershipDoc['role']>();
    const { data: own } = await memberships().where({ personId: me, status: 'approved', role: _.in(['leader', 'deputy']) }).limit(100).get();
    for (const m of own as MembershipDoc[]) roles.set(m.groupId, m.role);
    if (isStaff(caller.roles)) {
      list = (await groups().orderBy('createdAt', 'asc').limit(100).get()).data as GroupDoc[];
    } else if (roles.size > 0) {
      list = (await groups().where({ _id: _.in([...roles.keys()]) }).limit(100).get()).data as GroupDoc[];
    } else {
      list = [];
    }
    const counts = await countsOf(list.map((g) => g._id));
    return list.map((g) => ({
      id: g._id,
      name: g.name,
      memberCount: counts.get(g._id)!.members,
      pendingCount: counts.get(g._id)!.pending,
      myRole: roles.get(g._id) ?? null,
    }));
  },

  async applications({ groupId }, { caller }) {
    const { view } = await managing(groupId, caller);
    const { data } = await memberships().where({ groupId, status: 'applied' }).orderBy('appliedAt', 'asc').limit(1000).get();
    const open = data as MembershipDoc[];
    const who = await peopleById(open.map((m) => m.personId));
    return open.map((m) => ({
      personId: m.personId,
      name: who.get(m.personId)?.name ?? '',
      phone: phoneFor(view, who.get(m.personId)?.phone ?? ''),
      why: m.application?.why ?? '',
      experience: m.application?.experience ?? '',
      preferredTimes: m.application?.preferredTimes ?? '',
      appliedOn: dayOrNull(m.appliedAt),
    }));
  },

  async approve({ groupId, personId }, { caller, now }) {
    await managing(groupId, caller);
    const m = await transition(groupId, personId, (current) => approve(current, requireOpenid(caller), now));
    return { personId, status: m.status };
  },

  async decline({ groupId, personId, reason }, { caller, now }) {
    await managing(groupId, caller);
    const m = await transition(groupId, personId, (current) => decline(current, reason, requireOpenid(caller), now));
    return { personId, status: m.status };
  },

  async roster({ groupId }, { caller }) {
    const { view } = await managing(groupId, caller);
    const [members, attended] = await Promise.all([membersOf(groupId), practiceTally({ sourceId: groupId }, 'personId')]);
    const who = await peopleById(members.map((m) => m.personId));
    return members.map((m) => ({
      personId: m.personId,
      name: who.get(m.personId)?.name ?? '',
      phone: phoneFor(view, who.get(m.personId)?.phone ?? ''),
      role: m.role,
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
      attendance().where({ sessionId: practiceSessionId(groupId, day) }).field({ personId: true }).limit(1000).get(),
    ]);
    const present = new Set(ticked.map((a) => a.personId as string));
    const who = await peopleById(members.map((m) => m.personId));
    return {
      practice: { ...practiceOf(group.schedule, day), title: `${group.name}练习`, canTick: canTick(group.schedule, day, now) },
      members: members.map((m) => ({
        personId: m.personId,
        name: who.get(m.personId)?.name ?? '',
        phone: phoneFor(view, who.get(m.personId)?.phone ?? ''),
        role: m.role,
        joinedOn: dayOrNull(m.joinedAt),
        present: present.has(m.personId),
      })),
    };
  },

  async tick({ groupId, day, personId }, { caller, now }) {
    const { group } = await managing(groupId, caller);
    checkCanTick(group.schedule, day, now);
    currentMember(await getMembership(groupId, personId));
    // Headcount 1: a practice is the member's own, no family members come along.
    const changed = await recordAttendance(attendanceRecord(practiceSession(group, day), personId, 1, requireOpenid(caller), now));
    return { personId, present: true, changed };
  },

  async untick({ groupId, day, personId }, { caller }) {
    await managing(groupId, caller);
    const changed = await removeAttendance(practiceSessionId(groupId, day), personId);
    return { personId, present: false, changed };
  },

  async memberHistory({ groupId, personId }, { caller }) {
    const { group } = await managing(groupId, caller);
    const m = await getMembership(groupId, personId);
    // Someone who left still has a history; someone who never joined has none.
    if (!m?.joinedAt) throw new AppError('NOT_A_MEMBER', '这位居民不是本队队员');
    const joinedOn = localDay(m.joinedAt);
    const [person, { data }] = await Promise.all([
      getPerson(personId),
      attendance().where({ kind: 'groupPractice', sourceId: groupId, personId }).orderBy('startAt', 'desc').limit(1000).get(),
    ]);
    const since = historyStart(joinedOn, data.map((a) => a.day as string));
    const held = await practiceTally({ sourceId: groupId, day: _.gte(since) }, 'day');
    return {
      personId,
      name: person?.name ?? '',
      role: m.role,
      status: m.status,
      joinedOn,
      practicesHeld: held.size,
      attended: data.map((a) => heldPractice(a.day as string, a.startAt as Date, group.schedule.durationMinutes)),
    };
  },

  async create(input, { caller, now }) {
    const group: GroupDoc = { _id: `g_${randomBytes(6).toString('hex')}`, ...input, createdBy: requireOpenid(caller), createdAt: now, updatedAt: now };
    await groups().add(group);
    return asGroup(group, 0);
  },

  async update({ groupId, schedule, ...fields }, { now }) {
    const group = await getGroup(groupId);
    await groups().doc(groupId).update({ ...fields, schedule: _.set(schedule), updatedAt: now });
    return asGroup({ ...group, ...fields, schedule, updatedAt: now }, await memberCount(groupId));
  },

  async setRole({ groupId, personId, role }, { now }) {
    await getGroup(groupId);
    currentMember(await getMembership(groupId, personId));
    if (role !== 'member') {
      // One 队长 and one 副队长, as the team elected them: the previous holder becomes a member.
      await memberships()
        .where({ groupId, role, _id: _.neq(membershipId(groupId, personId)) })
        .update({ role: 'member', updatedAt: now });
    }
    const m = await transition(groupId, personId, (current) => withRole(current, role, now));
    return { personId, role: m.role };
  },

  async addMember({ groupId, personId }, { caller, now }) {
    const [, person] = await Promise.all([getGroup(groupId), getPerson(personId)]);
    if (!person) throw notFound('居民');
    const m = await transition(groupId, personId, (current) => addByStaff(current, groupId, personId, requireOpenid(caller), now));
    return { personId, status: m.status };
  },
});
