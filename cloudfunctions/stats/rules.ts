import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { SessionKind } from '../_shared/attendance';
import { AppError } from '../_shared/errors';
import { SERVICE_AREAS } from '../_shared/schemas';
import { dayjs } from '../_shared/time';
import { KINDS as RECORD_KINDS, type RecordKind } from '../records/kinds';
import { KINDS as SERVICE_KINDS, type KindId } from '../services/kinds';
import type { MEASURES, statsContract, UNITS } from './contract';

/** How the report names work that no indicator covers, exactly as §3.3 does. */
export const EXTENSION = '项目目标未涉及的拓展服务';
/** What the dashboard calls sessions whose activity named no target group. */
export const NO_TARGET_GROUP = '未指定';
/** Staff work (meetings, trainings) serves no one area; its sessions are counted under this. */
export const NO_AREA = '未分领域';
/** A project runs a year or two; the bound keeps the month-by-month trend a sensible size. */
export const MAX_PERIOD_MONTHS = 60;

export type Measure = (typeof MEASURES)[number];
export type Unit = (typeof UNITS)[number];
/** What the station's records produce, counted from `workRecords` outputs. */
export type OutputMeasure = 'people' | 'groups' | 'reports';

/** The unit a measure is read in: '22 次', '150 人次', '4 人', '0.5 个', '3 份'; 个案 in 个. */
export const MEASURE_UNIT: Record<Measure, Unit> = { sessions: '次', visits: '人次', people: '人', groups: '个', reports: '份', cases: '个' };
/** The output an indicator in 人, 个 or 份 counts; 次 and 人次 indicators count sessions and person-times. */
export const OUTPUT_OF_UNIT: Partial<Record<Unit, OutputMeasure>> = { 人: 'people', 个: 'groups', 份: 'reports' };

export type PlanInput = z.output<(typeof statsContract)['setPlan']['input']>;
export type Indicator = Omit<PlanInput['indicators'][number], 'id'> & { id: string };
export type MonthlyTarget = Omit<PlanInput['monthlyTargets'][number], 'id'> & { id: string };

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
const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 12);

/** An indicator added without an id gets one made from its name, so saving the same plan twice changes nothing. */
export const indicatorIdFor = (name: string) => `ind_${hash(name)}`;

/**
 * A monthly target without an id gets one from what tells it apart from the others of its month
 * and indicator: its measure and its wording. The same on every save, and for plans saved before
 * targets had ids.
 */
export const targetIdFor = (t: Pick<MonthlyTarget, 'month' | 'indicatorId' | 'measure' | 'text'>) =>
  `t_${hash(`${t.month}|${t.indicatorId}|${t.measure}|${t.text ?? ''}`)}`;

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

type StoredIndicator = Partial<Indicator> & Pick<Indicator, 'id' | 'name'>;
type StoredTarget = Partial<MonthlyTarget> & Pick<MonthlyTarget, 'month' | 'indicatorId' | 'measure'>;

/**
 * A stored plan as the reports read it. Plans saved before indicators had units and targets had
 * ids, wording and 持续进行 read with the defaults: 次, no output planned, an id from the target.
 */
export function readPlan(stored: Omit<PlanDoc, 'indicators' | 'monthlyTargets'> & { indicators: StoredIndicator[]; monthlyTargets: StoredTarget[] }): PlanDoc {
  return {
    ...stored,
    indicators: stored.indicators.map((i) => ({
      serviceArea: null,
      plannedSessions: 0,
      plannedVisits: 0,
      ...i,
      unit: i.unit ?? '次',
      plannedOutput: i.plannedOutput ?? 0,
    })),
    monthlyTargets: stored.monthlyTargets.map((t) => ({ ...t, id: t.id ?? targetIdFor(t), target: t.target ?? null, ongoing: t.ongoing ?? false })),
  };
}

