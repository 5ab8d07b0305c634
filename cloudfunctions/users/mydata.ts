import type { AttendanceDoc } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import { NOTICE_KINDS, type NoticeKind } from '../_shared/outbox';
import type { PersonDoc } from '../_shared/people';
import { statusOf, timeText, type ActivityDoc, type SignUpDoc } from '../activities/rules';
import { roleOf, type GroupDoc, type MembershipDoc } from '../groups/rules';
import { KINDS } from '../services/kinds';
import { describeRequest, statusText, type RequestDoc, type ServiceRecordDoc } from '../services/rules';
import { identitiesOf } from './erase';

/**
 * Everything the station holds about one person (个人信息保护法 第45条), gathered from every
 * collection under all their ids: the account and the offline records a worker linked to it.
 */

const PAGE = 1000;

/** Every record of the person in a collection, a page at a time (the server caps one read at 1000). */
async function readAll<T>(collection: string, ids: string[]): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await db
      .collection(collection)
      .where({ personId: _.in(ids) })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(PAGE)
      .get();
    all.push(...(data as T[]));
    if (data.length < PAGE) return all;
  }
}

async function byId<T extends { _id: string }>(collection: string, ids: string[]): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const { data } = await db
    .collection(collection)
    .where({ _id: _.in([...new Set(ids)]) })
    .limit(PAGE)
    .get();
  return new Map((data as T[]).map((d) => [d._id, d]));
}

export async function gatherMyData(person: PersonDoc) {
  const ids = identitiesOf(person);
  const [offline, tagDocs, signUps, memberships, requests, records, attendance, notices] = await Promise.all([
    byId<PersonDoc>('users', person.aliases ?? []),
    byId<{ _id: string; tags: string[] }>('residentTags', ids),
    readAll<SignUpDoc>('signups', ids),
    readAll<MembershipDoc>('memberships', ids),
    readAll<RequestDoc>('serviceRequests', ids),
    readAll<ServiceRecordDoc>('serviceRecords', ids),
    readAll<AttendanceDoc>('attendance', ids),
    readAll<{ title: string; kind: string; createdAt: Date }>('outbox', ids),
  ]);
  const [activities, groups] = await Promise.all([
    byId<ActivityDoc>(
      'activities',
      signUps.map((s) => s.activityId),
    ),
    byId<GroupDoc>(
      'groups',
      memberships.map((m) => m.groupId),
    ),
  ]);
  const newestFirst = <T>(list: T[], at: (t: T) => Date) => [...list].sort((a, b) => at(b).getTime() - at(a).getTime());

  return {
    profile: {
      name: person.name,
      phone: person.phone,
      building: person.building,
      household: person.household,
      roles: person.roles,
      checkinCode: person.checkinCode,
      createdAt: person.createdAt,
    },
    offlineRecords: [...offline.values()].map((p) => ({ name: p.name, phone: p.phone, building: p.building, createdAt: p.createdAt })),
    tags: [...new Set([...tagDocs.values()].flatMap((t) => t.tags))],
    signUps: newestFirst(signUps, (s) => s.queuedAt).flatMap((s) => {
      const a = activities.get(s.activityId);
      if (!a) return [];
      return [
        {
          title: a.title,
          timeText: timeText(a.startAt, a.endAt),
          status: statusOf(s, a),
          party: s.party,
          byWorker: s.by !== s.personId,
          agreedSafety: s.agreedSafetyAt !== null,
          signedUpAt: s.queuedAt,
        },
      ];
    }),
    groups: memberships.map((m) => ({
      name: groups.get(m.groupId)?.name ?? '',
      status: m.status,
      role: groups.has(m.groupId) ? roleOf(groups.get(m.groupId)!, m) : ('member' as const),
      application: m.application,
      declineReason: m.declineReason,
    })),
    serviceRequests: newestFirst(requests, (r) => r.createdAt).map((r) => ({
      title: KINDS[r.kind].title,
      statusText: statusText(r.kind, r.status),
      summary: describeRequest(r),
      staffNote: r.staffNote,
      declineReason: r.declineReason,
      createdAt: r.createdAt,
    })),
    servicesReceived: newestFirst(records, (r) => r.at).map((r) => ({ title: KINDS[r.kind].title, day: r.day, minutes: r.minutes, note: r.note })),
    attendance: newestFirst(attendance, (a) => a.startAt).map((a) => ({ day: a.day, title: a.title, headcount: a.headcount })),
    notices: newestFirst(notices, (n) => n.createdAt).map((n) => ({ title: n.title, what: NOTICE_KINDS[n.kind as NoticeKind] ?? '通知', sentAt: n.createdAt })),
  };
}
