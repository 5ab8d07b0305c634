import type { CellValue } from 'exceljs';
import { shareFile } from '../_shared/files';
import { workbookBytes, type Sheet } from '../_shared/xlsx';
import { type MonthlySummary, OUTPUT_OF_UNIT, type ReportRow } from './rules';

/*
 * The reports as .xlsx, laid out like the station's own report so it can be handed to the funder:
 * §3.3's planned-vs-achieved table, and the 月度工作总结 / 下月工作计划 tables.
 */

/** Each table's title line, as the report sets it. */
const heading = (line: string): Sheet['title'] => ({ lines: [line], font: { bold: true, size: 14 } });

/**
 * A row's cells as §3.3 writes them. An indicator counted in 人, 个 or 份 shows that figure in the
 * 活动次数 columns ('4人', '1个'), with the sessions held under it beside the achieved one
 * ('1个（14次）'); a figure the plan does not give for the range is left blank, or reads 持续进行
 * when the plan keeps the work going without a number.
 */
function cells(r: ReportRow): CellValue[] {
  const documents = r.documents.join('、');
  if (r.extension) return [r.indicator, null, null, r.title, r.sessions, r.visits, documents];
  if (OUTPUT_OF_UNIT[r.unit]) {
    const planned = r.plannedOutput === null ? null : `${r.plannedOutput}${r.unit}`;
    const achieved = `${r.output ?? 0}${r.unit}${r.sessions > 0 ? `（${r.sessions}次）` : ''}`;
    return [r.indicator, planned, r.plannedVisits || null, r.title, achieved, r.visits || null, documents];
  }
  // 需求调研评估 | 持续进行 | 200: work the plan keeps going with no number of sessions.
  return [r.indicator, r.plannedSessions ?? (r.ongoing ? '持续进行' : null), r.plannedVisits, r.title, r.sessions, r.visits, documents];
}

/**
 * 合计: the 活动次数 and 受益人次 columns summed. Planned 活动次数 leave out the 人/个/份 indicators
 * (their cell holds that figure); a blank planned figure adds nothing. Achieved sessions count every
 * row's, the ones shown as '（14次）' included.
 */
function totals(rows: ReportRow[]): CellValue[] {
  const total = (figures: (number | null)[]) => {
    const known = figures.filter((n): n is number => n !== null);
    return known.length ? known.reduce((a, b) => a + b, 0) : null;
  };
  const planned = rows.filter((r) => !r.extension);
  return [
    '合计',
    total(planned.filter((r) => !OUTPUT_OF_UNIT[r.unit]).map((r) => r.plannedSessions)),
    total(planned.map((r) => r.plannedVisits)),
    null,
    total(rows.map((r) => r.sessions)),
    total(rows.map((r) => r.visits)),
    null,
  ];
}

export async function reportXlsx(projectTitle: string, from: string, to: string, rows: ReportRow[], now: Date) {
  const bytes = await workbookBytes([
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
        ['已留存的资料内容', 36],
      ],
      rows: [...rows.map(cells), totals(rows)],
    },
  ]);
  return shareFile(`计划与完成对照_${from}_${to}.xlsx`, bytes, now);
}

export async function monthlySummaryXlsx(projectTitle: string, summary: MonthlySummary, now: Date) {
  const label = (month: string) => `${Number(month.slice(5))}月`;
  const bytes = await workbookBytes([
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
        ...summary.items.map((item, i) => [i + 1, item.text, item.status, item.achievedText]),
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
      rows: summary.nextPlan.map((line, i) => [i + 1, line.text]),
    },
  ]);
  return shareFile(`月度工作总结_${summary.month}.xlsx`, bytes, now);
}
