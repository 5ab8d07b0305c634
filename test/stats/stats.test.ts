import { addDays } from '../../cloudfunctions/groups/rules';
import { dayjs, localMonth } from '../../cloudfunctions/_shared/time';
import { EXTENSION, monthsBetween } from '../../cloudfunctions/stats/rules';
import type { TestCloud } from '../support/cloud';
import { dayIn } from '../support/station';
import { attended, clearOfMonthEnd, lastDayOf, LEAD, monthFrom, R, RESIDENT, SECRETARY, statsCloud, WORKER } from './fixtures';
import { workbookOf } from '../support/files';

let cloud: TestCloud;
const refusal = (code: string) => ({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });

/**
 * The calendar of the fixtures, built from the test clock in beforeAll: a 12-month project period
 * that began eight months before the current station month, and past months of it, each holding
 * one story's records, so that none of them is this month (the dashboard's) or last month (where
 * yesterday's group practice falls on the first of a month):
 *   first  the period's first month, with nothing in it
 *   outing a family outing          series  a group of five sessions   tutoring  extension work
 *   bulk   the scale test's records  dec, jan  two months in a row: a visit on each side of midnight
 */
const M = { first: '', outing: '', series: '', tutoring: '', bulk: '', dec: '', jan: '' };
let PLAN: ReturnType<typeof planFor>;

function planFor(now: Date) {
  M.first = monthFrom(now, -8);
  M.outing = monthFrom(now, -7);
  M.series = monthFrom(now, -6);
  M.tutoring = monthFrom(now, -5);
  M.bulk = monthFrom(now, -4);
  M.dec = monthFrom(now, -3);
  M.jan = monthFrom(now, -2);
  return {
    title: '测试三社联动项目',
    from: `${M.first}-01`,
    // The period holds today too: the dashboard and group practices below happen now.
    to: lastDayOf(monthFrom(now, 3)),
    indicators: [
      { id: 'home-visit', name: '老年人"一对一"上门服务', serviceArea: '老年人' as const, plannedSessions: 88, plannedVisits: 88 },
      { id: 'family-outing', name: '亲子外出游活动', serviceArea: '家庭' as const, plannedSessions: 2, plannedVisits: 30 },
      { id: 'disabled-group', name: '残疾人专业小组', serviceArea: '残障人士' as const, plannedSessions: 10, plannedVisits: 80 },
      { id: 'choir', name: '合唱团排练', serviceArea: '社区' as const, plannedSessions: 40, plannedVisits: 600 },
    ],
    monthlyTargets: [
      { month: M.dec, indicatorId: 'home-visit', measure: 'sessions' as const, target: 1.5 },
      { month: M.dec, indicatorId: 'family-outing', measure: 'visits' as const, target: 5 },
      { month: M.jan, indicatorId: 'home-visit', measure: 'sessions' as const, target: 2 },
    ],
  };
}

/** A day of a fixture month, 'YYYY-MM-DD' (dd ≤ 28: every month has it). */
const dayOf = (month: string, dd: number) => `${month}-${String(dd).padStart(2, '0')}`;
const at = (local: string) => new Date(local);
/** The month `k` months after 'YYYY-MM'. */
const monthsAfter = (month: string, k: number) => dayjs(`${month}-01`).add(k, 'month').format('YYYY-MM');
/** The days the group practices of the counting rules were ticked for, which the dashboard counts. */
let practiceDays: string[] = [];

beforeAll(async () => {
  cloud = await statsCloud();
  PLAN = planFor(cloud.clock.now());
  await cloud.ok('stats', 'setPlan', PLAN, LEAD);
});
afterAll(() => cloud.close());

const report = (from: string, to: string) => cloud.ok('stats', 'report', { from, to }, SECRETARY);
const row = (rows: { indicatorId: string | null; title: string }[], key: string) =>
  rows.find((r) => r.indicatorId === key || (r.indicatorId === null && r.title === key));

