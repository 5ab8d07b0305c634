import { Workbook } from 'exceljs';
import { dayjs, localDay, localMonth } from '../../cloudfunctions/_shared/time';
import { attended, clearOfMonthEnd, justEnded, LEAD, moveActivity, R, RESIDENT, SECRETARY, statsCloud, WORKER } from '../stats/fixtures';
import type { TestCloud } from '../support/cloud';
import { openPage, type PageHarness } from '../support/simulate';

/* The statistics pages — 数据看板, 报表, 计划指标 — on the real stats function and the emulator. */

const DAY = 24 * 3600 * 1000;
/** The month of the fixtures, set in beforeAll from the test clock: this month's records, and a plan around it. */
let thisMonth: string;
let lastMonth: string;
let PLAN: ReturnType<typeof planFor>;

const planFor = (now: Date) => ({
  title: '测试项目',
  from: `${localMonth(new Date(now.getTime() - 60 * DAY))}-01`,
  to: localDay(new Date(now.getTime() + 300 * DAY)),
  indicators: [
    { id: 'home-visit', name: '老年人上门服务', serviceArea: '老年人' as const, plannedSessions: 88, plannedVisits: 88 },
    { id: 'family-outing', name: '亲子外出游活动', serviceArea: '家庭' as const, plannedSessions: 2, plannedVisits: 30 },
  ],
  monthlyTargets: [
    { month: localMonth(now), indicatorId: 'home-visit', measure: 'sessions' as const, target: 1.5 },
    { month: localMonth(now), indicatorId: 'family-outing', measure: 'visits' as const, target: 3 },
  ],
});

let cloud: TestCloud;
/** What each matching element reads, whitespace removed. */
const texts = (page: PageHarness, selector: string) => page.all(selector).map((n) => (n.dom?.textContent ?? '').replace(/\s+/g, ''));

/** Turns a native <picker> to the option at `index`, as a finger does. */
async function pick(page: PageHarness, selector: string, index: number) {
  page.all(selector)[0].dispatchEvent('change', { detail: { value: index } });
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The workbook the page downloaded by its link and handed to WeChat's file viewer. */
async function openedWorkbook(p: PageHarness): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load(p.documents[0].bytes as unknown as ArrayBuffer);
  return book;
}

beforeAll(async () => {
  cloud = await statsCloud();
  // Every page below reads "this month": the records made now must stay this month's for the whole
  // file (some 250 reads of the test clock, 250 ms), so in a month's last second that second passes first.
  clearOfMonthEnd(cloud);
  const now = cloud.clock.now();
  thisMonth = localMonth(now);
  lastMonth = dayjs(`${thisMonth}-01`).subtract(1, 'month').format('YYYY-MM');
  PLAN = planFor(now);
  await cloud.ok('stats', 'setPlan', PLAN, LEAD);
  await attended({ id: 'visit-1', kind: 'service', sourceId: 'homeVisit', indicatorId: 'home-visit', serviceArea: '老年人', startAt: now }, [[R(1), 1]]);
  await attended({ id: 'outing-1', title: '亲子游', indicatorId: 'family-outing', serviceArea: '家庭', startAt: now }, [
    [R(2), 3],
    [R(3), 2],
  ]);
  await attended({ id: 'dumplings', title: '包饺子', serviceArea: '社区', startAt: now }, [[R(1), 1]]);
});
afterAll(() => cloud.close());

