import { monthLabel, monthRange, shiftMonth, UNIT, type Measure, type Plan, type PlanInput, type Unit } from '../../../services/stats';

/** 服务领域, as the stats contract takes them. */
export const AREAS = ['老年人', '残障人士', '家庭', '青少年', '社区'] as const;
type Area = (typeof AREAS)[number];
/** What an indicator is measured in: 次 and 人次 by activities and services, 人, 个 and 份 by what the records produce. */
export const UNITS: Unit[] = ['次', '人次', '人', '个', '份'];
export const UNIT_NAMES = ['次（活动次数）', '人次（受益人次）', '人（如 居民骨干）', '个（如 社区组织）', '份（如 调研报告）'];
/** Units counted from the records' outputs: the indicator is planned as one number in that unit. */
export const isOutputUnit = (unit: Unit) => unit === '人' || unit === '个' || unit === '份';
export const MEASURES: Measure[] = ['sessions', 'visits', 'people', 'groups', 'reports', 'cases'];
export const MEASURE_NAMES = ['活动次数', '受益人次', '人数', '组织数', '报告份数', '个案数'];

/** What the plan page edits: numbers stay as typed until saving. */
export interface IndicatorForm {
  id: string;
  name: string;
  serviceArea: Area;
  unit: Unit;
  plannedSessions: string;
  plannedVisits: string;
  plannedOutput: string;
}
export interface TargetForm {
  /** The saved target's id; none for a target added on screen. */
  id?: string;
  month: string;
  indicatorId: string;
  measure: Measure;
  target: string;
  /** The line as the plan words it (每周1次团队督导); may stay empty. */
  text: string;
  /** 持续进行: no number. */
  ongoing: boolean;
}
export interface PlanForm {
  title: string;
  from: string;
  to: string;
  indicators: IndicatorForm[];
  targets: TargetForm[];
}

/** A new indicator's id, made here so its monthly targets can point at it before the first save. */
export const newIndicatorId = () => `ind_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** The saved plan as a form, or a blank one: a year from the first of this month. */
export function planToForm(plan: Plan | null, today: string): PlanForm {
  if (!plan) {
    const month = today.slice(0, 7);
    return { title: '', from: `${month}-01`, to: monthRange(shiftMonth(month, 11)).to, indicators: [], targets: [] };
  }
  return {
    title: plan.title,
    from: plan.from,
    to: plan.to,
    indicators: plan.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      serviceArea: (i.serviceArea ?? '社区') as Area,
      unit: i.unit,
      plannedSessions: String(i.plannedSessions),
      plannedVisits: String(i.plannedVisits),
      plannedOutput: String(i.plannedOutput),
    })),
    targets: plan.monthlyTargets.map((t) => ({
      id: t.id,
      month: t.month,
      indicatorId: t.indicatorId,
      measure: t.measure,
      target: t.target === null ? '' : String(t.target),
      text: t.text ?? '',
      ongoing: t.ongoing,
    })),
  };
}

/** A count as typed: a number from 0 up, fractions allowed (1.5 个); null when it is not one. */
function count(typed: string): number | null {
  const n = Number(typed.trim());
  return typed.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : null;
}
/** A count that may be left empty (0). */
const optionalCount = (typed: string) => (typed.trim() === '' ? 0 : count(typed));

/** The form as setPlan takes it, or the first thing to fix, said plainly. */
export function formToInput(form: PlanForm): { input: PlanInput } | { problem: string } {
  if (form.to < form.from) return { problem: '项目结束日期不能早于开始日期' };
  const indicators: PlanInput['indicators'] = [];
  for (const [i, ind] of form.indicators.entries()) {
    const name = ind.name.trim();
    if (!name) return { problem: `第 ${i + 1} 个指标还没有名称` };
    const output = isOutputUnit(ind.unit);
    // An indicator in 人, 个 or 份 is planned in its unit; its 次 and 人次 may stay empty.
    const plannedSessions = output ? optionalCount(ind.plannedSessions) : count(ind.plannedSessions);
    const plannedVisits = output ? optionalCount(ind.plannedVisits) : count(ind.plannedVisits);
    const plannedOutput = output ? count(ind.plannedOutput) : 0;
    if (plannedOutput === null) return { problem: `“${name}”的计划数量（${ind.unit}）请填数字` };
    if (plannedSessions === null) return { problem: `“${name}”的计划活动次数请填数字` };
    if (plannedVisits === null) return { problem: `“${name}”的计划受益人次请填数字` };
    indicators.push({ id: ind.id, name, serviceArea: ind.serviceArea, unit: ind.unit, plannedSessions, plannedVisits, plannedOutput });
  }
  const monthlyTargets: NonNullable<PlanInput['monthlyTargets']> = [];
  for (const t of form.targets) {
    const target = t.ongoing ? null : count(t.target);
    if (!t.ongoing && target === null) return { problem: `${monthLabel(t.month, true)}有一条目标没有填数字（没有数字的请选“持续进行”）` };
    const text = t.text.trim();
    monthlyTargets.push({
      ...(t.id ? { id: t.id } : {}),
      month: t.month,
      indicatorId: t.indicatorId,
      measure: t.measure,
      target,
      ongoing: t.ongoing,
      ...(text ? { text } : {}),
    });
  }
  return { input: { title: form.title.trim(), from: form.from, to: form.to, indicators, monthlyTargets } };
}

/** The targets of one month, each with where it sits in the form and how its pickers show it. */
export function targetsOf(form: PlanForm, month: string) {
  return form.targets
    .map((t, index) => ({ ...t, index }))
    .filter((t) => t.month === month)
    .map((t) => ({
      index: t.index,
      indicatorIndex: Math.max(
        0,
        form.indicators.findIndex((i) => i.id === t.indicatorId),
      ),
      indicatorName: form.indicators.find((i) => i.id === t.indicatorId)?.name || '（未命名指标）',
      measureIndex: MEASURES.indexOf(t.measure),
      unit: UNIT[t.measure],
      target: t.target,
      text: t.text,
      ongoing: t.ongoing,
    }));
}

/** Copies last month's targets into `month`, skipping any it already has; a copy is a new target (no id). */
export function copyTargets(form: PlanForm, month: string): TargetForm[] {
  const key = (t: TargetForm) => `${t.indicatorId}|${t.measure}|${t.text.trim()}`;
  const have = new Set(form.targets.filter((t) => t.month === month).map(key));
  const copied = form.targets.filter((t) => t.month === shiftMonth(month, -1) && !have.has(key(t))).map(({ id: _id, ...t }) => ({ ...t, month }));
  return [...form.targets, ...copied];
}
