import {
  buildPlan,
  checkRange,
  EXTENSION,
  indicatorIdFor,
  monthlySummary,
  monthsBetween,
  nextMonth,
  reach,
  reportRows,
  targetStatus,
  targetText,
  trend,
  trendMonths,
  type AreaTally,
  type Indicator,
  type PlanInput,
  type SourceTally,
} from '../../cloudfunctions/stats/rules';
import { refusal } from '../support/refusal';

const now = new Date('2026-06-01T02:00:00Z');
const homeVisits: Indicator = { id: 'home-visit', name: '老年人"一对一"上门服务', serviceArea: '老年人', plannedSessions: 88, plannedVisits: 88 };
const outing: Indicator = { id: 'family-outing', name: '亲子外出游活动', serviceArea: '家庭', plannedSessions: 2, plannedVisits: 30 };

const planInput = (over: Partial<PlanInput> = {}): PlanInput => ({
  title: '福源三社联动',
  from: '2026-06-01',
  to: '2027-05-31',
  indicators: [homeVisits, outing],
  monthlyTargets: [],
  ...over,
});

const source = (over: Partial<SourceTally>): SourceTally => ({
  indicatorId: null,
  kind: 'activity',
  sourceId: 'a1',
  title: '活动',
  serviceArea: '社区',
  targetGroup: null,
  sessions: 1,
  visits: 1,
  ...over,
});

describe('the plan', () => {
  test('keeps the indicators in order with their ids and a fractional monthly target', () => {
    const plan = buildPlan(planInput({ monthlyTargets: [{ month: '2026-12', indicatorId: 'home-visit', measure: 'sessions', target: 1.5 }] }), 'o_lead', now);
    expect(plan.indicators.map((i) => i.id)).toEqual(['home-visit', 'family-outing']);
    expect(plan.monthlyTargets[0].target).toBe(1.5);
    expect(plan).toMatchObject({ _id: 'project', from: '2026-06-01', to: '2027-05-31', updatedBy: 'o_lead', updatedAt: now });
  });

  test('an indicator without an id gets one from its name, the same every time', () => {
    const { id: _id, ...unnamed } = outing;
    const first = buildPlan(planInput({ indicators: [unnamed] }), 'o_lead', now);
    const again = buildPlan(planInput({ indicators: [unnamed] }), 'o_lead', now);
    expect(first.indicators[0].id).toBe(indicatorIdFor('亲子外出游活动'));
    expect(first.indicators[0].id).toMatch(/^ind_[0-9a-f]{12}$/);
    expect(again.indicators[0].id).toBe(first.indicators[0].id);
    expect(indicatorIdFor('社区大讲堂')).not.toBe(first.indicators[0].id);
  });

  test.each([
    ['a period that ends before it starts', planInput({ from: '2027-06-01', to: '2027-05-31' }), 'PERIOD_INVALID'],
    ['a period over five years', planInput({ from: '2026-01-01', to: '2031-01-01' }), 'PERIOD_TOO_LONG'],
    ['the same indicator name twice', planInput({ indicators: [outing, { ...outing, id: 'other' }] }), 'INDICATOR_DUPLICATE'],
    ['the same indicator id twice', planInput({ indicators: [outing, { ...homeVisits, id: outing.id }] }), 'INDICATOR_DUPLICATE'],
    ['a target for an indicator not in the plan', planInput({ monthlyTargets: [{ month: '2026-07', indicatorId: 'gone', measure: 'sessions', target: 1 }] }), 'TARGET_UNKNOWN_INDICATOR'],
    ['a target outside the period', planInput({ monthlyTargets: [{ month: '2027-06', indicatorId: 'home-visit', measure: 'sessions', target: 1 }] }), 'TARGET_OUTSIDE_PERIOD'],
    [
      'the same target twice in a month',
      planInput({
        monthlyTargets: [
          { month: '2026-07', indicatorId: 'home-visit', measure: 'visits', target: 22 },
          { month: '2026-07', indicatorId: 'home-visit', measure: 'visits', target: 20 },
        ],
      }),
      'TARGET_DUPLICATE',
    ],
  ])('refuses %s', (_what, input, code) => {
    expect(refusal(() => buildPlan(input, 'o_lead', now))).toBe(code);
  });

  test('a period of exactly five years is fine', () => {
    expect(buildPlan(planInput({ from: '2026-01-01', to: '2030-12-31' }), 'o_lead', now).to).toBe('2030-12-31');
  });
});

