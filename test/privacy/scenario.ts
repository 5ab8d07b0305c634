import { addDays } from '../../cloudfunctions/groups/rules';
import { localDay } from '../../cloudfunctions/_shared/time';
import { fromNow, moveTo } from '../activities/helpers';
import { startTestCloud, type TestCloud } from '../support/cloud';

/**
 * A station with one resident, 柳月娥, whose data is everywhere the station keeps data: a profile
 * with a grandchild in the household, staff-only tags, an offline record a worker made before she
 * had WeChat (linked to her account since), sign-ups with family and check-ins, a waitlist
 * notice, the choir (applied, approved, ticked present), a haircut booked and given, a tutoring
 * request naming the grandchild, a home visit with the worker's note. Around her: other residents
 * at the same activities, so the counts are not hers alone. All names and numbers are fictional.
 */
export const INVITE = 'privacy-invite';
export const ADMIN = 'o_priv_admin';
export const WORKER = 'o_priv_worker';
export const SECRETARY = 'o_priv_secretary';
export const VOLUNTEER = 'o_priv_volunteer';
/** The choir's 队长. */
export const LEADER = 'o_priv_leader';
export const SUBJECT = 'o_priv_subject';
export const OTHERS = ['o_priv_other_1', 'o_priv_other_2'];

/** What must be gone after her erasure. */
export const SUBJECT_TRACES = {
  name: '柳月娥',
  phone: '13712345678',
  building: '5号楼1单元',
  grandchild: '柳小禾',
  application: '退休后想唱歌',
  visitNote: '膝盖不好，上楼慢',
};

export const PHONES: Record<string, string> = {
  [ADMIN]: '13800000001',
  [WORKER]: '13800000002',
  [SECRETARY]: '13800000003',
  [VOLUNTEER]: '13800000004',
  [LEADER]: '13800000005',
  [OTHERS[0]]: '13900000011',
  [OTHERS[1]]: '13900000012',
};

export interface Station {
  cloud: TestCloud;
  offlineId: string;
  choir: string;
  /** Activities that took place: the first with her whole family, the second for her offline record. */
  past: [string, string];
  /** One still to come, where she got a seat from the waitlist. */
  upcoming: string;
  haircutRequest: string;
  tutoringRequest: string;
}

