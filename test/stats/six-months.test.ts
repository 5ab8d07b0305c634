import type { ActionInput } from '../../cloudfunctions/contracts';
import { EXTENSION, monthsBetween } from '../../cloudfunctions/stats/rules';
import type { TestCloud } from '../support/cloud';
import { on } from '../support/station';
import { lastDayOf, LEAD, monthFrom, R, SECRETARY, statsCloud, WORKER } from './fixtures';
import { workbookOf } from '../support/files';

/**
 * THE SEEDED SIX-MONTH CASE. A fictional station, 晨光社区 (every name here is made up), runs a
 * six-month project from next month on (months M1–M6 after the test clock's month). Everything is
 * entered only through the product's actions, on the day it happens, as time passes (the test
 * clock is set forward from event to event): the plan (stats), activities with sign-ups and
 * check-ins, a group's practices, services given (home visits, haircut days, tutoring), and the
 * station's records (meetings, needs assessment, a leader developed, a group founded, a family
 * helped, the hall register). Then the mid-term report (M1–M3, the plan to date), the monthly
 * summaries of M2 and M3, the export, and the report of the whole period are read back row by row
 * against the table the station would write by hand.
 *
 * On the way, three things are re-pointed: the disability group (an activity series) is given its
 * indicator after its first session, and the choir (a group) after two months of practices; both
 * count whole under the indicator they name now.
 */
let cloud: TestCloud;
const TUTOR = 'o_tutor';
/** The project's months M[1]..M[6], from the month after the test clock's. */
const M: string[] = [];
const day = (k: number, dd: number) => `${M[k]}-${String(dd).padStart(2, '0')}`;

const IND = {
  homeVisit: 'home-visit',
  outing: 'family-outing',
  disabled: 'disabled-group',
  supervision: 'supervision',
  needs: 'needs',
  reports: 'reports',
  leaders: 'leaders',
  incubation: 'incubation',
  resources: 'resources',
} as const;

function plan() {
  const every = (k: number) => [
    { month: M[k], indicatorId: IND.homeVisit, measure: 'sessions' as const, target: 2 },
    { month: M[k], indicatorId: IND.supervision, measure: 'sessions' as const, target: 1, text: '每月1次专业督导' },
    { month: M[k], indicatorId: IND.supervision, measure: 'sessions' as const, target: 4, text: '每周1次团队督导' },
    { month: M[k], indicatorId: IND.needs, measure: 'visits' as const, ongoing: true, text: '持续进行开展入户工作' },
  ];
  return {
    title: '晨光社区三社联动项目',
    from: `${M[1]}-01`,
    to: lastDayOf(M[6]),
    indicators: [
      { id: IND.homeVisit, name: '老年人一对一上门服务', serviceArea: '老年人' as const, plannedSessions: 12, plannedVisits: 12 },
      { id: IND.outing, name: '亲子外出游活动', serviceArea: '家庭' as const, plannedSessions: 2, plannedVisits: 30 },
      { id: IND.disabled, name: '残疾人专业小组', serviceArea: '残障人士' as const, plannedSessions: 8, plannedVisits: 40 },
      { id: IND.supervision, name: '督导会议', plannedSessions: 30, plannedVisits: 0 },
      { id: IND.needs, name: '需求调研评估', serviceArea: '社区' as const, unit: '人次' as const, plannedVisits: 60 },
      { id: IND.reports, name: '需求调研报告', serviceArea: '社区' as const, unit: '份' as const, plannedOutput: 2 },
      { id: IND.leaders, name: '培育社区居民领袖', serviceArea: '社区' as const, unit: '人' as const, plannedOutput: 3 },
      { id: IND.incubation, name: '孵化社区社会组织', serviceArea: '社区' as const, unit: '个' as const, plannedOutput: 1 },
      { id: IND.resources, name: '家庭救助资源链接', serviceArea: '家庭' as const, plannedSessions: 2, plannedVisits: 8 },
    ],
    monthlyTargets: [
      ...every(1),
      ...every(2),
      { month: M[2], indicatorId: IND.outing, measure: 'visits' as const, target: 15 },
      { month: M[2], indicatorId: IND.leaders, measure: 'people' as const, target: 1, text: '发展1位社区骨干' },
      { month: M[2], indicatorId: IND.incubation, measure: 'groups' as const, target: 0.5, text: '培育0.5个社区组织' },
      ...every(3),
      { month: M[3], indicatorId: IND.incubation, measure: 'groups' as const, target: 0.5, text: '培育0.5个社区组织' },
      { month: M[3], indicatorId: IND.reports, measure: 'reports' as const, target: 1, text: '完成1份需求调研报告' },
      { month: M[3], indicatorId: IND.resources, measure: 'sessions' as const, target: 1, text: '初步完成1个家庭救助资源链接' },
      ...every(4),
      { month: M[4], indicatorId: IND.leaders, measure: 'people' as const, target: 1, text: '发展1位社区骨干' },
      ...every(5),
      { month: M[5], indicatorId: IND.outing, measure: 'visits' as const, target: 15 },
      { month: M[5], indicatorId: IND.resources, measure: 'sessions' as const, target: 1, text: '完成1个家庭救助资源链接' },
      ...every(6),
      { month: M[6], indicatorId: IND.reports, measure: 'reports' as const, target: 1, text: '完成1份需求调研报告' },
      { month: M[6], indicatorId: IND.leaders, measure: 'people' as const, target: 1, text: '发展1位社区骨干' },
    ],
  };
}