describe('months and ranges', () => {
  test('every month a range touches, across the new year', () => {
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-12-01', '2026-12-31')).toEqual(['2026-12']);
    expect(nextMonth('2026-12')).toBe('2027-01');
  });

  test('the trend covers the project period, or the last 12 months without a plan', () => {
    expect(trendMonths({ from: '2026-06-01', to: '2027-05-31' }, '2026-09')).toHaveLength(12);
    expect(trendMonths(null, '2026-09')).toEqual(monthsBetween('2025-10', '2026-09'));
  });

  test('a range whose end is before its start is refused; one day is fine', () => {
    expect(refusal(() => checkRange('2026-12-02', '2026-12-01'))).toBe('RANGE_INVALID');
    expect(refusal(() => checkRange('2026-12-01', '2026-12-01'))).toBe('no refusal');
  });
});

describe('planned vs achieved rows', () => {
  test('one row per indicator in plan order, summed over its sources, zero when nothing was held', () => {
    const rows = reportRows(
      [homeVisits, outing],
      [
        source({ indicatorId: 'family-outing', sourceId: 'outing-spring', sessions: 1, visits: 20 }),
        source({ indicatorId: 'family-outing', sourceId: 'outing-autumn', sessions: 1, visits: 25 }),
      ],
    );
    expect(rows).toEqual([
      expect.objectContaining({ indicatorId: 'home-visit', indicator: homeVisits.name, extension: false, plannedSessions: 88, plannedVisits: 88, sessions: 0, visits: 0 }),
      expect.objectContaining({ indicatorId: 'family-outing', indicator: '亲子外出游活动', plannedSessions: 2, plannedVisits: 30, sessions: 2, visits: 45 }),
    ]);
  });

  test('work no indicator covers shows as 项目目标未涉及的拓展服务, one row per activity, group or service', () => {
    const rows = reportRows(
      [outing],
      [
        // A series titles its sessions '…（第3次）'; the row stands for the whole series.
        source({ sourceId: 'youth', title: '青少年专业小组（第3次）', serviceArea: '青少年', sessions: 10, visits: 100 }),
        source({ kind: 'service', sourceId: 'tutoring', title: '周末课业辅导', serviceArea: '青少年', sessions: 6, visits: 150 }),
        // An indicator removed from the plan after its sessions were held: no indicator covers them now.
        source({ indicatorId: 'removed', sourceId: 'lecture', title: '社区大讲堂', sessions: 1, visits: 40 }),
      ],
    );
    expect(rows.map((r) => [r.indicator, r.title, r.extension, r.plannedSessions, r.sessions, r.visits])).toEqual([
      ['亲子外出游活动', '亲子外出游活动', false, 2, 0, 0],
      [EXTENSION, '青少年专业小组', true, 0, 10, 100],
      [EXTENSION, '社区大讲堂', true, 0, 1, 40],
      [EXTENSION, '周末课业辅导', true, 0, 6, 150],
    ]);
  });
});

