import type { Worksheet } from 'exceljs';
import { type MonthlySummary, type ReportRow, targetText } from './rules';

/**
 * The reports as .xlsx, laid out like the station's own report so it can be handed to the funder:
 * §3.3's planned-vs-achieved table, and the 月度工作总结 / 下月工作计划 tables.
 * exceljs is loaded only here, so the dashboard never pays for it.
 */
async function workbook(fill: (add: (name: string) => Worksheet) => void): Promise<string> {
  const { Workbook } = await import('exceljs');
  const book = new Workbook();
  fill((name) => book.addWorksheet(name));
  const buffer = await book.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer).toString('base64');
}

/** A title line, then the column headers; `[header, width]` per column. */
function heading(sheet: Worksheet, title: string, columns: [string, number][]) {
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(columns.map(([header]) => header)).font = { bold: true };
  columns.forEach(([, width], i) => (sheet.getColumn(i + 1).width = width));
}

export async function reportXlsx(projectTitle: string, from: string, to: string, rows: ReportRow[]) {
  const base64 = await workbook((add) => {
    const sheet = add('计划与完成对照');
    heading(sheet, `${projectTitle || '项目'}完成目标与活动对照表（${from} 至 ${to}）`, [
      ['计划活动名称', 28],
      ['计划活动次数', 14],
      ['计划受益人次', 14],
      ['实际活动名称', 28],
      ['实际活动次数', 14],
      ['实际受益人次', 14],
    ]);
    for (const r of rows) {
      sheet.addRow(
        r.extension
          ? [r.indicator, null, null, r.title, r.sessions, r.visits]
          : [r.indicator, r.plannedSessions, r.plannedVisits, r.title, r.sessions, r.visits],
      );
    }
  });
  return { fileName: `计划与完成对照_${from}_${to}.xlsx`, base64 };
}

export async function monthlySummaryXlsx(projectTitle: string, summary: MonthlySummary) {
  const label = (month: string) => `${Number(month.slice(5))}月`;
  const base64 = await workbook((add) => {
    const done = add(`${label(summary.month)}工作总结`);
    heading(done, `${projectTitle}${summary.month.slice(0, 4)}年${label(summary.month)}工作总结`, [
      ['序号', 8],
      ['计划指标', 40],
      ['完成情况', 12],
      ['实际完成', 20],
    ]);
    summary.items.forEach((item, i) => done.addRow([i + 1, targetText(item), item.status, item.achieved]));
    // Work held that no target of the month named, like the report's “冬至节”社区活动 line.
    summary.otherWork.forEach((w, i) => done.addRow([summary.items.length + i + 1, w.title, '已完成', `${w.sessions} 次 / ${w.visits} 人次`]));

    const next = add(`${label(summary.nextMonth)}工作计划`);
    heading(next, `${projectTitle}${summary.nextMonth.slice(0, 4)}年${label(summary.nextMonth)}工作计划`, [
      ['序号', 8],
      ['计划指标', 40],
    ]);
    summary.nextPlan.forEach((line, i) => next.addRow([i + 1, targetText(line)]));
  });
  return { fileName: `月度工作总结_${summary.month}.xlsx`, base64 };
}
