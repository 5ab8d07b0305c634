import {
  buildPlan,
  checkRange,
  countedSource,
  EXTENSION,
  indicatorIdFor,
  monthlySummary,
  monthsBetween,
  nextMonth,
  plannedToDate,
  reach,
  readPlan,
  reportRows,
  targetStatus,
  targetText,
  trend,
  trendMonths,
  type AreaTally,
  type Indicator,
  type PlanInput,
  type RecordOutputs,
  type SourceLine,
  type SourceTally,
} from '../../cloudfunctions/stats/rules';
import { refusal } from '../support/refusal';

const now = new Date('2026-06-01T02:00:00Z');
const homeVisits: Indicator = {
  id: 'home-visit',
  name: '老年人"一对一"上门服务',
  serviceArea: '老年人',
  unit: '次',
  plannedSessions: 88,
  plannedVisits: 88,
  plannedOutput: 0,
};
const outing: Indicator = {
  id: 'family-outing',
  name: '亲子外出游活动',
  serviceArea: '家庭',
  unit: '次',
  plannedSessions: 2,
  plannedVisits: 30,
  plannedOutput: 0,
};
/** A target as setPlan takes it: a number, none of the optional parts. */
const target = (month: string, indicatorId: string, measure: 'sessions' | 'visits', n: number) => ({ month, indicatorId, measure, target: n, ongoing: false });

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
  name: over.title ?? '活动',
  programme: over.title ?? '活动',
  documents: [],
  ...over,
});