describe('the monthly summary', () => {
  const plan = {
    indicators: [homeVisits, outing, { id: 'casework', name: '老年人个案服务', serviceArea: '老年人' as const, plannedSessions: 18, plannedVisits: 18 }],
    monthlyTargets: [
      { month: '2026-12', indicatorId: 'home-visit', measure: 'sessions' as const, target: 22 },
      { month: '2026-12', indicatorId: 'casework', measure: 'sessions' as const, target: 1.5 },
      { month: '2027-01', indicatorId: 'casework', measure: 'sessions' as const, target: 1.5 },
      { month: '2027-01', indicatorId: 'family-outing', measure: 'visits' as const, target: 20 },
    ],
  };

  test('a fractional target is 持续进行 below it and 已完成 at or above it', () => {
    expect(targetStatus(1, 1.5)).toBe('持续进行');
    expect(targetStatus(2, 1.5)).toBe('已完成');
    expect(targetStatus(22, 22)).toBe('已完成');
    expect(targetText({ indicator: '老年人个案服务', measure: 'sessions', target: 1.5 })).toBe('老年人个案服务 1.5 次');
    expect(targetText({ indicator: '亲子外出游活动', measure: 'visits', target: 20 })).toBe('亲子外出游活动 20 人次');
  });

  test('each target of the month with what was achieved, other work held, and next month’s plan', () => {
    const summary = monthlySummary(plan, '2026-12', [
      source({ indicatorId: 'home-visit', kind: 'service', sourceId: 'homeVisit', sessions: 22, visits: 22 }),
      source({ indicatorId: 'casework', kind: 'service', sourceId: 'case', sessions: 1, visits: 1 }),
      source({ indicatorId: null, sourceId: 'dumplings', title: '冬至包饺子', sessions: 1, visits: 35 }),
    ]);
    expect(summary.items).toEqual([
      { indicatorId: 'home-visit', indicator: homeVisits.name, measure: 'sessions', target: 22, achieved: 22, status: '已完成' },
      { indicatorId: 'casework', indicator: '老年人个案服务', measure: 'sessions', target: 1.5, achieved: 1, status: '持续进行' },
    ]);
    expect(summary.otherWork).toEqual([{ indicator: EXTENSION, title: '冬至包饺子', sessions: 1, visits: 35 }]);
    expect(summary.nextMonth).toBe('2027-01');
    expect(summary.nextPlan.map(targetText)).toEqual(['老年人个案服务 1.5 次', '亲子外出游活动 20 人次']);
  });

  test('a month with no plan still lists the work held', () => {
    const summary = monthlySummary(null, '2026-05', [source({ title: '邻居节' })]);
    expect(summary).toMatchObject({ items: [], nextPlan: [], otherWork: [{ title: '邻居节' }] });
  });
});

describe('tallies by area, target group and month', () => {
  const tallies: AreaTally[] = [
    { month: '2026-11', serviceArea: '家庭', targetGroup: '亲子家庭', sessions: 1, visits: 20 },
    { month: '2026-12', serviceArea: '老年人', targetGroup: '空巢老人', sessions: 3, visits: 3 },
    { month: '2026-12', serviceArea: '老年人', targetGroup: null, sessions: 2, visits: 12 },
  ];

  test('sums per area in the report’s order and per target group, with people counted by the database', () => {
    const result = reach(tallies, { total: 9, byArea: new Map([['老年人', 6], ['家庭', 4]]), byTargetGroup: new Map([['空巢老人', 3], ['未指定', 3], ['亲子家庭', 4]]) });
    expect(result).toMatchObject({ sessions: 6, visits: 35, people: 9 });
    expect(result.byArea).toEqual([
      { serviceArea: '老年人', sessions: 5, visits: 15, people: 6 },
      { serviceArea: '家庭', sessions: 1, visits: 20, people: 4 },
    ]);
    expect(result.byTargetGroup).toEqual([
      { targetGroup: '亲子家庭', sessions: 1, visits: 20, people: 4 },
      { targetGroup: '未指定', sessions: 2, visits: 12, people: 3 },
      { targetGroup: '空巢老人', sessions: 3, visits: 3, people: 3 },
    ]);
  });

  test('the trend lists every month, zero where nothing was held', () => {
    expect(trend(['2026-10', '2026-11', '2026-12'], tallies)).toEqual([
      { month: '2026-10', sessions: 0, visits: 0 },
      { month: '2026-11', sessions: 1, visits: 20 },
      { month: '2026-12', sessions: 5, visits: 15 },
    ]);
  });
});