/**
 * A plan as the project lead saved it, checked as a whole: a period that makes sense, each
 * indicator once, and each monthly target pointing at an indicator and a month of the period, with
 * a number unless it is 持续进行. Several targets may share a month and indicator (每月1次专业督导
 * and 每周1次团队督导) when their measure or wording tells them apart.
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
  const taken = new Set<string>();
  const monthlyTargets: MonthlyTarget[] = input.monthlyTargets.map((t) => {
    const name = names.get(t.indicatorId);
    if (name === undefined) throw refuse('TARGET_UNKNOWN_INDICATOR', '每月目标里有一条对应的指标已不存在，请重新选择');
    if (!months.includes(t.month)) throw refuse('TARGET_OUTSIDE_PERIOD', `${monthText(t.month)}不在项目期内，不能设每月目标`);
    if (!t.ongoing && t.target === null) throw refuse('TARGET_NUMBER_MISSING', `${monthText(t.month)}“${name}”的目标还没有填数字（没有数字的请选“持续进行”）`);
    const wording = t.text || undefined;
    const target: MonthlyTarget = { ...t, id: t.id ?? targetIdFor({ ...t, text: wording }), text: wording, target: t.ongoing ? null : t.target };
    if (wording === undefined) delete target.text;
    const key = `${t.month}|${t.indicatorId}|${t.measure}|${wording ?? ''}`;
    if (taken.has(key) || taken.has(`id:${target.id}`)) throw refuse('TARGET_DUPLICATE', `${monthText(t.month)}“${name}”的目标重复了，请合并成一条`);
    taken.add(key).add(`id:${target.id}`);
    return target;
  });
  return { _id: 'project', title, from, to, indicators, monthlyTargets, updatedAt: now, updatedBy: by };
}

// ---------- Counting. The database groups attendance by occasion first, so an occasion counts once
// (活动次数) whoever came; its 受益人次 are the headcounts of those who came. Each source (activity,
// group, service kind, record) is then read with its document as it is now, so the indicator it
// counts toward is the one it names today: re-pointing it recounts its past attendance.

/** The current state of a source's document, as the report's aggregation looks it up. */
export interface SourceDocs {
  activity?: { indicatorId?: string | null; title?: string; safetyAgreement?: boolean; sessions?: unknown[] };
  group?: { indicatorId?: string | null; name?: string };
  serviceKind?: { indicatorId?: string | null };
  record?: { indicatorId?: string | null; kind?: string; title?: string; documents?: string[]; days?: string[]; removedAt?: Date | null };
}

/** One source's 活动次数 and 受益人次 in a range, as attendance recorded them. */
export interface SourceLine extends SourceDocs {
  kind: SessionKind;
  sourceId: string;
  /** A session's title ('青少年小组（第3次）', '合唱团练习'). */
  title: string;
  serviceArea: string;
  targetGroup: string | null;
  /** The indicator copied onto the attendance when it was recorded: used only when the source's document is gone. */
  indicatorId: string | null;
  sessions: number;
  visits: number;
}

/** A source ready for the report: the indicator it names now, the line it is reported on, its documents. */
export interface SourceTally {
  indicatorId: string | null;
  kind: SessionKind;
  sourceId: string;
  title: string;
  serviceArea: string;
  targetGroup: string | null;
  sessions: number;
  visits: number;
  /** Its own name: the activity's or record's title, the group's name, the service kind's. */
  name: string;
  /** The line it is reported on when no indicator covers it (see countedSource). */
  programme: string;
  documents: string[];
}

/** A series names its sessions '青少年小组（第3次）'; a row stands for the whole series. */
export const sourceTitle = (sessionTitle: string) => sessionTitle.replace(/（第\d+次）$/, '');

/** One-off activities no indicator covers are reported together per service area: “节日及社区活动（社区）”. */
export const oneOffLine = (serviceArea: string) => `节日及社区活动（${serviceArea}）`;

/**
 * 已留存的资料内容: what the product holds for each kind of source — an activity's notice, sign-up
 * sheet and sign-in sheet (and its safety agreement when residents had to accept one), a group's
 * member list and practice sign-in sheets, a service's records; a record lists its own.
 */
const ACTIVITY_DOCUMENTS = ['活动通知', '报名表', '签到表'];
const GROUP_DOCUMENTS = ['成员信息', '活动签到表'];
const SERVICE_DOCUMENTS = ['服务记录'];