// ---------- The station's days: each event at its station instant, in order, through the actions.

type Event = { k: number; dd: number; hhmm: string; run: () => Promise<unknown> };
const events: Event[] = [];
const onDay = (k: number, dd: number, hhmm: string, run: () => Promise<unknown>) => events.push({ k, dd, hhmm, run });

/** Lets the station's time pass to each event in turn (forward only) and does it, as staff and residents would on that day. */
async function live(months: number[]) {
  const due = events.filter((e) => months.includes(e.k)).sort((a, b) => a.k - b.k || a.dd - b.dd || a.hhmm.localeCompare(b.hhmm));
  for (const e of due) {
    const at = Date.parse(on(day(e.k, e.dd), e.hhmm));
    if (at <= cloud.clock.nowMs()) throw new Error(`time runs forward only: ${day(e.k, e.dd)} ${e.hhmm}`);
    cloud.clock.set(at);
    await e.run();
  }
}

const ids = new Map<string, string>();
let keys = 0;
/** A record as the form fills it, the request key made as the form opens (one kind's input of the union each). */
type RecordInput = ActionInput<'records', 'create'>;
type Filled<T> = T extends unknown ? Omit<T, 'requestKey'> : never;
const record = (input: Filled<RecordInput>) =>
  cloud.ok('records', 'create', { ...input, requestKey: `sixmonths${String(++keys).padStart(8, '0')}` } as RecordInput, WORKER);
const meeting = (k: number, dd: number, topic: '每月专业督导' | '每周团队督导') =>
  onDay(k, dd, '16:30', () =>
    record({
      kind: 'meeting',
      indicatorId: IND.supervision,
      documents: ['会议记录'],
      occasions: [{ day: day(k, dd) }],
      meetingType: '督导会议',
      topic,
      staff: 3,
    }),
  );
const homeVisit = (k: number, dd: number, n: number) =>
  onDay(k, dd, '15:00', () =>
    cloud.ok('services', 'recordService', { kind: 'homeVisit', personId: R(n), at: on(day(k, dd), '14:00'), minutes: 40, support: ['情感陪伴'] }, WORKER),
  );
const haircutDay = (k: number, dd: number, people: number[]) =>
  onDay(k, dd, '12:00', async () => {
    for (const n of people) await cloud.ok('services', 'recordService', { kind: 'haircut', personId: R(n), at: on(day(k, dd), '10:00'), minutes: 20 }, WORKER);
  });