export async function buildStation(): Promise<Station> {
  const cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  // Services given "now": on the test clock, the functions' clock.
  const nowIso = () => cloud.clock.now().toISOString();
  await cloud.ok('users', 'claimAdmin', { code: INVITE }, ADMIN);
  const names: Record<string, string> = {
    [ADMIN]: '主任老马',
    [WORKER]: '社工小周',
    [SECRETARY]: '书记老李',
    [VOLUNTEER]: '志愿者小林',
    [LEADER]: '队长老赵',
    [OTHERS[0]]: '邻居王姐',
    [OTHERS[1]]: '邻居陈叔',
  };
  for (const [openid, name] of Object.entries(names)) await cloud.ok('users', 'updateProfile', { name, phone: PHONES[openid] }, openid);
  for (const [openid, role] of [
    [WORKER, 'worker'],
    [SECRETARY, 'secretary'],
    [VOLUNTEER, 'volunteer'],
  ] as const) {
    await cloud.ok('users', 'setRoles', { personId: openid, roles: [role] }, ADMIN);
  }

  // Before she had WeChat: a worker recorded her and signed her up in person (代报名).
  const offline = await cloud.ok(
    'users',
    'createOffline',
    { name: SUBJECT_TRACES.name, phone: SUBJECT_TRACES.phone, building: SUBJECT_TRACES.building },
    WORKER,
  );
  const activity = async (title: string, capacity = 10, maxParty = 1) =>
    (
      await cloud.ok(
        'activities',
        'create',
        { title, serviceArea: '老年人', place: '便民大厅', capacity, maxParty, startAt: fromNow(48), endAt: fromNow(50) },
        WORKER,
      )
    ).id;
  const publish = (activityId: string) => cloud.ok('activities', 'publish', { activityId }, WORKER);
  const checkIn = (activityId: string, personId: string) => cloud.ok('activities', 'checkIn', { activityId, personId }, WORKER);

  const lecture = await activity('社区大讲堂');
  await publish(lecture);
  await cloud.ok('activities', 'proxySignUp', { activityId: lecture, personId: offline.id }, WORKER);
  await cloud.ok('activities', 'signUp', { activityId: lecture }, OTHERS[0]);
  await checkIn(lecture, offline.id);
  await checkIn(lecture, OTHERS[0]);
  await moveTo(cloud, lecture, -30);

  // Her own account, her family, and the link to the paper record.
  await cloud.ok(
    'users',
    'updateProfile',
    {
      name: SUBJECT_TRACES.name,
      phone: SUBJECT_TRACES.phone,
      building: SUBJECT_TRACES.building,
      household: [{ name: SUBJECT_TRACES.grandchild, relation: '孙女', birthYear: 2015 }],
    },
    SUBJECT,
  );
  await cloud.ok('users', 'linkOffline', { offlineId: offline.id, personId: SUBJECT }, WORKER);
  await cloud.ok('users', 'setTags', { personId: SUBJECT, tags: ['空巢', '低保'] }, WORKER);

  const dumplings = await activity('冬至包饺子');
  await publish(dumplings);
  await cloud.ok('activities', 'signUp', { activityId: dumplings, party: [{ name: SUBJECT_TRACES.grandchild, relation: '孙女', birthYear: 2015 }] }, SUBJECT);
  for (const other of OTHERS) await cloud.ok('activities', 'signUp', { activityId: dumplings }, other);
  for (const p of [SUBJECT, ...OTHERS]) await checkIn(dumplings, p);
  await moveTo(cloud, dumplings, -3);
  await cloud.ok('activities', 'finish', { activityId: dumplings }, WORKER);

  // One seat, she waits, the seat frees up: she is told (the outbox), and now holds it.
  const outing = await activity('秋游', 1, 0);
  await publish(outing);
  await cloud.ok('activities', 'signUp', { activityId: outing }, OTHERS[1]);
  await cloud.ok('activities', 'signUp', { activityId: outing }, SUBJECT);
  await cloud.ok('activities', 'cancel', { activityId: outing }, OTHERS[1]);

  // The choir: she applies, is approved, and is ticked present today, as is another member.
  const today = localDay(cloud.clock.now());
  const choir = (
    await cloud.ok(
      'groups',
      'create',
      {
        name: '福源红合唱团',
        description: '每周一起唱歌',
        serviceArea: '社区',
        place: '便民大厅二楼',
        schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '00:00', durationMinutes: 60 },
      },
      WORKER,
    )
  ).id;
  for (const p of [LEADER, SUBJECT, OTHERS[0]]) {
    await cloud.ok('groups', 'apply', { groupId: choir, why: p === SUBJECT ? SUBJECT_TRACES.application : '喜欢唱歌' }, p);
    await cloud.ok('groups', 'approve', { groupId: choir, personId: p }, WORKER);
  }
  await cloud.ok('groups', 'setRole', { groupId: choir, personId: LEADER, role: 'leader' }, WORKER);
  await cloud.ok('groups', 'tick', { groupId: choir, day: today, personId: SUBJECT }, LEADER);
  await cloud.ok('groups', 'tick', { groupId: choir, day: today, personId: OTHERS[0] }, LEADER);

  // Services: a haircut booked and given (a volunteer cut it), tutoring asked for her grandchild and
  // withdrawn, a home visit the worker wrote a note about.
  const haircutDay = addDays(today, 5);
  await cloud.ok(
    'services',
    'publishHaircutDay',
    { place: '便民大厅', slots: [{ startAt: `${haircutDay}T09:00:00+08:00`, endAt: `${haircutDay}T09:30:00+08:00`, seats: 3 }] },
    WORKER,
  );
  const haircut = await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${haircutDay}~0900` }, SUBJECT);
  await cloud.ok('services', 'recordService', { kind: 'haircut', requestId: haircut.id, at: nowIso(), minutes: 20, volunteerId: VOLUNTEER }, WORKER);
  const tutoring = await cloud.ok(
    'services',
    'request',
    { kind: 'tutoring', childName: SUBJECT_TRACES.grandchild, grade: '四年级', subjects: ['数学'], preferredTimes: ['周六上午'], note: '' },
    SUBJECT,
  );
  await cloud.ok('services', 'cancel', { requestId: tutoring.id }, SUBJECT);
  await cloud.ok(
    'services',
    'recordService',
    { kind: 'homeVisit', personId: SUBJECT, at: nowIso(), minutes: 40, support: ['情感陪伴'], note: SUBJECT_TRACES.visitNote },
    WORKER,
  );
  await cloud.ok('services', 'recordService', { kind: 'homeVisit', personId: OTHERS[1], at: nowIso(), minutes: 40, support: ['家务帮助'], note: '' }, WORKER);

  return { cloud, offlineId: offline.id, choir, past: [lecture, dumplings], upcoming: outing, haircutRequest: haircut.id, tutoringRequest: tutoring.id };
}

/**
 * The figures the station reports: the period's table and the secretary's dashboard, as they
 * stand at the instant `at` (default: now on the test clock). Two readings either side of a change
 * pass the same `at`, so they compare like for like even when the suite crosses station midnight
 * or a month end between them (the dashboard names today and this month). The reports only read;
 * afterwards the clock runs on from where it was.
 */
export async function figures(cloud: TestCloud, at = cloud.clock.nowMs()) {
  const resume = cloud.clock.nowMs();
  cloud.clock.set(at);
  const today = localDay(new Date(at));
  const from = addDays(today, -60);
  const to = addDays(today, 1);
  const read = {
    report: await cloud.ok('stats', 'report', { from, to }, SECRETARY),
    dashboard: await cloud.ok('stats', 'dashboard', {}, SECRETARY),
  };
  cloud.clock.set(Math.max(resume, cloud.clock.nowMs()));
  return read;
}