describe('数据看板', () => {
  let page: PageHarness;
  afterEach(() => page?.close());

  test('the secretary reads this month, the project period against the plan, the trend, seats and waitlists', async () => {
    const { id: outing } = await cloud.ok(
      'activities',
      'create',
      {
        title: '秋游报名中',
        serviceArea: '家庭',
        capacity: 1,
        startAt: new Date(cloud.clock.nowMs() + 5 * DAY).toISOString(),
        endAt: new Date(cloud.clock.nowMs() + 5 * DAY + 7200_000).toISOString(),
      },
      WORKER,
    );
    await cloud.ok('activities', 'publish', { activityId: outing }, WORKER);
    await cloud.ok('activities', 'signUp', { activityId: outing, contact: { name: '居民八' } }, R(8));
    await cloud.ok('activities', 'signUp', { activityId: outing, contact: { name: '居民九' } }, R(9));

    page = await openPage(cloud, 'staff/pages/dashboard/index', { openid: SECRETARY });
    await page.waitFor(() => page.data.state === 'ready', 'dashboard loaded');
    expect(texts(page, '#this-month .figure')).toEqual(['3活动次数', '7受益人次', '3服务居民']);
    // Per service area: 活动次数, 受益人次, 服务居民.
    expect(page.text('#this-month')).toContain('服务领域活动次数受益人次服务居民老年人111家庭152社区111');
    expect(page.text('#period')).toContain('计划 90');
    expect(page.text('#period')).toContain('计划 118');
    expect(page.all('.bar').length).toBe(page.data.board.trend.length);
    const current = page.data.bars.find((b: { month: string }) => b.month === thisMonth);
    expect(current).toMatchObject({ visits: 7, sessions: 3, width: 100 });
    expect(page.text('#upcoming')).toContain('秋游报名中');
    expect(page.text('#upcoming')).toContain('已报 1 / 名额 1（已满）');
    expect(page.text('#upcoming')).toContain('候补 1 人');
    expect(page.text('#held')).toContain('本月还没有办完的活动');
    expect(page.text('#requests')).toContain('没有待处理的申请');
    // Counts only: no resident is named.
    expect(page.text()).not.toMatch(/居民八|居民九/);

    await page.tap('#open-report');
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/staff/pages/report/index' }]);
  });

  test('本月已办的活动: once an activity has ended, its sign-ups and who came stay on the board', async () => {
    const start = new Date(cloud.clock.nowMs() + 2 * DAY);
    const { id } = await cloud.ok(
      'activities',
      'create',
      {
        title: '健康讲座',
        serviceArea: '老年人',
        capacity: 10,
        maxParty: 1,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 60_000).toISOString(),
      },
      WORKER,
    );
    await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
    await cloud.ok(
      'activities',
      'signUp',
      { activityId: id, contact: { name: '居民十', phone: '13900000110' }, party: [{ name: '老伴', relation: '配偶' }] },
      R(10),
    );
    await cloud.ok('activities', 'signUp', { activityId: id, contact: { name: '居民十一', phone: '13900000111' } }, R(11));
    // It ended just now, this month: a minute ago (in a month's first two minutes, halfway since it began).
    await moveActivity(cloud, id, new Date(justEnded(cloud.clock.now()).getTime() - 60_000));
    await cloud.ok('activities', 'checkIn', { activityId: id, personId: R(10) }, WORKER);
    try {
      page = await openPage(cloud, 'staff/pages/dashboard/index', { openid: SECRETARY });
      await page.waitFor(() => page.data.state === 'ready', 'dashboard loaded');
      expect(texts(page, '#held .held')).toEqual([expect.stringMatching(/^健康讲座.+已报3人·到场2人$/)]);
      expect(page.text('#upcoming')).not.toContain('健康讲座');
      expect(page.text()).not.toMatch(/居民十|老伴/);
    } finally {
      // The other tests count this month's attendance without it.
      await cloud.ok('activities', 'undoCheckIn', { activityId: id, personId: R(10) }, WORKER);
    }
  });

  test('a resident who opens it is told they may not, with a way to call the station', async () => {
    page = await openPage(cloud, 'staff/pages/dashboard/index', { openid: RESIDENT });
    await page.waitFor(() => page.data.state === 'error', 'refused');
    expect(page.text()).toContain('您没有权限');
    expect(page.exists('#state-call')).toBe(true);
  });

  test('offline: an error with 再试一次, which loads once the network is back', async () => {
    page = await openPage(cloud, 'staff/pages/dashboard/index', { openid: SECRETARY, network: 'offline' });
    await page.waitFor(() => page.data.state === 'error', 'offline error');
    expect(page.text()).toContain('网络不太好');
    page.network = 'ok';
    await page.tap('#state-retry');
    await page.waitFor(() => page.data.state === 'ready', 'loaded after retry');
  });
});

