import { monthLabel, monthRange, shiftMonth, type Measure, type Plan, type PlanInput } from '../../../services/stats';

/** 服务领域, as the stats contract takes them. */
export const AREAS = ['老年人', '残障人士', '家庭', '青少年', '社区'] as const;
type Area = (typeof AREAS)[number];
export const MEASURES: Measure[] = ['sessions', 'visits'];
export const MEASURE_NAMES = ['活动次数', '受益人次'];

/** What the plan page edits: numbers stay as typed until saving. */
export interface IndicatorForm {
  id: string;
  name: string;
  serviceArea: Area;
  plannedSessions: string;
  plannedVisits: string;
}
export interface TargetForm {
  month: string;
  indicatorId: string;
  measure: Measure;
  target: string;
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
      plannedSessions: String(i.plannedSessions),
      plannedVisits: String(i.plannedVisits),
    })),
    targets: plan.monthlyTargets.map((t) => ({ ...t, target: String(t.target) })),
  };
}

/** A count as typed: a number from 0 up, fractions allowed (1.5 个); null when it is not one. */
function count(typed: string): number | null {
  const n = Number(typed.trim());
  return typed.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** The form as setPlan takes it, or the first thing to fix, said plainly. */
export function formToInput(form: PlanForm): { input: PlanInput } | { problem: string } {
  if (form.to < form.from) return { problem: '项目结束日期不能早于开始日期' };
  const indicators: PlanInput['indicators'] = [];
  for (const [i, ind] of form.indicators.entries()) {
    const name = ind.name.trim();
    if (!name) return { problem: `第 ${i + 1} 个指标还没有名称` };
    const plannedSessions = count(ind.plannedSessions);
    const plannedVisits = count(ind.plannedVisits);
    if (plannedSessions === null) return { problem: `“${name}”的计划活动次数请填数字` };
    if (plannedVisits === null) return { problem: `“${name}”的计划受益人次请填数字` };
    indicators.push({ id: ind.id, name, serviceArea: ind.serviceArea, plannedSessions, plannedVisits });
  }
  const monthlyTargets: NonNullable<PlanInput['monthlyTargets']> = [];
  for (const t of form.targets) {
    const target = count(t.target);
    if (target === null) return { problem: `${monthLabel(t.month, true)}有一条目标没有填数字` };
    monthlyTargets.push({ month: t.month, indicatorId: t.indicatorId, measure: t.measure, target });
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
      indicatorIndex: Math.max(0, form.indicators.findIndex((i) => i.id === t.indicatorId)),
      indicatorName: form.indicators.find((i) => i.id === t.indicatorId)?.name || '（未命名指标）',
      measureIndex: MEASURES.indexOf(t.measure),
      target: t.target,
    }));
}

/** Copies last month's targets into `month`, skipping any it already has. */
export function copyTargets(form: PlanForm, month: string): TargetForm[] {
  const have = new Set(form.targets.filter((t) => t.month === month).map((t) => `${t.indicatorId}|${t.measure}`));
  const copied = form.targets
    .filter((t) => t.month === shiftMonth(month, -1) && !have.has(`${t.indicatorId}|${t.measure}`))
    .map((t) => ({ ...t, month }));
  return [...form.targets, ...copied];
}