const tick = (k: number, dd: number, people: number[]) =>
  onDay(k, dd, '20:30', async () => {
    for (const n of people) await cloud.ok('groups', 'tick', { groupId: ids.get('choir')!, day: day(k, dd), personId: R(n) }, WORKER);
  });
const choirFields = {
  name: '晨光合唱团',
  description: '每周排练，居民自愿参加',
  serviceArea: '社区' as const,
  place: '社区活动室',
  schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '19:00', durationMinutes: 90 },
};

/** An activity created and published days ahead, with its sign-ups; checked in on its day(s) below. */
function activity(
  key: string,
  k: number,
  dd: number,
  input: Omit<ActionInput<'activities', 'create'>, 'title'> & { title: string },
  signUps: [n: number, party: number][],
) {
  onDay(k, dd, '09:00', async () => {
    const { id } = await cloud.ok('activities', 'create', input, WORKER);
    ids.set(key, id);
    await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
    for (const [n, party] of signUps) {
      const family = Array.from({ length: party }, (_, i) => ({ name: `家人${n}-${i + 1}`, relation: '家人' }));
      await cloud.ok(
        'activities',
        'signUp',
        { activityId: id, contact: { name: `居民${n}` }, party: family, ...(input.safetyAgreement ? { agreeSafety: true } : {}) },
        R(n),
      );
    }
  });
}
function checkIn(key: string, k: number, dd: number, hhmm: string, came: [n: number, headcount: number][], session?: number) {
  onDay(k, dd, hhmm, async () => {
    const activityId = ids.get(key)!;
    const sessionId = session === undefined ? undefined : (await cloud.ok('activities', 'get', { activityId }, WORKER)).sessions[session].id;
    for (const [n, headcount] of came)
      await cloud.ok('activities', 'checkIn', { activityId, personId: R(n), headcount, ...(sessionId ? { sessionId } : {}) }, WORKER);
  });
}
const slot = (k: number, dd: number, from: string, to: string) => ({ startAt: on(day(k, dd), from), endAt: on(day(k, dd), to) });

