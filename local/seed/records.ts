import type { ActionInput } from '../../cloudfunctions/contracts';
import { localDay } from '../../cloudfunctions/_shared/time';
import { DEMO, type SeedCall } from './call';
import { DEMO_INDICATORS } from './stats';

type RecordInput = ActionInput<'records', 'create'>;
type Dated<T> = T extends unknown
  ? Omit<T, 'requestKey' | 'occasions'> & { occasions: (Omit<RecordInput['occasions'][number], 'day'> & { daysAgo: number })[] }
  : never;

/**
 * The station's other work, entered as a worker would from the paper records: an outing and a
 * series back-entered from their 签到表, meetings and a training, needs assessment, a family helped,
 * a resident leader and a group, and the hall's register. Dated back from `now`, inside the demo plan.
 */
const records = (r: (n: number) => string, offline: string): Dated<RecordInput>[] => [
  {
    kind: 'heldActivity',
    title: '“亲近心灵，怀抱自然”老年人外出游',
    serviceArea: '老年人',
    targetGroup: '社区老年人',
    place: '永登开心农场',
    staffPresent: 3,
    volunteersPresent: 2,
    documents: ['活动策划', '活动通知', '报名表', '签到表', '安全协议', '活动新闻稿'],
    indicatorId: null,
    occasions: [{ daysAgo: 50, attendees: [1, 2, 3, 7, 9, 11, 13].map((n) => ({ personId: r(n), headcount: 1 })).concat({ personId: offline, headcount: 1 }) }],
  },
  {
    kind: 'heldActivity',
    title: '社工及项目宣传日',
    serviceArea: '社区',
    documents: ['活动策划', '宣传展板', '签到表'],
    indicatorId: DEMO_INDICATORS.publicity,
    occasions: [{ daysAgo: 33, unnamed: 46 }],
  },
  {
    kind: 'heldActivity',
    title: '残疾人“生活趣多多”发展小组',
    serviceArea: '残障人士',
    documents: ['活动策划', '签到表', '小组契约', '过程记录'],
    indicatorId: DEMO_INDICATORS.disabledGroup,
    occasions: [
      { daysAgo: 41, attendees: [4, 10, 17].map((n) => ({ personId: r(n), headcount: 1 })) },
      { daysAgo: 34, attendees: [4, 10].map((n) => ({ personId: r(n), headcount: 1 })) },
      { daysAgo: 27, attendees: [4, 10, 17].map((n) => ({ personId: r(n), headcount: 1 })) },
    ],
  },
  ...[24, 17, 10, 3].map((daysAgo) => ({
    kind: 'meeting' as const,
    meetingType: '督导会议' as const,
    topic: '每周团队督导',
    staff: 4,
    documents: ['会议记录' as const],
    occasions: [{ daysAgo }],
  })),
  {
    kind: 'meeting',
    meetingType: '三方联席会议',
    topic: '三方联席会议',
    staff: 3,
    communityStaff: 2,
    residentLeaders: 3,
    documents: ['会议记录', '新闻稿'],
    occasions: [{ daysAgo: 20 }],
  },
  { kind: 'meeting', meetingType: '居民民主监督会议', staff: 2, residentLeaders: 4, others: 12, documents: ['会议记录'], occasions: [{ daysAgo: 13 }] },
  {
    kind: 'training',
    topic: '“三社联动”试点工作培训班',
    trainer: '市民政局',
    participants: 3,
    documents: ['培训通知', '新闻稿', '培训心得'],
    occasions: [{ daysAgo: 15 }],
  },
  {
    kind: 'householdInterview',
    purpose: '老年人服务需求',
    documents: ['调研问卷'],
    occasions: [
      { daysAgo: 45, attendees: [1, 9, 15].map((n) => ({ personId: r(n), headcount: 1 })), unnamed: 4 },
      { daysAgo: 44, attendees: [{ personId: r(19), headcount: 2 }], unnamed: 3 },
    ],
  },
  { kind: 'communityWalk', route: '1-5号楼、小广场', staffPresent: 2, occasions: [{ daysAgo: 46, unnamed: 32 }] },
  { kind: 'needsReport', title: '福源小镇社区老年人需求调研评估报告', documents: ['调研问卷', '调研评估报告'], occasions: [{ daysAgo: 38 }] },
  {
    kind: 'resourceLinking',
    donor: '爱心企业（演示）',
    items: '米、面、油各一份',
    documents: ['资助方信息', '受助方信息', '物资签领表'],
    occasions: [{ daysAgo: 12, attendees: [{ personId: r(16), headcount: 2 }] }],
  },
  { kind: 'residentLeader', person: r(7), role: '合唱团骨干', documents: ['人员基本信息登记表'], occasions: [{ daysAgo: 25 }] },
  {
    kind: 'groupIncubated',
    name: '福源太极健身队',
    foundingMembers: 16,
    foundingNote: '座谈会定了队名和契约，自荐和举手选出队长、副队长，初步定了练习时间。',
    documents: ['成员信息', '组织管理架构'],
    occasions: [{ daysAgo: 40 }],
  },
  ...(['书法', '棋艺', '健身'] as const).map((activity, i) => ({
    kind: 'hallVisit' as const,
    activity,
    documents: ['签到表' as const],
    occasions: [1, 2, 3, 4, 5].map((daysAgo) => ({ daysAgo, unnamed: 3 + ((daysAgo + i) % 4) })),
  })),
];

/** A few demo records through `records.create`, as the worker. Run after seedPeople and seedStats (the plan bounds the dates). */
export async function seedRecords(call: SeedCall, now: Date): Promise<void> {
  const [offline] = await call('users', 'findResidents', { query: '田大爷' }, DEMO.worker);
  const dayBack = (n: number) => localDay(new Date(now.getTime() - n * 86_400_000));
  for (const [i, { occasions, ...rest }] of records(DEMO.resident, offline.id).entries()) {
    const input = {
      ...rest,
      requestKey: `demo-record-${String(i).padStart(4, '0')}`,
      occasions: occasions.map(({ daysAgo, ...o }) => ({ ...o, day: dayBack(daysAgo) })),
    };
    await call('records', 'create', input as RecordInput, DEMO.worker);
  }
}