describe('the plan', () => {
  test('only the project lead sets it; staff and the secretary read it; residents see no reports', async () => {
    for (const who of [SECRETARY, WORKER, RESIDENT]) expect(await cloud.call('stats', 'setPlan', PLAN, who)).toMatchObject(refusal('FORBIDDEN'));
    expect(await cloud.call('stats', 'report', { from: PLAN.from, to: lastDayOf(M.first) }, RESIDENT)).toMatchObject(refusal('FORBIDDEN'));
    const plan = await cloud.ok('stats', 'getPlan', {}, SECRETARY);
    expect(plan).toMatchObject({ from: PLAN.from, to: PLAN.to, title: '测试三社联动项目' });
    expect(plan?.indicators.map((i) => i.id)).toEqual(['home-visit', 'family-outing', 'disabled-group', 'choir']);
    expect(plan?.monthlyTargets[0]).toEqual({
      id: expect.stringMatching(/^t_/),
      month: M.dec,
      indicatorId: 'home-visit',
      measure: 'sessions',
      target: 1.5,
      ongoing: false,
    });
    expect(plan?.indicators[0]).toMatchObject({ unit: '次', plannedOutput: 0 });
  });

  test('a plan that does not add up is refused and nothing is written', async () => {
    const before = cloud.emulator.dump();
    expect(await cloud.call('stats', 'setPlan', { ...PLAN, from: addDays(PLAN.to, 1) }, LEAD)).toMatchObject(refusal('PERIOD_INVALID'));
    expect(
      await cloud.call(
        'stats',
        'setPlan',
        { ...PLAN, monthlyTargets: [{ month: monthsAfter(PLAN.to.slice(0, 7), 4), indicatorId: 'choir', measure: 'sessions', target: 4 }] },
        LEAD,
      ),
    ).toMatchObject(refusal('TARGET_OUTSIDE_PERIOD'));
    expect(await cloud.call('stats', 'setPlan', { ...PLAN, from: '2026-02-30' }, LEAD)).toMatchObject(refusal('INVALID_INPUT'));
    expect(cloud.emulator.dump()).toEqual(before);
  });

  test('saving again replaces the plan; an indicator without an id gets one', async () => {
    const saved = await cloud.ok(
      'stats',
      'setPlan',
      { ...PLAN, indicators: [...PLAN.indicators, { name: '社区大讲堂', serviceArea: '社区', plannedSessions: 3, plannedVisits: 120 }] },
      LEAD,
    );
    expect(saved.indicators[4].id).toMatch(/^ind_[0-9a-f]{12}$/);
    expect((await cloud.ok('stats', 'getPlan', {}, WORKER))?.indicators).toHaveLength(5);
    await cloud.ok('stats', 'setPlan', PLAN, LEAD);
    expect(((cloud.emulator.dump().plans ?? []) as unknown[]).length).toBe(1);
  });
});

