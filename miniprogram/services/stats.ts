import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { callCloud } from './cloud';
import { openSharedFile } from './files';

/** The stats function, one wrapper per action (see cloudfunctions/stats/contract.ts). */
export type Dashboard = ActionOutput<'stats', 'dashboard'>;
export type Report = ActionOutput<'stats', 'report'>;
export type ReportRow = Report['rows'][number];
export type Reach = Report['totals'];
export type MonthlySummary = ActionOutput<'stats', 'monthlySummary'>;
export type Served = ActionOutput<'stats', 'served'>;
export type Plan = NonNullable<ActionOutput<'stats', 'getPlan'>>;
export type PlanInput = ActionInput<'stats', 'setPlan'>;
export type Measure = Plan['monthlyTargets'][number]['measure'];
export type Unit = Plan['indicators'][number]['unit'];

export const dashboard = () => callCloud('stats', 'dashboard', {});
export const report = (from: string, to: string) => callCloud('stats', 'report', { from, to });
/** Who was served, by target group and staff-only tag: staff only (the secretary is refused). */
export const served = (from: string, to: string) => callCloud('stats', 'served', { from, to });
export const monthlySummary = (month: string) => callCloud('stats', 'monthlySummary', { month });
export const getPlan = () => callCloud('stats', 'getPlan', {});
export const setPlan = (input: PlanInput) => callCloud('stats', 'setPlan', input);

/** The funder's tables as .xlsx, opened in WeChat's viewer (services/files.ts). */
export const exportReport = async (from: string, to: string) => openSharedFile(await callCloud('stats', 'exportReport', { from, to }));
export const exportMonthlySummary = async (month: string) => openSharedFile(await callCloud('stats', 'exportMonthlySummary', { month }));

/** How a measure reads after a number: 活动次数 in 次, 受益人次 in 人次, people developed in 人, groups in 个, reports in 份, 个案 in 个. */
export const UNIT: Record<Measure, Unit> = { sessions: '次', visits: '人次', people: '人', groups: '个', reports: '份', cases: '个' };

/** '2026-11' → '11月'; the year too when asked (the first month of a list, or January). */
export const monthLabel = (month: string, withYear = false) => `${withYear ? `${month.slice(0, 4)}年` : ''}${Number(month.slice(5))}月`;

/** '2026-06-01' → '2026年6月1日' */
export const dayLabel = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;

/** The month `n` months after `month` ('2026-12', 1 → '2027-01'). */
export function shiftMonth(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A month as a day range, the way the report takes it. */
export function monthRange(month: string): { from: string; to: string } {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(days).padStart(2, '0')}` };
}