describe('the plan', () => {
  test('keeps the indicators in order with their ids and a fractional monthly target', () => {
    const plan = buildPlan(planInput({ monthlyTargets: [target('2026-12', 'home-visit', 'sessions', 1.5)] }), 'o_lead', now);
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
    ['a target for an indicator not in the plan', planInput({ monthlyTargets: [target('2026-07', 'gone', 'sessions', 1)] }), 'TARGET_UNKNOWN_INDICATOR'],
    ['a target outside the period', planInput({ monthlyTargets: [target('2027-06', 'home-visit', 'sessions', 1)] }), 'TARGET_OUTSIDE_PERIOD'],
    [
      'the same target twice in a month',
      planInput({ monthlyTargets: [target('2026-07', 'home-visit', 'visits', 22), target('2026-07', 'home-visit', 'visits', 20)] }),
      'TARGET_DUPLICATE',
    ],
    [
      'two targets with the same id',
      planInput({
        monthlyTargets: [
          { ...target('2026-07', 'home-visit', 'visits', 22), id: 't1' },
          { ...target('2026-08', 'home-visit', 'visits', 22), id: 't1' },
        ],
      }),
      'TARGET_DUPLICATE',
    ],
    [
      'a target with no number that is not 持续进行',
      planInput({ monthlyTargets: [{ ...target('2026-07', 'home-visit', 'visits', 0), target: null }] }),
      'TARGET_NUMBER_MISSING',
    ],
  ])('refuses %s', (_what, input, code) => {
    expect(refusal(() => buildPlan(input, 'o_lead', now))).toBe(code);
  });

  test('several targets may share a month and indicator when their wording tells them apart; each gets a stable id', () => {
    const supervision: Indicator = { ...homeVisits, id: 'supervision', name: '督导会议' };
    const input = planInput({
      indicators: [supervision],
      monthlyTargets: [
        { ...target('2026-12', 'supervision', 'sessions', 1), text: '每月1次专业督导' },
        { ...target('2026-12', 'supervision', 'sessions', 4), text: '每周1次团队督导' },
        { month: '2026-12', indicatorId: 'supervision', measure: 'visits', target: 5, text: '持续进行开展入户工作', ongoing: true },
      ],
    });
    const plan = buildPlan(input, 'o_lead', now);
    expect(plan.monthlyTargets.map((t) => [t.text, t.target, t.ongoing])).toEqual([
      ['每月1次专业督导', 1, false],
      ['每周1次团队督导', 4, false],
      // 持续进行 has no number: what was typed is not kept.
      ['持续进行开展入户工作', null, true],
    ]);
    expect(new Set(plan.monthlyTargets.map((t) => t.id)).size).toBe(3);
    expect(buildPlan(input, 'o_lead', now).monthlyTargets.map((t) => t.id)).toEqual(plan.monthlyTargets.map((t) => t.id));
  });

  test('a plan saved before units, target ids and 持续进行 reads back with the defaults', () => {
    const old = {
      _id: 'project' as const,
      title: '旧计划',
      from: '2026-06-01',
      to: '2027-05-31',
      indicators: [{ id: 'home-visit', name: '上门服务', serviceArea: '老年人' as const, plannedSessions: 88, plannedVisits: 88 }],
      monthlyTargets: [{ month: '2026-12', indicatorId: 'home-visit', measure: 'sessions' as const, target: 22 }],
      updatedAt: now,
      updatedBy: 'o_lead',
    };
    const plan = readPlan(old);
    expect(plan.indicators[0]).toEqual({ ...old.indicators[0], unit: '次', plannedOutput: 0 });
    expect(plan.monthlyTargets[0]).toEqual({ ...old.monthlyTargets[0], id: expect.stringMatching(/^t_[0-9a-f]{12}$/), ongoing: false });
    // The id is the one a save of the same target would give it.
    expect(plan.monthlyTargets[0].id).toBe(
      buildPlan(planInput({ monthlyTargets: [target('2026-12', 'home-visit', 'sessions', 22)] }), 'o_lead', now).monthlyTargets[0].id,
    );
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

const line = (over: Partial<SourceLine>): SourceLine => ({
  kind: 'activity',
  sourceId: 'a1',
  title: '活动',
  serviceArea: '社区',
  targetGroup: null,
  indicatorId: null,
  sessions: 1,
  visits: 1,
  ...over,
});

describe('what a source counts toward, and where work no indicator covers is reported', () => {
  test('the indicator its document names now, not the one copied onto past attendance; the copy only when the document is gone', () => {
    expect(countedSource(line({ indicatorId: 'old', activity: { indicatorId: 'new' } }))?.indicatorId).toBe('new');
    expect(countedSource(line({ indicatorId: 'old', activity: { indicatorId: null } }))?.indicatorId).toBeNull();
    expect(countedSource(line({ indicatorId: 'old' }))?.indicatorId).toBe('old');
    expect(countedSource(line({ kind: 'groupPractice', indicatorId: 'old', group: { indicatorId: 'choir', name: '合唱团' } }))?.indicatorId).toBe('choir');
    expect(countedSource(line({ kind: 'service', sourceId: 'homeVisit', indicatorId: null, serviceKind: { indicatorId: 'home-visit' } }))?.indicatorId).toBe(
      'home-visit',
    );
    expect(
      countedSource(line({ kind: 'record', indicatorId: null, record: { indicatorId: 'meetings', kind: 'meeting', title: '督导会议' } }))?.indicatorId,
    ).toBe('meetings');
  });

  test('a removed record counts nowhere', () => {
    expect(countedSource(line({ kind: 'record', record: { kind: 'meeting', title: '督导会议', removedAt: now } }))).toBeNull();
  });

  test.each([
    [
      'a one-off activity: with its area’s other one-off activities',
      line({ title: '冬至包饺子', serviceArea: '社区', activity: { title: '冬至包饺子', sessions: [{}] } }),
      '节日及社区活动（社区）',
    ],
    [
      'a series: by its title',
      line({ title: '青少年专业小组（第3次）', serviceArea: '青少年', activity: { title: '青少年专业小组', sessions: [{}, {}, {}] } }),
      '青少年专业小组',
    ],
    ['a group’s practices: the group', line({ kind: 'groupPractice', title: '青少年合唱团练习', group: { name: '青少年合唱团' } }), '青少年合唱团'],
    ['a service: its kind', line({ kind: 'service', sourceId: 'tutoring', title: '周末课业辅导' }), '周末课业辅导'],
    ['a record: its kind', line({ kind: 'record', title: '便民大厅日间服务', record: { kind: 'hallVisit', title: '便民大厅日间服务' } }), '便民大厅日间服务'],
    ['a meeting: its type', line({ kind: 'record', title: '三方联席会议', record: { kind: 'meeting', title: '三方联席会议' } }), '三方联席会议'],
    [
      'a back-entered activity of one date: a one-off activity',
      line({ kind: 'record', serviceArea: '家庭', record: { kind: 'heldActivity', title: '中秋游园', days: ['2026-09-25'] } }),
      '节日及社区活动（家庭）',
    ],
    [
      'a back-entered series: by its title',
      line({ kind: 'record', record: { kind: 'heldActivity', title: '亲子阅读小组', days: ['2026-10-10', '2026-10-17', '2026-10-24'] } }),
      '亲子阅读小组',
    ],
  ])('%s', (_what, source, programme) => {
    expect(countedSource(source)?.programme).toBe(programme);
  });

  test('the documents the product holds for each kind of source', () => {
    expect(countedSource(line({ activity: { sessions: [{}] } }))?.documents).toEqual(['活动通知', '报名表', '签到表']);
    expect(countedSource(line({ activity: { sessions: [{}], safetyAgreement: true } }))?.documents).toEqual(['活动通知', '报名表', '签到表', '安全协议']);
    expect(countedSource(line({ kind: 'groupPractice', group: { name: '合唱团' } }))?.documents).toEqual(['成员信息', '活动签到表']);
    expect(countedSource(line({ kind: 'service', sourceId: 'homeVisit' }))?.documents).toEqual(['服务记录']);
    expect(countedSource(line({ kind: 'record', record: { kind: 'meeting', title: '督导会议', documents: ['会议记录', '新闻稿'] } }))?.documents).toEqual([
      '会议记录',
      '新闻稿',
    ]);
  });
});

const outputs = (over: Partial<RecordOutputs>): RecordOutputs => ({
  indicatorId: null,
  kind: 'residentLeader',
  month: '2026-12',
  people: 0,
  groups: 0,
  reports: 0,
  documents: [],
  ...over,
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
      expect.objectContaining({
        indicatorId: 'home-visit',
        indicator: homeVisits.name,
        extension: false,
        unit: '次',
        sessions: 0,
        visits: 0,
        output: null,
        documents: [],
      }),
      expect.objectContaining({ indicatorId: 'family-outing', indicator: '亲子外出游活动', sessions: 2, visits: 45 }),
    ]);
  });

  test('a row gathers every source under its indicator — activities, groups, services, records — with the groups named and each document once', () => {
    const incubation: Indicator = {
      id: 'incubation',
      name: '孵化社区社会组织',
      serviceArea: '社区',
      unit: '个',
      plannedSessions: 0,
      plannedVisits: 0,
      plannedOutput: 1,
    };
    const [row] = reportRows(
      [incubation],
      [
        source({ kind: 'groupPractice', indicatorId: 'incubation', programme: '晨光合唱团', sessions: 14, visits: 312, documents: ['成员信息', '活动签到表'] }),
        source({
          kind: 'activity',
          indicatorId: 'incubation',
          programme: '节日及社区活动（社区）',
          sessions: 1,
          visits: 30,
          documents: ['活动通知', '报名表', '签到表'],
        }),
      ],
      [
        outputs({ indicatorId: 'incubation', kind: 'groupIncubated', groups: 0.5, documents: [['成员信息', '组织管理架构']] }),
        outputs({ indicatorId: 'incubation', kind: 'groupIncubated', month: '2027-01', groups: 0.5 }),
      ],
    );
    expect(row).toEqual({
      indicatorId: 'incubation',
      indicator: '孵化社区社会组织',
      title: '孵化社区社会组织（晨光合唱团）',
      serviceArea: '社区',
      extension: false,
      unit: '个',
      plannedSessions: null,
      plannedVisits: null,
      plannedOutput: null,
      ongoing: false,
      sessions: 15,
      visits: 342,
      output: 1,
      documents: ['活动通知', '报名表', '签到表', '成员信息', '活动签到表', '组织管理架构'],
    });
  });

  test('work no indicator covers shows as 项目目标未涉及的拓展服务, one named line per programme, not one per activity', () => {
    const rows = reportRows(
      [outing],
      [
        source({ sourceId: 'dumplings', programme: '节日及社区活动（社区）', sessions: 1, visits: 35, documents: ['活动通知'] }),
        source({ sourceId: 'lantern', programme: '节日及社区活动（社区）', sessions: 1, visits: 50, documents: ['活动通知', '安全协议'] }),
        source({ sourceId: 'youth', programme: '青少年专业小组', serviceArea: '青少年', sessions: 10, visits: 100 }),
        source({ kind: 'service', sourceId: 'tutoring', programme: '周末课业辅导', serviceArea: '青少年', sessions: 6, visits: 150 }),
        source({ kind: 'record', sourceId: 'wr_hall', programme: '便民大厅日间服务', sessions: 20, visits: 260 }),
        // An indicator removed from the plan after its sessions were held: no indicator covers them now.
        source({ indicatorId: 'removed', sourceId: 'lecture', programme: '节日及社区活动（社区）', sessions: 1, visits: 40 }),
      ],
    );
    expect(rows.map((r) => [r.indicator, r.title, r.extension, r.plannedSessions, r.sessions, r.visits])).toEqual([
      ['亲子外出游活动', '亲子外出游活动', false, null, 0, 0],
      [EXTENSION, '节日及社区活动（社区）', true, null, 3, 125],
      [EXTENSION, '青少年专业小组', true, null, 10, 100],
      [EXTENSION, '周末课业辅导', true, null, 6, 150],
      [EXTENSION, '便民大厅日间服务', true, null, 20, 260],
    ]);
    expect(rows[1].documents).toEqual(['活动通知', '安全协议']);
  });
});