/**
 * A source as the report counts it, or null for a record that was removed (it counts nowhere).
 *
 * Work no indicator covers (项目目标未涉及的拓展服务) is reported on one named line per programme:
 * a group by its name, an activity of several sessions (a series) by its title, a service by its
 * kind, a record by its kind (a meeting by its type: 督导会议, 三方联席会议…) — and one-off
 * activities together per service area, “节日及社区活动（社区）”, rather than a row for every festival
 * afternoon. A back-entered activity (补录) is an activity: a series when it has several dates,
 * else one of its area's one-off activities.
 */
export function countedSource(line: SourceLine): SourceTally | null {
  const { activity, group, serviceKind, record, indicatorId: copied, ...base } = line;
  const current = (doc: { indicatorId?: string | null } | undefined) => (doc ? (doc.indicatorId ?? null) : copied);
  switch (base.kind) {
    case 'activity': {
      const series = (activity?.sessions?.length ?? 1) > 1;
      const name = activity?.title ?? sourceTitle(base.title);
      return {
        ...base,
        indicatorId: current(activity),
        name,
        programme: series ? name : oneOffLine(base.serviceArea),
        documents: [...ACTIVITY_DOCUMENTS, ...(activity?.safetyAgreement ? ['安全协议'] : [])],
      };
    }
    case 'groupPractice': {
      const name = group?.name ?? base.title.replace(/练习$/, '');
      return { ...base, indicatorId: current(group), name, programme: name, documents: GROUP_DOCUMENTS };
    }
    case 'service': {
      const name = SERVICE_KINDS[base.sourceId as KindId]?.title ?? base.title;
      return { ...base, indicatorId: current(serviceKind), name, programme: name, documents: SERVICE_DOCUMENTS };
    }
    case 'record':
      if (record?.removedAt) return null;
      return {
        ...base,
        indicatorId: current(record),
        name: record?.title ?? sourceTitle(base.title),
        programme: recordProgramme(line),
        documents: record?.documents ?? [],
      };
  }
}

function recordProgramme({ record, title, serviceArea }: SourceLine): string {
  const kind = RECORD_KINDS[record?.kind as RecordKind];
  const named = record?.title ?? sourceTitle(title);
  if (kind?.id === 'heldActivity') return (record?.days?.length ?? 1) > 1 ? named : oneOffLine(serviceArea);
  if (kind?.id === 'meeting' || !kind) return named;
  return kind.title;
}

/** What the records of one indicator, kind and month produced (not removed ones), summed by the database. */
export interface RecordOutputs {
  indicatorId: string | null;
  kind: string;
  month: string;
  people: number;
  groups: number;
  reports: number;
  /** Each record's 已留存的资料内容, as the database gathered them. */
  documents: string[][];
}

export type ReportRow = z.input<(typeof statsContract)['report']['output']>['rows'][number];

/** The plan's figures for a row, to date; null where the plan says nothing for the range. */
export interface PlannedFigures {
  sessions: number | null;
  visits: number | null;
  output: number | null;
  /** A 持续进行 target of the indicator falls in the range. */
  ongoing: boolean;
}
const UNPLANNED: PlannedFigures = { sessions: null, visits: null, output: null, ongoing: false };

/**
 * The plan *to date* for a range (the 中期 table compares it with what was achieved). For each
 * indicator and each of its figures (活动次数, 受益人次, and the 人/个/份 of an indicator in those):
 *  - a range covering the whole project period: the whole project's figure, the plan's own total
 *    (monthly targets are how the lead paces it, and need not add up to it);
 *  - otherwise, when the plan has numbered monthly targets for that indicator and measure: the sum
 *    of the targets of the months the range touches (a month the range only partly covers counts
 *    whole; a month with no target for it adds 0);
 *  - otherwise nothing (null, shown blank): the plan does not say how much of it falls in the range.
 * 持续进行 targets have no number and count toward no sum; `ongoing` says one falls in the range.
 */