describe('报表', () => {
  let page: PageHarness;
  afterEach(() => page?.close());

  test('opens on the whole project period: each indicator done against planned, the extension work, totals; exports .xlsx', async () => {
    page = await openPage(cloud, 'staff/pages/report/index', { openid: SECRETARY });
    await page.waitFor(() => page.data.state === 'ready', 'report loaded');
    // The secretary is not staff: no tag counts are asked for.
    expect(page.calls.map((c) => c.data)).toEqual([{ action: 'getPlan' }, { action: 'me' }, { action: 'report', from: PLAN.from, to: PLAN.to }]);
    expect(texts(page, '.planned-row')).toEqual([
      '老年人上门服务活动次数：完成1/计划88受益人次：完成1/计划88已留存：服务记录',
      '亲子外出游活动活动次数：完成1/计划2受益人次：完成5/计划30已留存：活动通知、报名表、签到表',
    ]);
    expect(texts(page, '.extension-row')).toEqual(['节日及社区活动（社区）活动次数1·受益人次1已留存：活动通知、报名表、签到表']);
    expect(page.exists('#served')).toBe(false);
    expect(texts(page, '#totals')[0]).toContain('活动次数3·受益人次7·服务居民3人');

    await page.tap('#export');
    await page.waitFor(() => page.documents.length === 1, 'file opened');
    expect(page.documents[0].filePath).toBe(`wxfile://usr/计划与完成对照_${PLAN.from}_${PLAN.to}.xlsx`);
    const rows = (await openedWorkbook(page)).worksheets[0].getSheetValues().map((r) => (r as unknown[] | undefined)?.slice(1));
    expect(rows).toContainEqual(['亲子外出游活动', 2, 30, '亲子外出游活动', 1, 5, '活动通知、报名表、签到表']);
  });

  test('本月 and 上个月 narrow the range; last month had nothing; the plan to date for a month is its monthly targets', async () => {
    page = await openPage(cloud, 'staff/pages/report/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready', 'report loaded');
    await page.tap('#range-last-month');
    await page.waitFor(() => page.data.state === 'ready' && page.data.from === `${lastMonth}-01`, 'last month');
    expect(page.data.totals).toMatchObject({ sessions: 0, visits: 0, people: 0 });
    expect(page.text('#extension')).toContain('这段时间没有计划外的服务');
    await page.tap('#range-month');
    await page.waitFor(() => page.data.from === `${thisMonth}-01` && page.data.state === 'ready', 'this month');
    expect(page.data.totals).toMatchObject({ sessions: 3, visits: 7 });
    // This month's targets are the plan to date; where it sets none, “—”.
    expect(texts(page, '.planned-row')).toEqual([
      '老年人上门服务活动次数：完成1/计划1.5受益人次：完成1/计划—已留存：服务记录',
      '亲子外出游活动活动次数：完成1/计划—受益人次：完成5/计划3已留存：活动通知、报名表、签到表',
    ]);
  });

  test('月度总结: each target of the month with its status, the other work, and next month', async () => {
    page = await openPage(cloud, 'staff/pages/report/index', { openid: SECRETARY });
    await page.waitFor(() => page.data.state === 'ready', 'report loaded');
    await page.tap('#tab-monthly');
    await page.waitFor(() => page.data.state === 'ready' && page.data.summary !== null, 'summary loaded');
    expect(texts(page, '.summary-item')).toEqual(['1.老年人上门服务1.5次完成1次持续进行', '2.亲子外出游活动3人次完成5人次已完成']);
    expect(texts(page, '.other-work')).toEqual(['包饺子1次·1人次']);
    expect(page.text('#next-plan')).toContain('下个月还没有设目标');

    await page.tap('#export');
    await page.waitFor(() => page.documents.length === 1, 'file opened');
    expect((await openedWorkbook(page)).worksheets.map((s) => s.name)).toEqual([
      `${Number(thisMonth.slice(5))}月工作总结`,
      expect.stringMatching(/^\d+月工作计划$/),
    ]);

    await page.tap('#month-prev');
    await page.waitFor(() => page.data.state === 'ready' && page.data.summary.month === lastMonth, 'last month');
    expect(page.text('#summary')).toContain('这个月没有设每月目标');
  });

  test('a worker also reads who was served by staff-only tag: counts, never names', async () => {
    await cloud.ok('users', 'updateProfile', { name: '居民一', phone: '13900000101' }, R(1));
    await cloud.ok('users', 'setTags', { personId: R(1), tags: ['老年人', '空巢'] }, WORKER);
    page = await openPage(cloud, 'staff/pages/report/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready', 'report loaded');
    expect(page.calls.map((c) => c.data.action)).toEqual(['getPlan', 'me', 'report', 'served']);
    // Resident 1: the home visit and 包饺子.
    expect(texts(page, '.served-tag')).toEqual(['空巢1人·2人次', '老年人1人·2人次']);
    expect(page.text('#served')).not.toContain('居民一');
  });

  test('an export that fails says so and can be tried again', async () => {
    page = await openPage(cloud, 'staff/pages/report/index', { openid: SECRETARY });
    await page.waitFor(() => page.data.state === 'ready', 'report loaded');
    page.network = 'offline';
    await page.tap('#export');
    await page.waitFor(() => page.toasts.length === 1, 'toast');
    expect(page.toasts[0].title).toContain('网络不太好');
    expect(page.data.exporting).toBe(false);
    expect(page.documents).toEqual([]);
  });
});