describe('the plan to date', () => {
  const supervision: Indicator = {
    id: 'supervision',
    name: '督导会议',
    serviceArea: null,
    unit: '次',
    plannedSessions: 20,
    plannedVisits: 120,
    plannedOutput: 0,
  };
  const leaders: Indicator = {
    id: 'leaders',
    name: '培育社区居民领袖',
    serviceArea: '社区',
    unit: '人',
    plannedSessions: 0,
    plannedVisits: 0,
    plannedOutput: 4,
  };
  const plan = {
    from: '2026-07-01',
    to: '2027-06-30',
    monthlyTargets: [
      { id: 'a', month: '2026-11', indicatorId: 'supervision', measure: 'sessions' as const, target: 1, text: '每月1次专业督导', ongoing: false },
      { id: 'b', month: '2026-11', indicatorId: 'supervision', measure: 'sessions' as const, target: 4, text: '每周1次团队督导', ongoing: false },
      { id: 'c', month: '2026-12', indicatorId: 'supervision', measure: 'sessions' as const, target: 5, ongoing: false },
      { id: 'd', month: '2026-12', indicatorId: 'supervision', measure: 'visits' as const, target: null, ongoing: true },
      { id: 'e', month: '2026-12', indicatorId: 'leaders', measure: 'people' as const, target: 1, ongoing: false },
    ],
  };

  test('the sum of the monthly targets of the months the range touches, where the plan has them for that measure', () => {
    expect(plannedToDate(plan, '2026-07-01', '2026-11-30')(supervision).sessions).toBe(5);
    // A range that cuts a month counts its targets whole.
    expect(plannedToDate(plan, '2026-07-01', '2026-12-10')(supervision).sessions).toBe(10);
    expect(plannedToDate(plan, '2026-07-01', '2026-12-31')(leaders).output).toBe(1);
    expect(plannedToDate(plan, '2027-01-01', '2027-03-31')(supervision).sessions).toBe(0);
  });

  test('the whole project’s figures for a range covering the whole period, whatever the monthly targets add up to', () => {
    expect(plannedToDate(plan, '2026-06-01', '2027-06-30')(supervision)).toEqual({ sessions: 20, visits: 120, output: null, ongoing: true });
    expect(plannedToDate(plan, '2026-07-01', '2027-06-30')(leaders)).toEqual({ sessions: 0, visits: 0, output: 4, ongoing: false });
  });

  test('for part of the period, nothing where the plan has no numbered monthly targets for the measure', () => {
    // Only a 持续进行 target for 受益人次: no number to add up.
    expect(plannedToDate(plan, '2026-07-01', '2026-12-31')(supervision).visits).toBeNull();
    expect(plannedToDate(plan, '2026-07-01', '2027-06-29')(leaders)).toEqual({ sessions: null, visits: null, output: 1, ongoing: false });
    // The 持续进行 target is noted for the range it falls in.
    expect(plannedToDate(plan, '2026-12-01', '2026-12-31')(supervision).ongoing).toBe(true);
    expect(plannedToDate(plan, '2026-11-01', '2026-11-30')(supervision).ongoing).toBe(false);
  });
});

