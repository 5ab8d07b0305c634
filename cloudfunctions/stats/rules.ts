import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { SessionKind } from '../_shared/attendance';
import { AppError } from '../_shared/errors';
import { SERVICE_AREAS } from '../_shared/schemas';
import { dayjs } from '../_shared/time';
import type { MEASURES, statsContract } from './contract';

/** How the report names work that no indicator covers, exactly as §3.3 does. */
export const EXTENSION = '项目目标未涉及的拓展服务';
/** What the dashboard calls sessions whose activity named no target group. */
export const NO_TARGET_GROUP = '未指定';
/** A project runs a year or two; the bound keeps the month-by-month trend a sensible size. */
export const MAX_PERIOD_MONTHS = 60;

export type Measure = (typeof MEASURES)[number];
export type PlanInput = z.output<(typeof statsContract)['setPlan']['input']>;
export type Indicator = PlanInput['indicators'][number] & { id: string };
export type MonthlyTarget = PlanInput['monthlyTargets'][number];

/** The one plan of the project, stored as `plans/project`. */
export interface PlanDoc {
  _id: 'project';
  title: string;
  from: string;
  to: string;
  indicators: Indicator[];
  monthlyTargets: MonthlyTarget[];
  updatedAt: Date;
  updatedBy: string;
}

const refuse = (code: string, message: string) => new AppError(code, message);

/** An indicator added without an id gets one made from its name, so saving the same plan twice changes nothing. */
export const indicatorIdFor = (name: string) => `ind_${createHash('sha1').update(name).digest('hex').slice(0, 12)}`;

/** 'YYYY-MM' of every month touched by [from, to]; both may be days or months. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = dayjs(from.slice(0, 7) + '-01'); m.format('YYYY-MM') <= to.slice(0, 7); m = m.add(1, 'month')) {
    months.push(m.format('YYYY-MM'));
  }
  return months;
}

/** '2027-01' → '2027年1月', as a refusal reads it. */
const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

export const nextMonth = (month: string) => dayjs(`${month}-01`).add(1, 'month').format('YYYY-MM');

export function checkRange(from: string, to: string): void {
  if (to < from) throw refuse('RANGE_INVALID', '结束日期不能早于开始日期');
}

/**
 * A plan as the project lead saved it, checked as a whole: a period that makes sense, each
 * indicator once, and each monthly target pointing at an indicator and a month of the period.
 */
export function buildPlan(input: PlanInput, by: string, now: Date): PlanDoc {
  const { title, from, to } = input;
  if (to < from) throw refuse('PERIOD_INVALID', '项目结束日期不能早于开始日期');
  const months = monthsBetween(from, to);
  if (months.length > MAX_PERIOD_MONTHS) throw refuse('PERIOD_TOO_LONG', `项目周期最长 ${MAX_PERIOD_MONTHS / 12} 年`);

  const indicators = input.indicators.map((i) => ({ ...i, id: i.id ?? indicatorIdFor(i.name) }));
  const seen = new Set<string>();
  for (const i of indicators) {
    if (seen.has(i.id) || seen.has(`name:${i.name}`)) throw refuse('INDICATOR_DUPLICATE', `指标“${i.name}”重复了，请合并成一条`);
    seen.add(i.id).add(`name:${i.name}`);
  }

  const names = new Map(indicators.map((i) => [i.id, i.name]));
  const targetKeys = new Set<string>();
  for (const t of input.monthlyTargets) {
    const name = names.get(t.indicatorId);
    if (name === undefined) throw refuse('TARGET_UNKNOWN_INDICATOR', '每月目标里有一条对应的指标已不存在，请重新选择');
    if (!months.includes(t.month)) throw refuse('TARGET_OUTSIDE_PERIOD', `${monthText(t.month)}不在项目期内，不能设每月目标`);
    const key = `${t.month}|${t.indicatorId}|${t.measure}`;
    if (targetKeys.has(key)) throw refuse('TARGET_DUPLICATE', `${monthText(t.month)}“${name}”的目标重复了，请合并成一条`);
    targetKeys.add(key);
  }
  return { _id: 'project', title, from, to, indicators, monthlyTargets: input.monthlyTargets, updatedAt: now, updatedBy: by };
}

// ---------- Counting. The database groups attendance by session first, so a session counts once
// (活动次数) and toward exactly one indicator; its 受益人次 are the headcounts of those who came.

/** Sessions held and person-times served by one source (activity, series, group or service type) in a range. */
export interface SourceTally {
  indicatorId: string | null;
  kind: SessionKind;
  sourceId: string;
  title: string;
  serviceArea: string;
  targetGroup: string | null;
  sessions: number;
  visits: number;
}

export type ReportRow = z.input<(typeof statsContract)['report']['output']>['rows'][number];

/** A series names its sessions '青少年小组（第3次）'; a row stands for the whole series. */
export const sourceTitle = (sessionTitle: string) => sessionTitle.replace(/（第\d+次）$/, '');

/**
 * The planned-vs-achieved table: one row per indicator in plan order (zero when nothing was held),
 * then one 拓展服务 row per source that no indicator of the plan covers. A session whose indicator
 * was later removed from the plan is extension work too: no indicator of the plan covers it.
 */
