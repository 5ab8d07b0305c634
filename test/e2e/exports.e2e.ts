import { Workbook, type Worksheet } from 'exceljs';
import { openPreview, type PreviewSession } from './support';

/**
 * Every export a person can tap in the preview, downloaded from the browser as `npm start` serves
 * it, opened as a workbook and read row by row against what the functions report. (Under tsx the
 * local system once ran the sources instead of the bundles, and every export failed there while
 * the unit tests stayed green: this is the check that would have seen it.)
 */
let s: PreviewSession;

beforeAll(async () => {
  s = await openPreview();
});
afterAll(() => s?.close());

/** Taps `buttonText` on the page on top and opens what the browser downloads. */
async function download(buttonText: string): Promise<{ name: string; book: Workbook }> {
  const [file] = await Promise.all([s.page.waitForEvent('download'), s.screen().getByText(buttonText, { exact: true }).click()]);
  const book = new Workbook();
  await book.xlsx.readFile(await file.path());
  return { name: file.suggestedFilename(), book };
}

/** A sheet's rows as plain values, from the header row on (the title lines above it dropped). */
function table(sheet: Worksheet | undefined, header: string): unknown[][] {
  if (!sheet) throw new Error('sheet missing');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const at = rows.findIndex((r) => r[0] === header);
  expect(at).toBeGreaterThanOrEqual(0);
  return rows.slice(at);
}

test('报名表 and 签到表 list the people the roster holds, with who came', async () => {
  // An activity of this test's own, starting soon: two residents sign up, one is checked in with family.
  const title = '导出测试 剪纸课';
  const startAt = new Date(s.cloud.clock.nowMs() + 20 * 60_000);
  const { id: activityId } = await s.cloud.ok(
    'activities',
    'create',
    {
      title,
      serviceArea: '社区',
      place: '社工站活动室',
      capacity: 10,
      maxParty: 2,
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + 3600_000).toISOString(),
    },
    'demo-worker',
  );
  await s.cloud.ok('activities', 'publish', { activityId }, 'demo-worker');
  await s.cloud.ok('activities', 'signUp', { activityId }, 'demo-resident-2');
  await s.cloud.ok('activities', 'signUp', { activityId }, 'demo-resident-3');
  await s.cloud.ok('activities', 'checkIn', { activityId, personId: 'demo-resident-2' }, 'demo-worker');
  const roster = await s.cloud.ok('activities', 'roster', { activityId }, 'demo-worker');
  expect(roster.map((e) => e.attendance.length).sort()).toEqual([0, 1]);
  await s.open(`/staff/pages/roster/index?id=${activityId}`, 'demo-worker');

  const signUps = await download('导出报名表');
  expect(signUps.name).toBe(`${title}-报名表.xlsx`);
  const [header, ...rows] = table(signUps.book.getWorksheet('报名表'), '序号');
  expect(header).toEqual(['序号', '姓名', '电话', '同行家人', '人数', '状态', '报名方式', '报名时间']);
  expect(rows.map((r) => [r[1], r[4], r[5]]).sort()).toEqual(roster.map((e) => [e.name, e.seats, '已报名']).sort());

  const signIn = await download('导出签到表');
  expect(signIn.name).toBe(`${title}-签到表.xlsx`);
  const [, ...lines] = table(signIn.book.getWorksheet('签到表'), '序号');
  // Those checked in carry their headcount and a tick; the others blanks to sign.
  expect(lines.map((r) => [r[1], r[5] ?? '', r[6] ?? '']).sort()).toEqual(
    roster.map((e) => (e.attendance.length ? [e.name, e.attendance[0].headcount, '✓'] : [e.name, '', ''])).sort(),
  );
});

test('计划与完成对照 holds the report the page shows, row by row', async () => {
  await s.open('/staff/pages/report/index', 'demo-secretary');
  await s.screen().getByText('整个项目期', { exact: true }).click();
  const { name, book } = await download('导出 Excel 表格');
  const [, from, to] = /^计划与完成对照_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})\.xlsx$/.exec(name) ?? [];
  const plan = await s.cloud.ok('stats', 'getPlan', {}, 'demo-secretary');
  expect({ from, to }).toEqual({ from: plan!.from, to: plan!.to });
  const report = await s.cloud.ok('stats', 'report', { from, to }, 'demo-secretary');
  const [header, ...rows] = table(book.getWorksheet('计划与完成对照'), '计划活动名称');
  expect(header).toEqual(['计划活动名称', '计划活动次数', '计划受益人次', '实际活动名称', '实际活动次数', '实际受益人次', '已留存的资料内容']);
  const [totals] = rows.splice(-1);
  expect(totals[0]).toBe('合计');
  expect(rows.map((r) => [r[0], r[3]])).toEqual(report.rows.map((r) => [r.indicator, r.title]));
  expect(totals[4]).toBe(report.rows.reduce((n, r) => n + r.sessions, 0));
  expect(totals[5]).toBe(report.rows.reduce((n, r) => n + r.visits, 0));
  // Something was held in the demo project: the table is not all zeros.
  expect(report.rows.some((r) => r.sessions > 0)).toBe(true);
});

test('月度工作总结 holds this month’s targets with their status, and next month’s plan', async () => {
  await s.open('/staff/pages/report/index', 'demo-secretary');
  await s.screen().getByText('月度总结', { exact: true }).click();
  const { name, book } = await download('导出 Excel 表格');
  const [, month] = /^月度工作总结_(\d{4}-\d{2})\.xlsx$/.exec(name) ?? [];
  const summary = await s.cloud.ok('stats', 'monthlySummary', { month }, 'demo-secretary');
  expect(summary.items.length).toBeGreaterThan(0);
  const label = `${Number(month.slice(5))}月`;
  const [, ...items] = table(book.getWorksheet(`${label}工作总结`), '序号');
  expect(items.slice(0, summary.items.length).map((r) => [r[2], r[3]])).toEqual(summary.items.map((i) => [i.status, i.achievedText]));
  const nextLabel = `${Number(summary.nextMonth.slice(5))}月`;
  const [, ...plan] = table(book.getWorksheet(`${nextLabel}工作计划`), '序号');
  expect(plan.length).toBe(summary.nextPlan.length);
});

test('志愿服务时长 sums each volunteer’s minutes as the page lists them', async () => {
  await s.open('/staff/pages/volunteer-hours/index', 'demo-worker');
  // The last 30 days, so the range holds the demo's home visits whatever day of the month it is.
  const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  await s.screen().getByText(/^从：/).click();
  await s.page.locator('.mp-sheet input[type="date"]').fill(day(s.cloud.clock.nowMs() - 30 * 86_400_000));
  await s.page.locator('.mp-sheet').getByText('确定').click();
  await s.see(`从：${day(s.cloud.clock.nowMs() - 30 * 86_400_000)}`);
  const { name, book } = await download('导出表格');
  const [, from, to] = /^志愿服务时长_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})\.xlsx$/.exec(name) ?? [];
  const hours = await s.cloud.ok('services', 'volunteerHours', { from, to }, 'demo-worker');
  expect(hours.volunteers.length).toBeGreaterThan(0);
  const [, ...totals] = table(book.getWorksheet('汇总'), '志愿者');
  expect(totals.map((r) => [r[0], r[1], r[3]])).toEqual(hours.volunteers.map((v) => [v.name, v.services, v.minutes]));
  const [, ...detail] = table(book.getWorksheet('明细'), '日期');
  expect(detail.reduce((n, r) => n + Number(r[4]), 0)).toBe(hours.minutes);
});
