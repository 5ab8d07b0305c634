import { dayjs, localMonth } from '../../cloudfunctions/_shared/time';
import { monthsBetween } from '../../cloudfunctions/stats/rules';
import { DEMO, type SeedCall } from './call';

/**
 * Indicator ids of the demo plan, for the other seeds to point their activities, groups and
 * services at (the `indicatorId` each session counts toward).
 */
export const DEMO_INDICATORS = {
  homeVisit: 'home-visit',
  elderlyGroup: 'elderly-group',
  familyOuting: 'family-outing',
  disabledGroup: 'disabled-group',
  disabledIntegration: 'disabled-integration',
  lecture: 'lecture',
  choir: 'choir',
  publicity: 'publicity',
  supervision: 'supervision',
  needs: 'needs-assessment',
  needsReports: 'needs-reports',
  leaders: 'resident-leaders',
  incubation: 'group-incubation',
  resources: 'resource-linking',
} as const;

/**
 * The demo project's period around `now`: twelve months, the first six of them before the current
 * station month, so that on any date the preview shows a project half-way through, with monthly
 * targets behind and ahead.
 */
export function demoPeriod(now: Date): { from: string; to: string } {
  const thisMonth = dayjs(`${localMonth(now)}-01`);
  return { from: thisMonth.subtract(6, 'month').format('YYYY-MM-DD'), to: thisMonth.add(5, 'month').endOf('month').format('YYYY-MM-DD') };
}

/** A fictional plan modelled on the kind of indicators a 三社联动 project reports on. */
const INDICATORS = [
  { id: DEMO_INDICATORS.homeVisit, name: '老年人"一对一"上门服务', serviceArea: '老年人', plannedSessions: 88, plannedVisits: 88 },
  { id: DEMO_INDICATORS.elderlyGroup, name: '老年人学习小组', serviceArea: '老年人', plannedSessions: 18, plannedVisits: 150 },
  { id: DEMO_INDICATORS.familyOuting, name: '亲子外出游活动', serviceArea: '家庭', plannedSessions: 2, plannedVisits: 30 },
  { id: DEMO_INDICATORS.disabledGroup, name: '残疾人专业小组', serviceArea: '残障人士', plannedSessions: 10, plannedVisits: 80 },
  { id: DEMO_INDICATORS.disabledIntegration, name: '残疾人社区融合活动', serviceArea: '残障人士', plannedSessions: 2, plannedVisits: 30 },
  { id: DEMO_INDICATORS.lecture, name: '社区大讲堂', serviceArea: '社区', plannedSessions: 3, plannedVisits: 120 },
  { id: DEMO_INDICATORS.choir, name: '合唱团排练', serviceArea: '社区', plannedSessions: 40, plannedVisits: 600 },
  { id: DEMO_INDICATORS.publicity, name: '社工及项目宣传活动', serviceArea: '社区', plannedSessions: 5, plannedVisits: 100 },
  { id: DEMO_INDICATORS.supervision, name: '督导会议', serviceArea: null, plannedSessions: 60, plannedVisits: 0 },
  { id: DEMO_INDICATORS.needs, name: '需求调研评估', serviceArea: '社区', unit: '人次', plannedSessions: 0, plannedVisits: 200 },
  // Counted in what the station's records produce: 份, 人, 个.
  { id: DEMO_INDICATORS.needsReports, name: '需求调研报告', serviceArea: '社区', unit: '份', plannedOutput: 3 },
  { id: DEMO_INDICATORS.leaders, name: '培育社区居民领袖', serviceArea: '社区', unit: '人', plannedOutput: 4 },
  { id: DEMO_INDICATORS.incubation, name: '孵化社区社会组织', serviceArea: '社区', unit: '个', plannedOutput: 1 },
  { id: DEMO_INDICATORS.resources, name: '家庭救助资源链接', serviceArea: '家庭', plannedSessions: 2, plannedVisits: 8 },
] as const;

/**
 * Every month: home visits, choir practices, the elderly group (1.5 sessions a month), the disabled
 * group; two supervision targets worded as the plan words them, and the home interviews, which go
 * on all month with no number (持续进行).
 */
const EVERY_MONTH = [
  { indicatorId: DEMO_INDICATORS.homeVisit, measure: 'sessions', target: 8 },
  { indicatorId: DEMO_INDICATORS.choir, measure: 'sessions', target: 4 },
  { indicatorId: DEMO_INDICATORS.elderlyGroup, measure: 'sessions', target: 1.5 },
  { indicatorId: DEMO_INDICATORS.disabledGroup, measure: 'sessions', target: 1 },
  { indicatorId: DEMO_INDICATORS.supervision, measure: 'sessions', target: 1, text: '每月1次专业督导' },
  { indicatorId: DEMO_INDICATORS.supervision, measure: 'sessions', target: 4, text: '每周1次团队督导' },
  { indicatorId: DEMO_INDICATORS.needs, measure: 'visits', target: null, ongoing: true, text: '持续进行开展入户工作' },
] as const;

/** One-off targets in the months they are planned for: `month` counts from the period's first (0) to its last (11). */
const SOME_MONTHS = [
  { month: 3, indicatorId: DEMO_INDICATORS.lecture, measure: 'sessions', target: 1 },
  { month: 4, indicatorId: DEMO_INDICATORS.familyOuting, measure: 'visits', target: 15 },
  { month: 6, indicatorId: DEMO_INDICATORS.disabledIntegration, measure: 'visits', target: 15 },
  { month: 7, indicatorId: DEMO_INDICATORS.lecture, measure: 'sessions', target: 1 },
  { month: 10, indicatorId: DEMO_INDICATORS.familyOuting, measure: 'visits', target: 15 },
  { month: 10, indicatorId: DEMO_INDICATORS.lecture, measure: 'sessions', target: 1 },
  { month: 3, indicatorId: DEMO_INDICATORS.needsReports, measure: 'reports', target: 1, text: '完成1份需求调研报告' },
  { month: 5, indicatorId: DEMO_INDICATORS.leaders, measure: 'people', target: 1, text: '发展1位社区骨干' },
  { month: 5, indicatorId: DEMO_INDICATORS.incubation, measure: 'groups', target: 0.5, text: '培育0.5个社区组织' },
  { month: 6, indicatorId: DEMO_INDICATORS.incubation, measure: 'groups', target: 0.5, text: '培育0.5个社区组织' },
  { month: 6, indicatorId: DEMO_INDICATORS.resources, measure: 'sessions', target: 1, text: '完成1个家庭救助资源链接' },
] as const;

/** The project lead sets the plan (计划指标), as on the plan page, for the period around `now` (the system's clock). Run after seedPeople. */
export async function seedStats(call: SeedCall, now: Date): Promise<void> {
  const period = demoPeriod(now);
  const months = monthsBetween(period.from, period.to);
  await call(
    'stats',
    'setPlan',
    {
      title: '福源小镇社区“三社联动”示范项目（演示）',
      ...period,
      indicators: [...INDICATORS],
      monthlyTargets: [
        ...months.flatMap((month) => EVERY_MONTH.map((t) => ({ month, ...t }))),
        ...SOME_MONTHS.map(({ month, ...t }) => ({ month: months[month], ...t })),
      ],
    },
    DEMO.admin,
  );
}