describe('counting rules', () => {
  test('受益人次 counts the family members a resident brought; 活动次数 counts the session once', async () => {
    await attended(
      {
        id: 'outing-1',
        title: '亲子外出游·兴隆山',
        indicatorId: 'family-outing',
        serviceArea: '家庭',
        targetGroup: '亲子家庭',
        startAt: at(`${dayOf(M.outing, 12)}T09:00:00+08:00`),
      },
      [
        [R(1), 3],
        [R(2), 2],
        [R(3), 1],
      ],
    );
    const { rows, totals } = await report(`${M.outing}-01`, lastDayOf(M.outing));
    // The plan to date for one month: 受益人次 has monthly targets (December's), none this month; 活动次数
    // has none, and the month is not the whole period, so the plan says nothing for it.
    expect(row(rows, 'family-outing')).toMatchObject({ indicator: '亲子外出游活动', plannedSessions: null, plannedVisits: 0, sessions: 1, visits: 6 });
    expect(totals).toMatchObject({ sessions: 1, visits: 6, people: 3 });
    // The whole period: the plan's own figures.
    expect(row((await report(PLAN.from, PLAN.to)).rows, 'family-outing')).toMatchObject({ plannedSessions: 2, plannedVisits: 30 });
  });

  test('each session of a series is a session held; a date range that cuts the series counts only its own sessions', async () => {
    // A session every six days, all in one month (even a February): the 2nd, 8th, 14th, 20th and 26th.
    const days = [2, 8, 14, 20, 26].map((dd) => dayOf(M.series, dd));
    for (const [i, day] of days.entries()) {
      await attended(
        {
          id: `series-1-${i + 1}`,
          sourceId: 'series-1',
          title: '残疾人发展小组',
          indicatorId: 'disabled-group',
          serviceArea: '残障人士',
          startAt: at(`${day}T15:00:00+08:00`),
        },
        [R(4), R(5), R(6), R(7)].map((p) => [p, 1]),
      );
    }
    expect(row((await report(`${M.series}-01`, lastDayOf(M.series))).rows, 'disabled-group')).toMatchObject({ sessions: 5, visits: 20 });
    const cut = await report(`${M.series}-01`, dayOf(M.series, 12));
    expect(row(cut.rows, 'disabled-group')).toMatchObject({ sessions: 2, visits: 8 });
    expect(cut.totals).toMatchObject({ sessions: 2, visits: 8, people: 4 });
  });

  test('a session at 00:00 +08:00 on the first of a month belongs to that month, though it is still the day before in UTC', async () => {
    await attended(
      {
        id: 'visit-late',
        kind: 'service',
        sourceId: 'homeVisit',
        indicatorId: 'home-visit',
        serviceArea: '老年人',
        startAt: at(`${lastDayOf(M.dec)}T23:30:00+08:00`),
      },
      [[R(8), 1]],
    );
    await attended(
      {
        id: 'visit-midnight',
        kind: 'service',
        sourceId: 'homeVisit',
        indicatorId: 'home-visit',
        serviceArea: '老年人',
        startAt: at(`${M.jan}-01T00:00:00+08:00`),
      },
      [[R(9), 1]],
    );
    expect(row((await report(`${M.dec}-01`, lastDayOf(M.dec))).rows, 'home-visit')).toMatchObject({ sessions: 1, visits: 1 });
    expect(row((await report(`${M.jan}-01`, `${M.jan}-01`)).rows, 'home-visit')).toMatchObject({ sessions: 1, visits: 1 });
    const january = await cloud.ok('stats', 'monthlySummary', { month: M.jan }, SECRETARY);
    expect(january.items).toEqual([expect.objectContaining({ indicatorId: 'home-visit', target: 2, achieved: 1, status: '持续进行' })]);
  });

  test('work no indicator covers shows as 项目目标未涉及的拓展服务, and counts toward no indicator', async () => {
    await attended(
      {
        id: 'tutoring-1',
        kind: 'service',
        sourceId: 'tutoring',
        title: '周末课业辅导',
        serviceArea: '青少年',
        startAt: at(`${dayOf(M.tutoring, 5)}T10:00:00+08:00`),
      },
      [[R(10), 1]],
    );
    await attended(
      {
        id: 'tutoring-2',
        kind: 'service',
        sourceId: 'tutoring',
        title: '周末课业辅导',
        serviceArea: '青少年',
        startAt: at(`${dayOf(M.tutoring, 6)}T10:00:00+08:00`),
      },
      [
        [R(10), 1],
        [R(11), 1],
      ],
    );
    const { rows } = await report(`${M.tutoring}-01`, lastDayOf(M.tutoring));
    expect(rows.filter((r) => !r.extension).every((r) => r.sessions === 0)).toBe(true);
    expect(rows.filter((r) => r.extension)).toEqual([
      {
        indicatorId: null,
        indicator: EXTENSION,
        title: '周末课业辅导',
        serviceArea: '青少年',
        extension: true,
        unit: '次',
        plannedSessions: null,
        plannedVisits: null,
        plannedOutput: null,
        ongoing: false,
        sessions: 2,
        visits: 3,
        output: null,
        documents: ['服务记录'],
      },
    ]);
  });

  test('a group practice ticked through the groups function is a session; its members count once each', async () => {
    const choir = (
      await cloud.ok(
        'groups',
        'create',
        {
          name: '测试合唱团',
          description: '每周排练',
          serviceArea: '社区',
          place: '便民大厅二楼',
          schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '19:00', durationMinutes: 90 },
          indicatorId: 'choir',
        },
        WORKER,
      )
    ).id;
    for (const p of [R(12), R(13)]) {
      await cloud.ok('users', 'updateProfile', { name: '合唱队员', phone: '13900000012' }, p);
      await cloud.ok('groups', 'addMember', { groupId: choir, personId: p }, WORKER);
    }
    // Today and yesterday on the test clock, as the worker ticks them; the dashboard counts these days.
    const today = dayIn(0);
    const yesterday = addDays(today, -1);
    practiceDays = [yesterday, today];
    for (const day of practiceDays) for (const p of [R(12), R(13)]) await cloud.ok('groups', 'tick', { groupId: choir, day, personId: p }, WORKER);
    const { rows, totals } = await report(yesterday, today);
    expect(row(rows, 'choir')).toMatchObject({ sessions: 2, visits: 4 });
    expect(totals.people).toBe(2);
  });

  test('the monthly summary sets each target against the month, lists other work and next month’s plan', async () => {
    await attended(
      { id: 'outing-dec', title: '冬季亲子游', indicatorId: 'family-outing', serviceArea: '家庭', startAt: at(`${dayOf(M.dec, 6)}T09:00:00+08:00`) },
      [
        [R(1), 3],
        [R(2), 3],
      ],
    );
    await attended({ id: 'dumplings', title: '冬至包饺子', serviceArea: '社区', startAt: at(`${dayOf(M.dec, 21)}T10:00:00+08:00`) }, [[R(3), 1]]);
    const december = await cloud.ok('stats', 'monthlySummary', { month: M.dec }, SECRETARY);
    expect(december.items).toEqual([
      expect.objectContaining({
        indicatorId: 'home-visit',
        indicator: '老年人"一对一"上门服务',
        measure: 'sessions',
        target: 1.5,
        achieved: 1,
        achievedText: '1 次',
        status: '持续进行',
      }),
      expect.objectContaining({
        indicatorId: 'family-outing',
        indicator: '亲子外出游活动',
        measure: 'visits',
        target: 5,
        achieved: 6,
        achievedText: '6 人次',
        status: '已完成',
      }),
    ]);
    expect(december.otherWork).toEqual([{ indicator: EXTENSION, title: '冬至包饺子', sessions: 1, visits: 1 }]);
    expect(december).toMatchObject({ nextMonth: M.jan, nextPlan: [{ indicatorId: 'home-visit', measure: 'sessions', target: 2 }] });
  });

  test('a range whose end comes before its start, or a day that does not exist, is refused', async () => {
    expect(await cloud.call('stats', 'report', { from: lastDayOf(M.series), to: `${M.series}-01` }, SECRETARY)).toMatchObject(refusal('RANGE_INVALID'));
    expect(await cloud.call('stats', 'report', { from: '2026-02-30', to: '2026-03-01' }, SECRETARY)).toMatchObject(refusal('INVALID_INPUT'));
  });
});