function theSixMonths() {
  // M1
  onDay(1, 2, '09:00', async () => {
    const choir = await cloud.ok('groups', 'create', { ...choirFields, indicatorId: null }, WORKER);
    ids.set('choir', choir.id);
    for (const n of [1, 2, 9]) await cloud.ok('groups', 'addMember', { groupId: choir.id, personId: R(n) }, WORKER);
  });
  activity('midAutumn', 1, 3, { title: '中秋游园会', serviceArea: '社区', capacity: 30, maxParty: 1, ...slot(1, 20, '14:00', '16:00') }, [
    [1, 1],
    [2, 0],
  ]);
  meeting(1, 5, '每月专业督导');
  tick(1, 6, [1, 2]);
  for (const dd of [7, 14, 21, 28]) meeting(1, dd, '每周团队督导');
  homeVisit(1, 8, 1);
  onDay(1, 10, '11:00', () =>
    record({
      kind: 'householdInterview',
      indicatorId: IND.needs,
      documents: ['调研问卷'],
      occasions: [
        {
          day: day(1, 10),
          attendees: [
            { personId: R(8), headcount: 1 },
            { personId: R(10), headcount: 1 },
          ],
          unnamed: 3,
        },
      ],
    }),
  );
  tick(1, 13, [1, 2, 9]);
  haircutDay(1, 15, [1, 2, 9]);
  // The hall register of two days, entered on the second.
  onDay(1, 17, '18:00', () =>
    record({
      kind: 'hallVisit',
      indicatorId: null,
      documents: ['签到表'],
      occasions: [
        { day: day(1, 16), unnamed: 6 },
        { day: day(1, 17), unnamed: 6 },
      ],
      activity: '书法',
    }),
  );
  checkIn('midAutumn', 1, 20, '15:00', [
    [1, 2],
    [2, 1],
  ]);
  homeVisit(1, 22, 2);

  // M2
  onDay(2, 1, '10:00', async () => {
    for (const [n, childName] of [
      [11, '小十一'],
      [12, '小十二'],
    ] as const) {
      const asked = await cloud.ok(
        'services',
        'request',
        { kind: 'tutoring', childName, grade: '四年级', subjects: ['数学'], preferredTimes: ['周六上午'] },
        R(n),
      );
      ids.set(`tutoring${n}`, asked.id);
      await cloud.ok('services', 'match', { requestId: asked.id, volunteerId: TUTOR }, WORKER);
    }
  });
  tick(2, 3, [1, 2, 9]);
  meeting(2, 4, '每月专业督导');
  for (const dd of [6, 13, 20, 27]) meeting(2, dd, '每周团队督导');
  // The disability group: four sessions, created with no indicator yet.
  activity(
    'disabled',
    2,
    5,
    {
      title: '残疾人“生活技能”发展小组',
      serviceArea: '残障人士',
      capacity: 10,
      sessions: [slot(2, 10, '15:00', '16:30'), slot(2, 17, '15:00', '16:30'), slot(2, 24, '15:00', '16:30'), slot(3, 3, '15:00', '16:30')],
    },
    [
      [5, 0],
      [6, 0],
      [7, 0],
    ],
  );
  homeVisit(2, 5, 1);
  for (const dd of [6, 13]) {
    onDay(2, dd, '11:00', async () => {
      for (const n of [11, 12])
        await cloud.ok(
          'services',
          'recordService',
          { kind: 'tutoring', requestId: ids.get(`tutoring${n}`)!, at: on(day(2, dd), '09:00'), minutes: 90, subject: '数学' },
          TUTOR,
        );
    });
  }
  activity(
    'outing',
    2,
    8,
    {
      title: '亲子游·植物园',
      serviceArea: '家庭',
      capacity: 12,
      maxParty: 2,
      safetyAgreement: true,
      safetyTerms: '请看护好孩子',
      indicatorId: IND.outing,
      ...slot(2, 15, '09:00', '16:00'),
    },
    [
      [3, 2],
      [4, 2],
    ],
  );
  onDay(2, 9, '11:00', () => record({ kind: 'communityWalk', indicatorId: IND.needs, occasions: [{ day: day(2, 9), unnamed: 20 }], route: '1-8号楼、小广场' }));
  checkIn(
    'disabled',
    2,
    10,
    '16:00',
    [5, 6, 7].map((n) => [n, 1]),
    0,
  );
  tick(2, 10, [1, 9]);
  // After its first session the group is given its indicator: that session counts under it too.
  onDay(2, 12, '09:00', () => cloud.ok('activities', 'update', { activityId: ids.get('disabled')!, indicatorId: IND.disabled }, WORKER));
  activity('doubleNinth', 2, 14, { title: '重阳节敬老活动', serviceArea: '社区', capacity: 30, ...slot(2, 20, '10:00', '11:30') }, [
    [1, 0],
    [2, 0],
  ]);
  // Resident 4 signed up with two family members; one of them came.
  checkIn('outing', 2, 15, '15:00', [
    [3, 3],
    [4, 2],
  ]);
  onDay(2, 16, '11:00', () =>
    record({
      kind: 'groupIncubated',
      indicatorId: IND.incubation,
      documents: ['成员信息', '组织管理架构'],
      occasions: [{ day: day(2, 16) }],
      name: '晨光合唱团',
      foundingMembers: 12,
    }),
  );
  checkIn(
    'disabled',
    2,
    17,
    '16:00',
    [5, 6, 7].map((n) => [n, 1]),
    1,
  );
  homeVisit(2, 19, 2);
  checkIn('doubleNinth', 2, 20, '11:00', [
    [1, 1],
    [2, 1],
  ]);
  checkIn(
    'disabled',
    2,
    24,
    '16:00',
    [5, 6].map((n) => [n, 1]),
    2,
  );
  onDay(2, 25, '11:00', () =>
    record({
      kind: 'residentLeader',
      indicatorId: IND.leaders,
      documents: ['人员基本信息登记表'],
      occasions: [{ day: day(2, 25) }],
      person: R(9),
      role: '合唱团队长',
    }),
  );

  // M3
  tick(3, 2, [1, 2, 9]);
  checkIn(
    'disabled',
    3,
    3,
    '16:00',
    [5, 6, 7].map((n) => [n, 1]),
    3,
  );
  meeting(3, 3, '每月专业督导');
  onDay(3, 5, '11:00', () =>
    record({
      kind: 'householdInterview',
      indicatorId: IND.needs,
      documents: ['调研问卷'],
      occasions: [{ day: day(3, 5), attendees: [{ personId: R(4), headcount: 1 }] }],
    }),
  );
  for (const dd of [6, 13]) meeting(3, dd, '每周团队督导');
  tick(3, 9, [2, 9]);
  // The choir, founded last month, now counts toward 孵化社区社会组织: its earlier practices too.
  onDay(3, 10, '09:00', () => cloud.ok('groups', 'update', { groupId: ids.get('choir')!, ...choirFields, indicatorId: IND.incubation }, WORKER));
  homeVisit(3, 12, 1);
  haircutDay(3, 15, [2, 9, 10]);
  onDay(3, 18, '11:00', () =>
    record({
      kind: 'resourceLinking',
      indicatorId: IND.resources,
      documents: ['资助方信息', '受助方信息', '物资签领表'],
      occasions: [{ day: day(3, 18), attendees: [{ personId: R(12), headcount: 4 }] }],
      donor: '爱心企业',
      items: '米面油各一份',
    }),
  );
  onDay(3, 20, '11:00', () =>
    record({ kind: 'needsReport', indicatorId: IND.reports, documents: ['调研评估报告'], occasions: [{ day: day(3, 20) }], title: '晨光社区居民需求调研报告' }),
  );

  // M4–M6
  for (const k of [4, 5, 6]) {
    meeting(k, 4, '每月专业督导');
    for (const dd of [7, 14, 21, 28]) meeting(k, dd, '每周团队督导');
  }
  tick(4, 6, [1, 2, 9]);
  homeVisit(4, 9, 1);
  homeVisit(4, 23, 2);
  onDay(4, 25, '11:00', () =>
    record({ kind: 'residentLeader', indicatorId: IND.leaders, documents: ['人员基本信息登记表'], occasions: [{ day: day(4, 25) }], person: R(2) }),
  );
  homeVisit(5, 7, 1);
  activity(
    'outing2',
    5,
    8,
    {
      title: '亲子游·湿地公园',
      serviceArea: '家庭',
      capacity: 12,
      maxParty: 2,
      safetyAgreement: true,
      safetyTerms: '请看护好孩子',
      indicatorId: IND.outing,
      ...slot(5, 16, '09:00', '16:00'),
    },
    [
      [3, 2],
      [8, 1],
    ],
  );
  haircutDay(5, 15, [1, 2]);
  checkIn('outing2', 5, 16, '15:00', [
    [3, 3],
    [8, 2],
  ]);
  onDay(5, 18, '11:00', () =>
    record({
      kind: 'resourceLinking',
      indicatorId: IND.resources,
      documents: ['资助方信息', '受助方信息', '物资签领表'],
      occasions: [{ day: day(5, 18), attendees: [{ personId: R(11), headcount: 3 }] }],
      donor: '爱心企业',
      items: '棉被两床',
    }),
  );
  homeVisit(5, 21, 2);
  homeVisit(6, 3, 1);
  homeVisit(6, 17, 2);
  onDay(6, 20, '11:00', () =>
    record({ kind: 'needsReport', indicatorId: IND.reports, documents: ['调研评估报告'], occasions: [{ day: day(6, 20) }], title: '晨光社区中期需求评估报告' }),
  );
}