describe('the monthly summary', () => {
  const casework: Indicator = {
    id: 'casework',
    name: '老年人个案服务',
    serviceArea: '老年人',
    unit: '个',
    plannedSessions: 18,
    plannedVisits: 18,
    plannedOutput: 6,
  };
  const incubation: Indicator = {
    id: 'incubation',
    name: '孵化社区社会组织',
    serviceArea: '社区',
    unit: '个',
    plannedSessions: 0,
    plannedVisits: 0,
    plannedOutput: 1,
  };
  const plan = {
    indicators: [homeVisits, outing, casework, incubation],
    monthlyTargets: [
      { id: 't1', month: '2026-12', indicatorId: 'home-visit', measure: 'sessions' as const, target: 22, ongoing: false },
      { id: 't2', month: '2026-12', indicatorId: 'casework', measure: 'cases' as const, target: 1.5, ongoing: false },
      { id: 't3', month: '2026-12', indicatorId: 'incubation', measure: 'groups' as const, target: 0.5, text: '培育 0.5 个社区组织', ongoing: false },
      { id: 't4', month: '2026-12', indicatorId: 'home-visit', measure: 'visits' as const, target: null, text: '持续进行开展入户工作', ongoing: true },
      { id: 't5', month: '2027-01', indicatorId: 'casework', measure: 'cases' as const, target: 1.5, ongoing: false },
      { id: 't6', month: '2027-01', indicatorId: 'family-outing', measure: 'visits' as const, target: 20, ongoing: false },
    ],
  };

  test('a fractional target is 持续进行 below it and 已完成 at or above it; an ongoing one is always 持续进行', () => {
    expect(targetStatus(1, 1.5)).toBe('持续进行');
    expect(targetStatus(2, 1.5)).toBe('已完成');
    expect(targetStatus(22, 22)).toBe('已完成');
    expect(targetStatus(5, null)).toBe('持续进行');
    expect(targetText({ indicator: '老年人个案服务', measure: 'cases', target: 1.5 })).toBe('老年人个案服务 1.5 个');
    expect(targetText({ indicator: '亲子外出游活动', measure: 'visits', target: 20 })).toBe('亲子外出游活动 20 人次');
    expect(targetText({ indicator: '培育社区居民领袖', measure: 'people', target: 1 })).toBe('培育社区居民领袖 1 人');
    expect(targetText({ indicator: '需求调研', measure: 'reports', target: 3 })).toBe('需求调研 3 份');
    expect(targetText({ indicator: '入户工作', measure: 'visits', target: null, ongoing: true })).toBe('入户工作（持续进行）');
    expect(targetText({ indicator: '督导会议', measure: 'sessions', target: 4, text: '每周1次团队督导' })).toBe('每周1次团队督导');
  });

  test('each target of the month with what was achieved in its unit, other work held, and next month’s plan', () => {
    const summary = monthlySummary(
      plan,
      '2026-12',
      [
        source({ indicatorId: 'home-visit', kind: 'service', sourceId: 'homeVisit', sessions: 22, visits: 22 }),
        source({ indicatorId: 'incubation', kind: 'groupPractice', sourceId: 'choir', title: '合唱团练习', programme: '合唱团', sessions: 4, visits: 80 }),
        source({ indicatorId: null, sourceId: 'dumplings', title: '冬至包饺子', programme: '节日及社区活动（社区）', sessions: 1, visits: 35 }),
      ],
      [outputs({ indicatorId: 'incubation', kind: 'groupIncubated', groups: 0.5 })],
    );
    expect(summary.items.map((i) => [i.text, i.achieved, i.achievedText, i.status])).toEqual([
      ['老年人"一对一"上门服务 22 次', 22, '22 次', '已完成'],
      ['老年人个案服务 1.5 个', 0, '个案尚未计入', '持续进行'],
      ['培育 0.5 个社区组织', 0.5, '0.5 个', '已完成'],
      ['持续进行开展入户工作', 22, '22 次，22 人次', '持续进行'],
    ]);
    expect(summary.items[2]).toMatchObject({ id: 't3', indicatorId: 'incubation', measure: 'groups', unit: '个', target: 0.5, ongoing: false });
    // Other work by its own name: a month is short enough for that.
    expect(summary.otherWork).toEqual([{ indicator: EXTENSION, title: '冬至包饺子', sessions: 1, visits: 35 }]);
    expect(summary.nextMonth).toBe('2027-01');
    expect(summary.nextPlan.map((l) => l.text)).toEqual(['老年人个案服务 1.5 个', '亲子外出游活动 20 人次']);
  });

  test('an ongoing target with nothing done under it says so', () => {
    const summary = monthlySummary(plan, '2026-12', []);
    expect(summary.items[3]).toMatchObject({ achieved: 0, achievedText: '本月还没有记录', status: '持续进行' });
  });

  test('a month with no plan still lists the work held', () => {
    const summary = monthlySummary(null, '2026-05', [source({ title: '邻居节', programme: '邻居节' })]);
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
    const result = reach(tallies, {
      total: 9,
      byArea: new Map([
        ['老年人', 6],
        ['家庭', 4],
      ]),
      byTargetGroup: new Map([
        ['空巢老人', 3],
        ['未指定', 3],
        ['亲子家庭', 4],
      ]),
    });
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
