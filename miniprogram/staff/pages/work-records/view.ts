import type { RecordDetail, RecordSummary } from '../../../services/records';
import { formatDay } from '../../../utils/date';

/** What the list shows of a record: counts only, as the function gives them. */

const pad = (n: number) => String(n).padStart(2, '0');

/** '12月5日' of a 'YYYY-MM-DD'. */
export const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The days of a month, as the list asks for them. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

/** The month before or after 'YYYY-MM'. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** '3 次 · 11 人次', '1 份', '1 次' (a meeting: no 人次). */
export function countsText(r: Pick<RecordSummary, 'sessions' | 'visits' | 'outputText'>): string {
  if (r.outputText) return r.outputText;
  return r.visits > 0 ? `${r.sessions} 次 · ${r.visits} 人次` : `${r.sessions} 次`;
}

export function recordRow(r: RecordSummary) {
  const days = r.firstDay === r.lastDay ? shortDay(r.firstDay) : `${shortDay(r.firstDay)}–${shortDay(r.lastDay)}（${r.occasionCount} 次）`;
  return {
    id: r.id,
    title: r.title,
    kindTitle: r.kindTitle,
    daysText: days,
    countsText: countsText(r),
    summary: r.summary,
    byText: `${r.enteredByName || '工作人员'} 记于 ${formatDay(r.enteredAt)}${r.backEntered ? ' · 补录' : ''}`,
    canRemove: r.canRemove,
  };
}
export type RecordRow = ReturnType<typeof recordRow>;

/** A record opened in the list: its fields, who came on each date, the documents kept. */
export function recordDetail(d: RecordDetail) {
  return {
    id: d.id,
    lines: [
      ...(d.serviceArea ? [{ label: '服务领域', value: d.serviceArea }] : []),
      ...(d.targetGroup ? [{ label: '服务对象', value: d.targetGroup }] : []),
      { label: '计划指标', value: d.indicator || '不计入（拓展服务）' },
      ...d.details,
      ...(d.staffPresent ? [{ label: '到场社工', value: `${d.staffPresent} 人` }] : []),
      ...(d.volunteersPresent ? [{ label: '到场志愿者', value: `${d.volunteersPresent} 人` }] : []),
      ...(d.documents.length ? [{ label: '已留存的资料', value: d.documents.join('、') }] : []),
    ],
    // A report written or a leader developed has no attendance: nothing to show per date.
    occasions: d.occasions
      .filter((o) => o.sessions > 0)
      .map((o) => ({
        day: shortDay(o.day),
        counts: o.visits > 0 ? `${o.sessions} 次 · ${o.visits} 人次` : `${o.sessions} 次`,
        people: [
          ...o.attendees.map((a) => (a.headcount > 1 ? `${a.name}（${a.headcount}人）` : a.name)),
          ...(o.unnamed ? [`未登记姓名 ${o.unnamed} 人`] : []),
        ].join('、'),
      })),
  };
}
export type RecordDetailView = ReturnType<typeof recordDetail>;