type Report = Awaited<ReturnType<typeof readReport>>;
const readReport = (from: string, to: string) => cloud.ok('stats', 'report', { from, to }, SECRETARY);
/** A report's table as the station writes it: planned 次, 人次 and 人/个/份, then what was done. */
const table = (r: Report) =>
  r.rows.map((row) => [row.indicator, row.plannedSessions, row.plannedVisits, row.plannedOutput, row.title, row.sessions, row.visits, row.output]);

beforeAll(async () => {
  cloud = await statsCloud();
  const now = cloud.clock.now();
  for (let k = 1; k <= 6; k++) M[k] = monthFrom(now, k);
  await cloud.ok('stats', 'setPlan', plan(), LEAD);
  for (let n = 1; n <= 12; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `139000002${String(n).padStart(2, '0')}` }, R(n));
  await cloud.ok('users', 'updateProfile', { name: '大学生志愿者', phone: '13900000299' }, TUTOR);
  await cloud.ok('users', 'setRoles', { personId: TUTOR, roles: ['volunteer'] }, LEAD);
  await cloud.ok('services', 'setKindIndicator', { kind: 'homeVisit', indicatorId: IND.homeVisit }, LEAD);
  for (const [n, tags] of [
    [1, ['老年人', '空巢']],
    [2, ['老年人']],
    [5, ['残障']],
    [6, ['残障', '低保']],
    [7, ['残障']],
  ] as const) {
    await cloud.ok('users', 'setTags', { personId: R(n), tags: [...tags] }, WORKER);
  }
  theSixMonths();
  await live([1, 2, 3]);
  // The mid-term evaluation, at the end of M3.
  cloud.clock.set(on(day(3, 28), '17:00'));
}, 60_000);
afterAll(() => cloud.close());