export function plannedToDate(plan: Pick<PlanDoc, 'from' | 'to' | 'monthlyTargets'>, from: string, to: string) {
  const months = new Set(monthsBetween(from, to));
  const whole = from <= plan.from && to >= plan.to;
  return (indicator: Indicator): PlannedFigures => {
    const figure = (measure: Measure, projectFigure: number) => {
      if (whole) return projectFigure;
      const numbered = plan.monthlyTargets.filter((t) => t.indicatorId === indicator.id && t.measure === measure && !t.ongoing && t.target !== null);
      return numbered.length > 0 ? numbered.filter((t) => months.has(t.month)).reduce((n, t) => n + (t.target ?? 0), 0) : null;
    };
    const output = OUTPUT_OF_UNIT[indicator.unit];
    return {
      sessions: figure('sessions', indicator.plannedSessions),
      visits: figure('visits', indicator.plannedVisits),
      output: output ? figure(output, indicator.plannedOutput) : null,
      ongoing: plan.monthlyTargets.some((t) => t.indicatorId === indicator.id && t.ongoing && months.has(t.month)),
    };
  };
}

/** The documents of a row, each once, in the order its sources first name them. */
const documentsOf = (sources: SourceTally[], outputs: RecordOutputs[]) => [
  ...new Set([...sources.flatMap((s) => s.documents), ...outputs.flatMap((o) => o.documents.flat())]),
];

const KIND_ORDER: SessionKind[] = ['activity', 'groupPractice', 'service', 'record'];
const byKindAndTitle = (a: SourceTally, b: SourceTally) =>
  KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.programme.localeCompare(b.programme, 'zh');

/**
 * The planned-vs-achieved table: one row per indicator in plan order, gathering every source that
 * names it — activities, group practices, services and records, with the records' outputs (人, 个,
 * 份) — zero when nothing was held; a row whose sources include groups names them, as §3.3 writes
 * “孵化社区社会组织（合唱团）”. Then one 拓展服务 row per extension line (see countedSource).
 * Work whose indicator was later removed from the plan is extension work too: no indicator covers it.
 */
export function reportRows(
  indicators: Indicator[],
  sources: SourceTally[],
  outputs: RecordOutputs[] = [],
  planned: (i: Indicator) => PlannedFigures = () => UNPLANNED,
): ReportRow[] {
  const inPlan = new Set(indicators.map((i) => i.id));
  const rows: ReportRow[] = indicators.map((i) => {
    const mine = sources.filter((s) => s.indicatorId === i.id).sort(byKindAndTitle);
    const produced = outputs.filter((o) => o.indicatorId === i.id);
    const groups = [...new Set(mine.filter((s) => s.kind === 'groupPractice').map((s) => s.programme))];
    const output = OUTPUT_OF_UNIT[i.unit];
    const plan = planned(i);
    return {
      indicatorId: i.id,
      indicator: i.name,
      title: groups.length ? `${i.name}（${groups.join('、')}）` : i.name,
      serviceArea: i.serviceArea,
      extension: false,
      unit: i.unit,
      plannedSessions: plan.sessions,
      plannedVisits: plan.visits,
      plannedOutput: plan.output,
      ongoing: plan.ongoing,
      sessions: sum(mine, 'sessions'),
      visits: sum(mine, 'visits'),
      output: output ? sum(produced, output) : null,
      documents: documentsOf(mine, produced),
    };
  });

  const lines = new Map<string, SourceTally[]>();
  for (const s of sources.filter((s) => s.indicatorId === null || !inPlan.has(s.indicatorId)).sort(byKindAndTitle)) {
    lines.set(s.programme, [...(lines.get(s.programme) ?? []), s]);
  }
  for (const [programme, mine] of lines) {
    rows.push({
      indicatorId: null,
      indicator: EXTENSION,
      title: programme,
      serviceArea: mine[0].serviceArea || null,
      extension: true,
      unit: '次',
      plannedSessions: null,
      plannedVisits: null,
      plannedOutput: null,
      ongoing: false,
      sessions: sum(mine, 'sessions'),
      visits: sum(mine, 'visits'),
      output: null,
      documents: documentsOf(mine, []),
    });
  }
  return rows;
}

/** How a number reads after it: '1.5 个', '22 次'. */
const amount = (n: number, unit: Unit) => `${n} ${unit}`;

