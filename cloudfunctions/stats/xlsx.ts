import { workbookBase64, type Sheet } from '../_shared/xlsx';
import { type MonthlySummary, type ReportRow, targetText } from './rules';

/*
 * The reports as .xlsx, laid out like the station's own report so it can be handed to the funder:
 * §3.3's planned-vs-achieved table, and the 月度工作总结 / 下月工作计划 tables.
 */

/** Each table's title line, as the report sets it. */
const heading = (line: string): Sheet['title'] => ({ lines: [line], font: { bold: true, size: 14 } });

export async function reportXlsx(projectTitle: string, from: string, to: string, rows: ReportRow[]) {
  const base64 = await workbookBase64([
    {
      name: '计划与完成对照',
      title: heading(`${projectTitle || '项目'}完成目标与活动对照表（${from} 至 ${to}）`),
      columns: [
        ['计划活动名称', 28],
        ['计划活动次数', 14],
        ['计划受益人次', 14],
        ['实际活动名称', 28],
        ['实际活动次数', 14],
        ['实际受益人次', 14],
      ],
      rows: rows.map((r) =>
        r.extension
          ? [r.indicator, null, null, r.title, r.sessions, r.visits]
          : [r.indicator, r.plannedSessions, r.plannedVisits, r.title, r.sessions, r.visits],
      ),
    },
  ]);
  return { fileName: `计划与完成对照_${from}_${to}.xlsx`, base64 };
}

export async function monthlySummaryXlsx(projectTitle: string, summary: MonthlySummary) {
  const label = (month: string) => `${Number(month.slice(5))}月`;
  const base64 = await workbookBase64([
    {
      name: `${label(summary.month)}工作总结`,
      title: heading(`${projectTitle}${summary.month.slice(0, 4)}年${label(summary.month)}工作总结`),
      columns: [
        ['序号', 8],
        ['计划指标', 40],
        ['完成情况', 12],
        ['实际完成', 20],
      ],
      rows: [
        ...summary.items.map((item, i) => [i + 1, targetText(item), item.status, item.achieved]),
        // Work held that no target of the month named, like the report's “冬至节”社区活动 line.
        ...summary.otherWork.map((w, i) => [summary.items.length + i + 1, w.title, '已完成', `${w.sessions} 次 / ${w.visits} 人次`]),
      ],
    },
    {
      name: `${label(summary.nextMonth)}工作计划`,
      title: heading(`${projectTitle}${summary.nextMonth.slice(0, 4)}年${label(summary.nextMonth)}工作计划`),
      columns: [
        ['序号', 8],
        ['计划指标', 40],
      ],
      rows: summary.nextPlan.map((line, i) => [i + 1, targetText(line)]),
    },
  ]);
  return { fileName: `月度工作总结_${summary.month}.xlsx`, base64 };
}