describe('the mid-term (M1–M3): planned to date against what was done', () => {
  test('row by row, as the station’s §3.3 table', async () => {
    const midTerm = await readReport(`${M[1]}-01`, lastDayOf(M[3]));
    // [计划活动名称, 计划次数, 计划人次, 计划 人/个/份, 实际活动名称, 实际次数, 实际人次, 实际 人/个/份]
    expect(table(midTerm)).toEqual([
      // 2 a month in the plan; five visits given (one in M3).
      ['老年人一对一上门服务', 6, null, null, '老年人一对一上门服务', 5, 5, null],
      // 15 人次 planned in M2 for the outing; no monthly 次 and not the whole period: no planned 次.
      ['亲子外出游活动', null, 15, null, '亲子外出游活动', 1, 5, null],
      // No monthly targets at all: the plan says nothing for part of the period.
      ['残疾人专业小组', null, null, null, '残疾人专业小组', 4, 11, null],
      // 1 + 4 a month; 5 + 5 + 3 held. Meetings count 次, no 受益人次.
      ['督导会议', 15, null, null, '督导会议', 13, 0, null],
      // 持续进行: no number to date. 5 households and 1 in interviews (one 次 each), one walk of 20.
      ['需求调研评估', null, null, null, '需求调研评估', 7, 26, null],
      ['需求调研报告', null, null, 1, '需求调研报告', 0, 0, 1],
      ['培育社区居民领袖', null, null, 1, '培育社区居民领袖', 0, 0, 1],
      // The choir's six practices (re-pointed in M3) and the founding record.
      ['孵化社区社会组织', null, null, 1, '孵化社区社会组织（晨光合唱团）', 6, 15, 1],
      ['家庭救助资源链接', 1, null, null, '家庭救助资源链接', 1, 4, null],
      // Extension work, one named line each, not one row per activity.
      [EXTENSION, null, null, null, '节日及社区活动（社区）', 2, 5, null],
      [EXTENSION, null, null, null, '爱心义剪', 2, 6, null],
      [EXTENSION, null, null, null, '周末课业辅导', 2, 4, null],
      [EXTENSION, null, null, null, '便民大厅日间服务', 2, 12, null],
    ]);
    expect(midTerm.rows.find((r) => r.indicatorId === IND.needs)).toMatchObject({ unit: '人次', ongoing: true });
    expect(midTerm.rows.map((r) => r.documents)).toEqual([
      ['服务记录'],
      ['活动通知', '报名表', '签到表', '安全协议'],
      ['活动通知', '报名表', '签到表'],
      ['会议记录'],
      ['调研问卷'],
      ['调研评估报告'],
      ['人员基本信息登记表'],
      ['成员信息', '活动签到表', '组织管理架构'],
      ['资助方信息', '受助方信息', '物资签领表'],
      ['活动通知', '报名表', '签到表'],
      ['服务记录'],
      ['服务记录'],
      ['签到表'],
    ]);
    // Twelve residents by name; the 29 counted by headcount only are no one's.
    expect(midTerm.totals).toMatchObject({ sessions: 45, visits: 93, people: 12 });
  });

  test('who was served, for staff: by staff-only tag, counts only', async () => {
    const served = await cloud.ok('stats', 'served', { from: `${M[1]}-01`, to: lastDayOf(M[3]) }, WORKER);
    expect(served.people).toBe(12);
    expect(served.byTag).toEqual([
      { tag: '残障', people: 3, visits: 11 },
      { tag: '老年人', people: 2, visits: 23 },
      { tag: '低保', people: 1, visits: 4 },
      { tag: '空巢', people: 1, visits: 12 },
    ]);
  });

  test('the monthly summaries: each target with what was done in its unit and its status; next month’s plan', async () => {
    const summary = (month: string) => cloud.ok('stats', 'monthlySummary', { month }, SECRETARY);
    const lines = (s: Awaited<ReturnType<typeof summary>>) => s.items.map((i) => [i.text, i.achievedText, i.status]);

    expect(lines(await summary(M[2]))).toEqual([
      ['老年人一对一上门服务 2 次', '2 次', '已完成'],
      ['每月1次专业督导', '5 次', '已完成'],
      ['每周1次团队督导', '5 次', '已完成'],
      ['持续进行开展入户工作', '1 次，20 人次', '持续进行'],
      ['亲子外出游活动 15 人次', '5 人次', '持续进行'],
      ['发展1位社区骨干', '1 人', '已完成'],
      ['培育0.5个社区组织', '1 个', '已完成'],
    ]);

    const third = await summary(M[3]);
    expect(lines(third)).toEqual([
      ['老年人一对一上门服务 2 次', '1 次', '持续进行'],
      ['每月1次专业督导', '3 次', '已完成'],
      ['每周1次团队督导', '3 次', '持续进行'],
      ['持续进行开展入户工作', '1 次，1 人次', '持续进行'],
      ['培育0.5个社区组织', '0 个', '持续进行'],
      ['完成1份需求调研报告', '1 份', '已完成'],
      ['初步完成1个家庭救助资源链接', '1 次', '已完成'],
    ]);
    // Held this month under no target of the month: the group's last session, and a haircut day.
    expect(third.otherWork).toEqual([
      { indicator: '残疾人专业小组', title: '残疾人“生活技能”发展小组', sessions: 1, visits: 3 },
      { indicator: EXTENSION, title: '爱心义剪', sessions: 1, visits: 3 },
    ]);
    expect(third.nextMonth).toBe(M[4]);
    expect(third.nextPlan.map((l) => l.text)).toEqual([
      '老年人一对一上门服务 2 次',
      '每月1次专业督导',
      '每周1次团队督导',
      '持续进行开展入户工作',
      '发展1位社区骨干',
    ]);
  });

  test('the export lays the mid-term out as §3.3, with 已留存的资料内容 and a totals row', async () => {
    const file = await cloud.ok('stats', 'exportReport', { from: `${M[1]}-01`, to: lastDayOf(M[3]) }, SECRETARY);
    const book = await workbookOf(file);
    const lines = book
      .getWorksheet('计划与完成对照')!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(lines[0]).toEqual([`晨光社区三社联动项目完成目标与活动对照表（${M[1]}-01 至 ${lastDayOf(M[3])}）`]);
    expect(lines.slice(1)).toEqual([
      ['计划活动名称', '计划活动次数', '计划受益人次', '实际活动名称', '实际活动次数', '实际受益人次', '已留存的资料内容'],
      ['老年人一对一上门服务', 6, undefined, '老年人一对一上门服务', 5, 5, '服务记录'],
      ['亲子外出游活动', undefined, 15, '亲子外出游活动', 1, 5, '活动通知、报名表、签到表、安全协议'],
      ['残疾人专业小组', undefined, undefined, '残疾人专业小组', 4, 11, '活动通知、报名表、签到表'],
      ['督导会议', 15, undefined, '督导会议', 13, 0, '会议记录'],
      ['需求调研评估', '持续进行', undefined, '需求调研评估', 7, 26, '调研问卷'],
      ['需求调研报告', '1份', undefined, '需求调研报告', '1份', undefined, '调研评估报告'],
      ['培育社区居民领袖', '1人', undefined, '培育社区居民领袖', '1人', undefined, '人员基本信息登记表'],
      ['孵化社区社会组织', '1个', undefined, '孵化社区社会组织（晨光合唱团）', '1个（6次）', 15, '成员信息、活动签到表、组织管理架构'],
      ['家庭救助资源链接', 1, undefined, '家庭救助资源链接', 1, 4, '资助方信息、受助方信息、物资签领表'],
      [EXTENSION, undefined, undefined, '节日及社区活动（社区）', 2, 5, '活动通知、报名表、签到表'],
      [EXTENSION, undefined, undefined, '爱心义剪', 2, 6, '服务记录'],
      [EXTENSION, undefined, undefined, '周末课业辅导', 2, 4, '服务记录'],
      [EXTENSION, undefined, undefined, '便民大厅日间服务', 2, 12, '签到表'],
      ['合计', 22, 15, undefined, 45, 93],
    ]);
  });
});

