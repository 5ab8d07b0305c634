import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { callCloud } from './cloud';

/** The stats function, one wrapper per action (see cloudfunctions/stats/contract.ts). */
export type Dashboard = ActionOutput<'stats', 'dashboard'>;
export type Report = ActionOutput<'stats', 'report'>;
export type ReportRow = Report['rows'][number];
export type Reach = Report['totals'];
export type MonthlySummary = ActionOutput<'stats', 'monthlySummary'>;
export type Plan = NonNullable<ActionOutput<'stats', 'getPlan'>>;
export type PlanInput = ActionInput<'stats', 'setPlan'>;
export type Measure = Plan['monthlyTargets'][number]['measure'];
type XlsxFile = ActionOutput<'stats', 'exportReport'>;

export const dashboard = () => callCloud('stats', 'dashboard', {});
export const report = (from: string, to: string) => callCloud('stats', 'report', { from, to });
export const monthlySummary = (month: string) => callCloud('stats', 'monthlySummary', { month });
export const getPlan = () => callCloud('stats', 'getPlan', {});
export const setPlan = (input: PlanInput) => callCloud('stats', 'setPlan', input);

/**
 * Writes an exported workbook into the mini-program's own folder and opens it in WeChat's viewer,
 * whose menu forwards it to a chat or saves it: how a file leaves a phone.
 */
async function openXlsx(file: XlsxFile): Promise<void> {
  const path = `${wx.env.USER_DATA_PATH}/${file.fileName}`;
  wx.getFileSystemManager().writeFileSync(path, file.base64, 'base64');
  await wx.openDocument({ filePath: path, fileType: 'xlsx', showMenu: true });
}

export const exportReport = async (from: string, to: string) => openXlsx(await callCloud('stats', 'exportReport', { from, to }));
export const exportMonthlySummary = async (month: string) => openXlsx(await callCloud('stats', 'exportMonthlySummary', { month }));

/** How a measure reads after a number: 活动次数 in 次, 受益人次 in 人次. */
export const UNIT: Record<Measure, string> = { sessions: '次', visits: '人次' };

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