export function reportRows(indicators: Indicator[], sources: SourceTally[]): ReportRow[] {
  const planned = new Set(indicators.map((i) => i.id));
  const rows: ReportRow[] = indicators.map((i) => {
    const mine = sources.filter((s) => s.indicatorId === i.id);
    return {
      indicatorId: i.id,
      indicator: i.name,
      title: i.name,
      serviceArea: i.serviceArea,
      extension: false,
      plannedSessions: i.plannedSessions,
      plannedVisits: i.plannedVisits,
      sessions: sum(mine, 'sessions'),
      visits: sum(mine, 'visits'),
    };
  });
  const extension = sources
    .filter((s) => s.indicatorId === null || !planned.has(s.indicatorId))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title, 'zh'));
  for (const s of extension) {
    rows.push({
      indicatorId: null,
      indicator: EXTENSION,
      title: sourceTitle(s.title),
      serviceArea: s.serviceArea,
      extension: true,
      plannedSessions: 0,
      plannedVisits: 0,
      sessions: s.sessions,
      visits: s.visits,
    });
  }
  return rows;
}

const UNIT: Record<Measure, string> = { sessions: '次', visits: '人次' };
/** How a target reads in the summary: '老年人一对一上门服务 22 次'. */
export const targetText = (t: { indicator: string; measure: Measure; target: number }) => `${t.indicator} ${t.target} ${UNIT[t.measure]}`;

/** A monthly target is met once what was achieved reaches it; until then it is 持续进行. */
export const targetStatus = (achieved: number, target: number) => (achieved >= target ? '已完成' : '持续进行');

export type MonthlySummary = z.input<(typeof statsContract)['monthlySummary']['output']>;

/** 月度工作总结: each target of the month against what the month's records show, and next month's plan. */
export function monthlySummary(plan: Pick<PlanDoc, 'indicators' | 'monthlyTargets'> | null, month: string, sources: SourceTally[]): MonthlySummary {
  const indicators = plan?.indicators ?? [];
  const targets = plan?.monthlyTargets ?? [];
  const name = new Map(indicators.map((i) => [i.id, i.name]));
  const line = (t: MonthlyTarget) => ({ indicatorId: t.indicatorId, indicator: name.get(t.indicatorId) ?? t.indicatorId, measure: t.measure, target: t.target });

  const thisMonth = targets.filter((t) => t.month === month);
  const items = thisMonth.map((t) => {
    const achieved = sum(sources.filter((s) => s.indicatorId === t.indicatorId), t.measure);
    return { ...line(t), achieved, status: targetStatus(achieved, t.target) } as const;
  });
  const targeted = new Set(thisMonth.map((t) => t.indicatorId));
  const otherWork = reportRows(indicators, sources)
    .filter((r) => r.sessions > 0 && (r.indicatorId === null || !targeted.has(r.indicatorId)))
    .map(({ indicator, title, sessions, visits }) => ({ indicator, title, sessions, visits }));

  const next = nextMonth(month);
  return { month, items, otherWork, nextMonth: next, nextPlan: targets.filter((t) => t.month === next).map(line) };
}

/** Sessions held and person-times served, per month, service area and target group. */
export interface AreaTally {
  month: string;
  serviceArea: string;
  targetGroup: string | null;
  sessions: number;
  visits: number;
}

/** Different people reached, each counted once per scope: overall, per service area, per target group. */
export interface PeopleReached {
  total: number;
  byArea: Map<string, number>;
  byTargetGroup: Map<string, number>;
}

export type Reach = z.input<(typeof statsContract)['report']['output']>['totals'];

const areaOrder = (a: string) => {
  const i = (SERVICE_AREAS as readonly string[]).indexOf(a);
  return i === -1 ? SERVICE_AREAS.length : i;
};

type Tally = Pick<AreaTally, 'serviceArea' | 'targetGroup' | 'sessions' | 'visits'>;

/** Counts for a range, split by service area (in the report's order) and by target group. */
export function reach(tallies: Tally[], people: PeopleReached): Reach {
  const split = (keyOf: (t: Tally) => string) => {
    const byKey = new Map<string, Tally[]>();
    for (const t of tallies) byKey.set(keyOf(t), [...(byKey.get(keyOf(t)) ?? []), t]);
    return [...byKey].map(([key, ts]) => ({ key, sessions: sum(ts, 'sessions'), visits: sum(ts, 'visits') }));
  };
  return {
    sessions: sum(tallies, 'sessions'),
    visits: sum(tallies, 'visits'),
    people: people.total,
    byArea: split((t) => t.serviceArea)
      .sort((a, b) => areaOrder(a.key) - areaOrder(b.key) || a.key.localeCompare(b.key, 'zh'))
      .map(({ key, ...n }) => ({ serviceArea: key, ...n, people: people.byArea.get(key) ?? 0 })),
    byTargetGroup: split((t) => t.targetGroup ?? NO_TARGET_GROUP)
      .sort((a, b) => b.visits - a.visits || a.key.localeCompare(b.key, 'zh'))
      .map(({ key, ...n }) => ({ targetGroup: key, ...n, people: people.byTargetGroup.get(key) ?? 0 })),
  };
}

/** The month-by-month trend: every month of the range, zero where nothing was held. */
export function trend(months: string[], tallies: AreaTally[]): { month: string; sessions: number; visits: number }[] {
  return months.map((month) => {
    const mine = tallies.filter((t) => t.month === month);
    return { month, sessions: sum(mine, 'sessions'), visits: sum(mine, 'visits') };
  });
}

/** The range the dashboard's trend covers: the project period, or the last 12 months without a plan. */
export function trendMonths(plan: Pick<PlanDoc, 'from' | 'to'> | null, thisMonth: string): string[] {
  if (plan) return monthsBetween(plan.from, plan.to);
  return monthsBetween(dayjs(`${thisMonth}-01`).subtract(11, 'month').format('YYYY-MM'), thisMonth);
}

const sum = <K extends string>(items: Record<K, number>[], key: K) => items.reduce((n, i) => n + i[key], 0);