describe('the whole period (M1–M6)', () => {
  test('once the six months are done, the report of the whole period against the whole plan', async () => {
    await live([4, 5, 6]);
    cloud.clock.set(on(lastDayOf(M[6]), '18:00'));
    expect(monthsBetween(plan().from, plan().to)).toEqual(M.slice(1));
    const whole = await readReport(`${M[1]}-01`, lastDayOf(M[6]));
    expect(table(whole)).toEqual([
      ['老年人一对一上门服务', 12, 12, null, '老年人一对一上门服务', 11, 11, null],
      ['亲子外出游活动', 2, 30, null, '亲子外出游活动', 2, 10, null],
      ['残疾人专业小组', 8, 40, null, '残疾人专业小组', 4, 11, null],
      ['督导会议', 30, 0, null, '督导会议', 28, 0, null],
      ['需求调研评估', 0, 60, null, '需求调研评估', 7, 26, null],
      ['需求调研报告', 0, 0, 2, '需求调研报告', 0, 0, 2],
      ['培育社区居民领袖', 0, 0, 3, '培育社区居民领袖', 0, 0, 2],
      ['孵化社区社会组织', 0, 0, 1, '孵化社区社会组织（晨光合唱团）', 7, 18, 1],
      ['家庭救助资源链接', 2, 8, null, '家庭救助资源链接', 2, 7, null],
      [EXTENSION, null, null, null, '节日及社区活动（社区）', 2, 5, null],
      [EXTENSION, null, null, null, '爱心义剪', 3, 8, null],
      [EXTENSION, null, null, null, '周末课业辅导', 2, 4, null],
      [EXTENSION, null, null, null, '便民大厅日间服务', 2, 12, null],
    ]);
    expect(whole.totals).toMatchObject({ sessions: 70, visits: 112 });
  });
});
