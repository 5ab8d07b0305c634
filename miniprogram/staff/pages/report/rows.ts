import type { MonthlySummary, Report, ReportRow } from '../../../services/stats';

/** 人, 个 and 份 indicators are counted in what the records produce; 次 and 人次 in sessions and person-times. */
const isOutputUnit = (unit: ReportRow['unit']) => unit === '人' || unit === '个' || unit === '份';

/** A planned figure as the table reads it: the number, 持续进行, or — where the plan gives none for the range. */
const planned = (n: number | null, ongoing = false) => (n === null ? (ongoing ? '持续进行' : '—') : String(n));

/** One planned-vs-achieved row as the report card shows it: its name, its figure lines, its documents. */
export function rowView(r: ReportRow) {
  const figures = isOutputUnit(r.unit)
    ? [
        `完成 ${r.output ?? 0} ${r.unit} / 计划 ${planned(r.plannedOutput)}${r.plannedOutput === null ? '' : ` ${r.unit}`}`,
        ...(r.sessions > 0 ? [`其中活动 ${r.sessions} 次 · ${r.visits} 人次`] : []),
      ]
    : [
        `活动次数：完成 ${r.sessions} / 计划 ${planned(r.plannedSessions, r.ongoing)}`,
        `受益人次：完成 ${r.visits} / 计划 ${planned(r.plannedVisits, r.ongoing)}`,
      ];
  return {
    key: r.indicatorId ?? r.title,
    name: r.extension ? r.title : r.indicator,
    /** What was run, when it says more than the indicator's name (the groups under it). */
    ran: !r.extension && r.title !== r.indicator ? r.title : '',
    figures: r.extension ? [`活动次数 ${r.sessions} · 受益人次 ${r.visits}`] : figures,
    documents: r.documents.length ? `已留存：${r.documents.join('、')}` : '',
  };
}

export function reportView(result: Report) {
  return {
    planned: result.rows.filter((r) => !r.extension).map(rowView),
    extension: result.rows.filter((r) => r.extension).map(rowView),
    totals: result.totals,
  };
}

/** The monthly summary as the card lists it: each target's line, what was done, its status. */
export function summaryView(s: MonthlySummary) {
  return {
    ...s,
    items: s.items.map((i) => ({ key: i.id, text: i.text, achievedText: i.achievedText, status: i.status })),
    nextPlan: s.nextPlan.map((l) => l.text),
  };
}
