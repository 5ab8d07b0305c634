import type { ActivityDoc } from '../activities/rules';
import { _, db } from '../_shared/cloud';
import { localMonth, startOfLocalDay } from '../_shared/time';
import { KINDS, type KindId } from '../services/kinds';
import { OPEN_STATUSES } from '../services/rules';

/**
 * What the dashboard shows beside the tallies, read from the other functions' collections in a
 * fixed number of requests: the next activities with their seats, this month's activities already
 * held with who came, group rosters and the service requests still open. Counts only; no resident
 * is named.
 */
const UPCOMING = 10;
/** More groups or service kinds than a station runs; the aggregations need an explicit limit. */
const FEW = 100;

export async function upcomingActivities(now: Date) {
  const { data } = await db
    .collection('activities')
    .where({ status: 'published', endAt: _.gte(now) })
    .orderBy('startAt', 'asc')
    .field({ title: true, startAt: true, capacity: true, seatsTaken: true, seatHolders: true })
    .limit(UPCOMING)
    .get();
  const activities = data as Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'capacity' | 'seatsTaken' | 'seatHolders'>[];
  if (activities.length === 0) return [];
  const { data: wanting } = await db
    .collection('signups')
    .aggregate()
    .match({ activityId: _.in(activities.map((a) => a._id)), active: true })
    .group({ _id: '$activityId', personIds: { $push: '$personId' } })
    .limit(UPCOMING)
    .end();
  const active = new Map((wanting as { _id: string; personIds: string[] }[]).map((w) => [w._id, w.personIds]));
  return activities.map((a) => {
    const holders = new Set(a.seatHolders);
    return {
      id: a._id,
      title: a.title,
      startAt: a.startAt,
      capacity: a.capacity,
      seatsTaken: a.seatsTaken,
      // Everyone who still wants to come and holds no seat is waiting (候补), as the activities function counts it.
      waitlist: (active.get(a._id) ?? []).filter((p) => !holders.has(p)).length,
    };
  });
}

/**
 * This month's activities already held: published ones that ended this month and those a worker
 * closed (finished), with the seats taken and who came — the attendance headcount (family
 * included), summed per activity in one aggregation over attendance. Two requests, whatever the
 * number of activities or check-ins; one when none was held.
 */
export async function heldThisMonth(now: Date) {
  const monthStart = startOfLocalDay(`${localMonth(now)}-01`);
  const { data } = await db
    .collection('activities')
    .where({ status: _.in(['published', 'finished']), startAt: _.lte(now), endAt: _.gte(monthStart) })
    .orderBy('startAt', 'desc')
    .field({ title: true, status: true, startAt: true, endAt: true, sessions: true, seatsTaken: true })
    .limit(FEW)
    .get();
  const activities = (data as Pick<ActivityDoc, '_id' | 'title' | 'status' | 'startAt' | 'endAt' | 'sessions' | 'seatsTaken'>[])
    // Still running and published: it is among the upcoming ones, not yet held.
    .filter((a) => a.status === 'finished' || new Date(a.endAt) < now);
  if (activities.length === 0) return [];
  const { data: came } = await db
    .collection('attendance')
    .aggregate()
    .match({ kind: 'activity', sourceId: _.in(activities.map((a) => a._id)) })
    .group({ _id: '$sourceId', attended: { $sum: '$headcount' } })
    .limit(FEW)
    .end();
  const attended = new Map((came as { _id: string; attended: number }[]).map((c) => [c._id, c.attended]));
  return activities.map((a) => ({
    id: a._id,
    title: a.title,
    startAt: a.startAt,
    sessions: a.sessions.length,
    seatsTaken: a.seatsTaken,
    attended: attended.get(a._id) ?? 0,
  }));
}

/** Approved members per group (队员 of 合唱团, 太极队…). */
export async function groupMembers() {
  const [groups, counts] = await Promise.all([
    db.collection('groups').field({ name: true }).limit(FEW).get(),
    db
      .collection('memberships')
      .aggregate()
      .match({ status: 'approved' })
      .group({ _id: '$groupId', members: { $sum: 1 } })
      .limit(FEW)
      .end(),
  ]);
  const members = new Map((counts.data as { _id: string; members: number }[]).map((c) => [c._id, c.members]));
  return (groups.data as { _id: string; name: string }[]).map((g) => ({ groupId: g._id, name: g.name, members: members.get(g._id) ?? 0 }));
}

/** Service requests not yet done, per kind of service (爱心义剪, 周末课业辅导…). */
export async function openRequests() {
  const { data } = await db
    .collection('serviceRequests')
    .aggregate()
    .match({ status: _.in([...OPEN_STATUSES]) })
    .group({ _id: '$kind', count: { $sum: 1 } })
    .limit(FEW)
    .end();
  return (data as { _id: KindId; count: number }[]).map((d) => ({ kind: KINDS[d._id]?.title ?? d._id, count: d.count }));
}