describe('the dashboard', () => {
  test('this month, the project period by service area, the trend and group rosters, as counts only', async () => {
    // The lecture is this month's as the board reads it (in a month's last minute, that minute passes first).
    clearOfMonthEnd(cloud);
    const now = cloud.clock.now();
    await attended({ id: 'lecture-now', title: '社区大讲堂', serviceArea: '社区', targetGroup: '社区居民', startAt: now }, [
      [R(14), 1],
      [R(12), 2],
    ]);
    const board = await cloud.ok('stats', 'dashboard', {}, SECRETARY);
    expect(board.month).toBe(localMonth(now));
    // This month: the lecture plus the choir practices ticked this month (yesterday's too, unless it was
    // last month; none if the month turned since). People: the lecture's two, and the choir's other one.
    const practicesThisMonth = practiceDays.filter((day) => day.slice(0, 7) === board.month).length;
    const people = practicesThisMonth > 0 ? 3 : 2;
    expect(board.thisMonth).toMatchObject({ sessions: 1 + practicesThisMonth, visits: 3 + 2 * practicesThisMonth, people });
    expect(board.thisMonth.byArea).toEqual([expect.objectContaining({ serviceArea: '社区', sessions: 1 + practicesThisMonth, people })]);

    // The project period: everything above (outing, series, tutoring, dec, jan and now) in its service areas;
    // 社区 is the two choir practices, the lecture and 冬至包饺子.
    expect(board.period).toMatchObject({ from: PLAN.from, to: PLAN.to, plannedSessions: 140, plannedVisits: 798 });
    const areas = Object.fromEntries(board.period!.byArea.map((a) => [a.serviceArea, [a.sessions, a.visits, a.people]]));
    expect(areas).toEqual({ 老年人: [2, 2, 2], 残障人士: [5, 20, 4], 家庭: [2, 12, 3], 青少年: [2, 3, 2], 社区: [4, 8, 4] });
    expect(board.period).toMatchObject({ sessions: 15, visits: 45, people: 14 });
    expect(board.trend.map((t) => t.month)).toEqual(monthsBetween(PLAN.from, PLAN.to));
    expect(board.trend.find((t) => t.month === M.series)).toEqual({ month: M.series, sessions: 5, visits: 20 });
    expect(board.trend.find((t) => t.month === M.first)).toEqual({ month: M.first, sessions: 0, visits: 0 });

    expect(board.groups).toEqual([expect.objectContaining({ name: '测试合唱团', members: 2 })]);
    expect(board.openRequests).toEqual([]);
    // The secretary reads counts: no resident's id or name travels to the dashboard.
    expect(JSON.stringify(board)).not.toMatch(/o_r\d|合唱队员/);
  });

  test('a worker reads it too; a resident may not', async () => {
    const month = localMonth(cloud.clock.now());
    expect((await cloud.ok('stats', 'dashboard', {}, WORKER)).month).toBe(month);
    expect(await cloud.call('stats', 'dashboard', {}, RESIDENT)).toMatchObject(refusal('FORBIDDEN'));
  });
});