/** How a target reads in the summary: the plan's wording, or '老年人一对一上门服务 22 次', or '入户工作（持续进行）'. */
export const targetText = (t: { indicator: string; measure: Measure; target: number | null; ongoing?: boolean; text?: string }) =>
  t.text || (t.ongoing || t.target === null ? `${t.indicator}（持续进行）` : `${t.indicator} ${amount(t.target, MEASURE_UNIT[t.measure])}`);

/** A monthly target is met once what was achieved reaches it; until then, and always for an ongoing one, it is 持续进行. */
export const targetStatus = (achieved: number, target: number | null) => (target !== null && achieved >= target ? '已完成' : '持续进行');

export type MonthlySummary = z.input<(typeof statsContract)['monthlySummary']['output']>;

/**
 * 月度工作总结: each target of the month against what the month's records show, in its unit, and
 * next month's plan. Targets that share an indicator are each set against everything done under
 * it. A 持续进行 target stays 持续进行 and shows the month's work under its indicator. 个案 (cases)
 * are not recorded here yet: such a target counts nothing.
 */
export function monthlySummary(
  plan: Pick<PlanDoc, 'indicators' | 'monthlyTargets'> | null,
  month: string,
  sources: SourceTally[],
  outputs: RecordOutputs[] = [],
): MonthlySummary {
  const indicators = plan?.indicators ?? [];
  const targets = plan?.monthlyTargets ?? [];
  const name = new Map(indicators.map((i) => [i.id, i.name]));
  const line = (t: MonthlyTarget) => {
    const indicator = name.get(t.indicatorId) ?? t.indicatorId;
    return {
      id: t.id,
      indicatorId: t.indicatorId,
      indicator,
      measure: t.measure,
      unit: MEASURE_UNIT[t.measure],
      target: t.target,
      ongoing: t.ongoing,
      text: targetText({ ...t, indicator }),
    };
  };
  const done = (indicatorId: string, measure: Measure) => {
    if (measure === 'cases') return 0;
    if (measure === 'sessions' || measure === 'visits')
      return sum(
        sources.filter((s) => s.indicatorId === indicatorId),
        measure,
      );
    return sum(
      outputs.filter((o) => o.indicatorId === indicatorId),
      measure,
    );
  };
  /** Everything done under an indicator this month, for an ongoing target: '3 次，45 人次'. */
  const work = (indicatorId: string) => {
    const parts = (['sessions', 'visits', 'people', 'groups', 'reports'] as const)
      .map((m) => [done(indicatorId, m), MEASURE_UNIT[m]] as const)
      .filter(([n]) => n > 0);
    return parts.length ? parts.map(([n, unit]) => amount(n, unit)).join('，') : '本月还没有记录';
  };

  const thisMonth = targets.filter((t) => t.month === month);
  const items = thisMonth.map((t) => {
    const achieved = done(t.indicatorId, t.measure);
    const achievedText = t.ongoing ? work(t.indicatorId) : t.measure === 'cases' ? '个案尚未计入' : amount(achieved, MEASURE_UNIT[t.measure]);
    return { ...line(t), achieved, achievedText, status: t.ongoing ? '持续进行' : targetStatus(achieved, t.target) } as const;
  });
  // Work no target of the month covers, by each source's own name, as the summary lists “冬至节”社区活动.
  const targeted = new Set(thisMonth.map((t) => t.indicatorId));
  const other = new Map<string, MonthlySummary['otherWork'][number]>();
  for (const s of [...sources].sort(byKindAndTitle)) {
    if (s.indicatorId !== null && targeted.has(s.indicatorId)) continue;
    const indicator = (s.indicatorId !== null && name.get(s.indicatorId)) || EXTENSION;
    const key = `${indicator}|${s.name}`;
    const seen = other.get(key) ?? { indicator, title: s.name, sessions: 0, visits: 0 };
    other.set(key, { ...seen, sessions: seen.sessions + s.sessions, visits: seen.visits + s.visits });
  }
  const otherWork = [...other.values()];

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
    byArea: split((t) => t.serviceArea || NO_AREA)
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

const sum = <K extends string>(items: Partial<Record<K, number>>[], key: K) => items.reduce((n, i) => n + (i[key] ?? 0), 0);