describe('计划指标', () => {
  let page: PageHarness;
  afterEach(() => page?.close());

  test('an unfinished indicator is not saved: the lead is told what to fill in', async () => {
    page = await openPage(cloud, 'staff/pages/plan/index', { openid: LEAD });
    await page.waitFor(() => page.data.state === 'ready', 'plan loaded');
    await page.tap('#add-indicator');
    await page.tap('#save');
    expect(page.modals).toEqual([{ title: '还不能保存', content: '第 3 个指标还没有名称' }]);
    await page.input('#indicator-name-2', '社区大讲堂');
    await page.tap('#save');
    expect(page.modals[1].content).toBe('“社区大讲堂”的计划活动次数请填数字');
    expect(page.calls.map((c) => c.data.action)).toEqual(['getPlan', 'me', 'kinds']);
  });

  test('the lead adds an indicator and a fractional monthly target, and saves the plan', async () => {
    page = await openPage(cloud, 'staff/pages/plan/index', { openid: LEAD });
    await page.waitFor(() => page.data.state === 'ready', 'plan loaded');
    expect(page.data.month).toBe(thisMonth);
    expect(texts(page, '.indicator').length).toBe(2);
    expect(page.data.monthTargets.map((t: { indicatorName: string; target: string }) => [t.indicatorName, t.target])).toEqual([
      ['老年人上门服务', '1.5'],
      ['亲子外出游活动', '3'],
    ]);

    await page.tap('#add-indicator');
    await page.input('#indicator-name-2', '社区大讲堂');
    await page.input('#indicator-sessions-2', '3');
    await page.input('#indicator-visits-2', '120');
    await page.tap('#add-target');
    await pick(page, '#target-indicator-2', 2);
    await pick(page, '#target-measure-2', 1);
    await page.input('#target-value-2', '0.5');
    await page.tap('#save');
    await page.waitFor(() => page.toasts.some((t) => t.title === '已保存'), 'saved');

    const plan = await cloud.ok('stats', 'getPlan', {}, SECRETARY);
    expect(plan?.indicators[2]).toMatchObject({
      name: '社区大讲堂',
      serviceArea: '社区',
      plannedSessions: 3,
      plannedVisits: 120,
      id: expect.stringMatching(/^ind_/),
    });
    expect(plan?.monthlyTargets).toContainEqual({
      id: expect.stringMatching(/^t_/),
      month: thisMonth,
      indicatorId: plan?.indicators[2].id,
      measure: 'visits',
      target: 0.5,
      ongoing: false,
    });
    expect(plan?.monthlyTargets).toHaveLength(3);
  });

  test('removing an indicator asks first, and takes its monthly targets with it', async () => {
    page = await openPage(cloud, 'staff/pages/plan/index', { openid: LEAD });
    await page.waitFor(() => page.data.state === 'ready', 'plan loaded');
    page.modalAnswer = false;
    await page.tap('#indicator-remove-1');
    expect(page.data.form.indicators).toHaveLength(3);
    await page.tap('#indicator-remove-1');
    await page.waitFor(() => page.data.form.indicators.length === 2, 'removed');
    expect(page.modals[0].content).toContain('亲子外出游活动');
    expect(page.data.monthTargets.map((t: { indicatorName: string }) => t.indicatorName)).toEqual(['老年人上门服务', '社区大讲堂']);
  });

  test('someone who is not the project lead cannot save it', async () => {
    page = await openPage(cloud, 'staff/pages/plan/index', { openid: SECRETARY });
    await page.waitFor(() => page.data.state === 'ready', 'plan loaded');
    await page.tap('#save');
    await page.waitFor(() => page.modals.length === 1, 'refusal shown');
    expect(page.modals[0]).toEqual({ title: '没有保存成功', content: '您没有权限进行这个操作' });
  });

  test('an indicator counted in 人, and targets worded as the plan words them or kept going with no number', async () => {
    page = await openPage(cloud, 'staff/pages/plan/index', { openid: LEAD });
    await page.waitFor(() => page.data.state === 'ready', 'plan loaded');
    const n = page.data.form.indicators.length;
    await page.tap('#add-indicator');
    await page.input(`#indicator-name-${n}`, '培育社区居民领袖');
    await pick(page, `#indicator-unit-${n}`, 2);
    expect(page.exists(`#indicator-output-${n}`)).toBe(true);
    await page.tap('#save');
    expect(page.modals.at(-1)?.content).toBe('“培育社区居民领袖”的计划数量（人）请填数字');
    await page.input(`#indicator-output-${n}`, '4');

    const t = page.data.monthTargets.length;
    await page.tap('#add-target');
    await pick(page, `#target-indicator-${t}`, n);
    await pick(page, `#target-measure-${t}`, 2);
    await page.input(`#target-value-${t}`, '1');
    await page.input(`#target-text-${t}`, '发展1位社区骨干');
    await page.tap('#add-target');
    await pick(page, `#target-indicator-${t + 1}`, 0);
    await pick(page, `#target-measure-${t + 1}`, 1);
    await page.tap(`#target-ongoing-${t + 1}`);
    expect(page.exists(`#target-value-${t + 1}`)).toBe(false);
    await page.input(`#target-text-${t + 1}`, '持续进行开展入户工作');
    await page.tap('#save');
    await page.waitFor(() => page.toasts.some((x) => x.title === '已保存'), 'saved');

    const plan = await cloud.ok('stats', 'getPlan', {}, SECRETARY);
    const leaders = plan!.indicators.find((i) => i.name === '培育社区居民领袖')!;
    expect(leaders).toMatchObject({ unit: '人', plannedOutput: 4, plannedSessions: 0, plannedVisits: 0 });
    expect(plan?.monthlyTargets).toContainEqual(
      expect.objectContaining({ month: thisMonth, indicatorId: leaders.id, measure: 'people', target: 1, text: '发展1位社区骨干', ongoing: false }),
    );
    expect(plan?.monthlyTargets).toContainEqual(
      expect.objectContaining({ month: thisMonth, indicatorId: 'home-visit', measure: 'visits', target: null, text: '持续进行开展入户工作', ongoing: true }),
    );

    const summary = await cloud.ok('stats', 'monthlySummary', { month: thisMonth }, SECRETARY);
    expect(summary.items.map((i) => [i.text, i.status])).toContainEqual(['持续进行开展入户工作', '持续进行']);
  });
});