describe('scale', () => {
  test('the DB requests of a report and of the dashboard do not grow with the data', async () => {
    const measure = async () => {
      cloud.emulator.resetCounts();
      await report(PLAN.from, PLAN.to);
      const reportRequests = cloud.emulator.totalRequests();
      cloud.emulator.resetCounts();
      await cloud.ok('stats', 'dashboard', {}, SECRETARY);
      return [reportRequests, cloud.emulator.totalRequests()];
    };
    const before = await measure();
    for (let i = 0; i < 20; i++) {
      await attended(
        {
          id: `bulk-${i}`,
          sourceId: `bulk-${i % 3}`,
          title: '便民大厅日间服务',
          indicatorId: i % 2 ? 'choir' : null,
          startAt: at(`${dayOf(M.bulk, i + 1)}T09:00:00+08:00`),
        },
        Array.from({ length: 50 }, (_, n) => [`o_bulk_${n}`, 1 + (n % 2)] as [string, number]),
      );
    }
    const after = await measure();
    expect(after).toEqual(before);
    expect(before[0]).toBeLessThanOrEqual(8);
    const october = await report(`${M.bulk}-01`, lastDayOf(M.bulk));
    expect(october.totals).toMatchObject({ sessions: 20, visits: 1500, people: 50 });
  });
});

describe('export', () => {
  test('planned vs achieved as .xlsx, laid out like the report', async () => {
    const [from, to] = [`${M.series}-01`, lastDayOf(M.tutoring)];
    const file = await cloud.ok('stats', 'exportReport', { from, to }, SECRETARY);
    expect(file.fileName).toBe(`计划与完成对照_${from}_${to}.xlsx`);
    const book = await workbookOf(file);
    const sheet = book.getWorksheet('计划与完成对照')!;
    const lines = sheet
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(lines[1]).toEqual(['计划活动名称', '计划活动次数', '计划受益人次', '实际活动名称', '实际活动次数', '实际受益人次', '已留存的资料内容']);
    // Not the whole period, and no monthly targets for the group: the plan gives no figure to date.
    expect(lines).toContainEqual(['残疾人专业小组', undefined, undefined, '残疾人专业小组', 5, 20, '活动通知、报名表、签到表']);
    expect(lines).toContainEqual([EXTENSION, undefined, undefined, '周末课业辅导', 2, 3, '服务记录']);
    // 合计: the home visits' and the outing's monthly targets fall in none of these months (0); the rest say nothing.
    expect(lines.at(-1)).toEqual(['合计', 0, 0, undefined, 7, 23]);
  });

  test('the monthly summary as .xlsx: 工作总结 and next month’s 工作计划', async () => {
    const file = await cloud.ok('stats', 'exportMonthlySummary', { month: M.dec }, SECRETARY);
    const book = await workbookOf(file);
    const [summarySheet, planSheet] = [`${Number(M.dec.slice(5))}月工作总结`, `${Number(M.jan.slice(5))}月工作计划`];
    expect(book.worksheets.map((s) => s.name)).toEqual([summarySheet, planSheet]);
    const summary = book
      .getWorksheet(summarySheet)!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(summary).toContainEqual([1, '老年人"一对一"上门服务 1.5 次', '持续进行', '1 次']);
    expect(summary).toContainEqual([2, '亲子外出游活动 5 人次', '已完成', '6 人次']);
    const plan = book
      .getWorksheet(planSheet)!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(plan).toContainEqual([1, '老年人"一对一"上门服务 2 次']);
  });
});
