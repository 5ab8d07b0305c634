import { pageLoad } from '../../../behaviors/page-load';
import { CloudError } from '../../../services/cloud';
import { serviceKinds, setKindIndicator, type KindIndicator } from '../../../services/services';
import { dayLabel, getPlan, monthLabel, setPlan, shiftMonth, type Plan } from '../../../services/stats';
import { isWorkerOrAdmin, me } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { localDay } from '../../../utils/date';
import {
  AREAS,
  copyTargets,
  formToInput,
  isOutputUnit,
  MEASURE_NAMES,
  MEASURES,
  newIndicatorId,
  planToForm,
  targetsOf,
  UNIT_NAMES,
  UNITS,
  type PlanForm,
} from './form';
import { now } from '../../../utils/clock';

type Dataset<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<{}, T>;

/** What a service kind can count toward: an indicator of the saved plan, or none (拓展服务). */
const NOT_COUNTED = '不计入（拓展服务）';
type Indicators = Plan['indicators'];

/**
 * One row per service kind with its choice. The choices are the *saved* plan's indicators: an
 * indicator added on screen but not yet saved has no place in the reports to count toward.
 */
function kindRows(kinds: KindIndicator[], indicators: Indicators) {
  return kinds.map((k) => {
    const index = indicators.findIndex((i) => i.id === k.indicatorId);
    const choice = k.indicatorId === null ? NOT_COUNTED : index >= 0 ? indicators[index].name : '（已删除的指标，请重新选择）';
    return { id: k.id, title: k.title, indicatorId: k.indicatorId, choiceIndex: index >= 0 ? index : indicators.length, choice };
  });
}
type Changed<T> = WechatMiniprogram.CustomEvent<{ value: T }, {}, { index: number; field?: string }>;

/**
 * 计划指标: the project lead sets the project period, its indicators — each in its unit: 次 and
 * 人次 with their planned 活动次数 and 受益人次, or 人, 个, 份 with one planned number — and each
 * month's targets: fractional (“1.5 个”), worded as the plan words them (“每周1次团队督导”, several
 * may share an indicator), or 持续进行 with no number. Saved as a whole.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    form: { title: '', from: '', to: '', indicators: [], targets: [] } as PlanForm,
    areas: [...AREAS],
    unitNames: UNIT_NAMES,
    measureNames: MEASURE_NAMES,
    indicatorNames: [] as string[],
    /** Per indicator: its unit's place in the picker, and whether it is planned as one number (人, 个, 份). */
    unitIndexes: [] as number[],
    outputUnits: [] as boolean[],
    month: '',
    monthText: '',
    periodText: '',
    monthTargets: [] as ReturnType<typeof targetsOf>,
    saving: false,
    /** 服务计入哪个指标: shown to staff, who may set it (services.setKindIndicator). */
    kinds: [] as KindIndicator[],
    savedIndicators: [] as Indicators,
    kindChoices: [] as string[],
    kindRows: [] as ReturnType<typeof kindRows>,
  },
  methods: {
    onLoad() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const today = localDay(now());
        const [plan, profile] = await Promise.all([getPlan(), me()]);
        const form = planToForm(plan, today);
        const month = today >= form.from && today <= form.to ? today.slice(0, 7) : form.from.slice(0, 7);
        this.show(form, month);
        const kinds = isWorkerOrAdmin(profile.roles) ? await serviceKinds() : [];
        this.showKinds(kinds, plan?.indicators ?? []);
        return {};
      });
    },
    /** Puts the form on screen with everything derived from it. */
    show(form: PlanForm, month: string) {
      this.setData({
        form,
        month,
        monthText: monthLabel(month, true),
        periodText: `${dayLabel(form.from)} 至 ${dayLabel(form.to)}`,
        indicatorNames: form.indicators.map((i, n) => i.name || `第 ${n + 1} 个指标`),
        unitIndexes: form.indicators.map((i) => UNITS.indexOf(i.unit)),
        outputUnits: form.indicators.map((i) => isOutputUnit(i.unit)),
        monthTargets: targetsOf(form, month),
      });
    },
    showKinds(kinds: KindIndicator[], indicators: Indicators) {
      this.setData({
        kinds,
        savedIndicators: indicators,
        kindChoices: [...indicators.map((i) => i.name), NOT_COUNTED],
        kindRows: kindRows(kinds, indicators),
      });
    },
    /** Picking is saving: one kind's setting, on its own, for the services recorded from now on. */
    async onKindIndicator(e: Changed<number>) {
      const kind = this.data.kinds[e.currentTarget.dataset.index];
      const indicatorId = this.data.savedIndicators[Number(e.detail.value)]?.id ?? null;
      if (indicatorId === kind.indicatorId) return;
      try {
        await setKindIndicator(kind.id, indicatorId);
        this.showKinds(
          this.data.kinds.map((k) => (k.id === kind.id ? { ...k, indicatorId } : k)),
          this.data.savedIndicators,
        );
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        await wx.showModal({ title: '没有保存成功', content: err instanceof CloudError ? err.message : '请再试一次', showCancel: false });
      }
    },

    edit(change: (form: PlanForm) => void) {
      const form: PlanForm = JSON.parse(JSON.stringify(this.data.form));
      change(form);
      this.show(form, this.data.month);
    },

    onTitle(e: Changed<string>) {
      this.edit((f) => (f.title = e.detail.value));
    },
    onFrom(e: WechatMiniprogram.PickerChange) {
      this.edit((f) => (f.from = String(e.detail.value)));
    },
    onTo(e: WechatMiniprogram.PickerChange) {
      this.edit((f) => (f.to = String(e.detail.value)));
    },

    addIndicator() {
      this.edit((f) =>
        f.indicators.push({ id: newIndicatorId(), name: '', serviceArea: '社区', unit: '次', plannedSessions: '', plannedVisits: '', plannedOutput: '' }),
      );
    },
    onIndicator(e: Changed<string>) {
      const { index, field } = e.currentTarget.dataset;
      this.edit((f) => Object.assign(f.indicators[index], { [field!]: e.detail.value }));
    },
    onIndicatorArea(e: Changed<number>) {
      this.edit((f) => (f.indicators[e.currentTarget.dataset.index].serviceArea = AREAS[Number(e.detail.value)]));
    },
    onIndicatorUnit(e: Changed<number>) {
      this.edit((f) => (f.indicators[e.currentTarget.dataset.index].unit = UNITS[Number(e.detail.value)]));
    },
    async removeIndicator(e: Dataset<{ index: number }>) {
      const { index } = e.currentTarget.dataset;
      const { id, name } = this.data.form.indicators[index];
      const { confirm } = await wx.showModal({
        title: '删除这个指标？',
        content: `“${name || '未命名'}”和它的每月目标都会删掉，保存后生效。`,
        confirmText: '删除',
      });
      if (!confirm) return;
      this.edit((f) => {
        f.indicators.splice(index, 1);
        f.targets = f.targets.filter((t) => t.indicatorId !== id);
      });
    },

    stepMonth(e: Dataset<{ step: string }>) {
      const month = shiftMonth(this.data.month, Number(e.currentTarget.dataset.step));
      const { from, to } = this.data.form;
      if (month < from.slice(0, 7) || month > to.slice(0, 7)) {
        wx.showToast({ title: '已经到项目期的头了', icon: 'none' });
        return;
      }
      this.show(this.data.form, month);
    },
    addTarget() {
      const first = this.data.form.indicators[0];
      if (!first) {
        wx.showToast({ title: '请先添加指标', icon: 'none' });
        return;
      }
      this.edit((f) => f.targets.push({ month: this.data.month, indicatorId: first.id, measure: 'sessions', target: '', text: '', ongoing: false }));
    },
    copyLastMonth() {
      const before = this.data.form.targets.length;
      this.edit((f) => (f.targets = copyTargets(f, this.data.month)));
      if (this.data.form.targets.length === before) wx.showToast({ title: '上个月没有可复制的目标', icon: 'none' });
    },
    onTargetIndicator(e: Changed<number>) {
      this.edit((f) => (f.targets[e.currentTarget.dataset.index].indicatorId = f.indicators[Number(e.detail.value)].id));
    },
    onTargetMeasure(e: Changed<number>) {
      this.edit((f) => (f.targets[e.currentTarget.dataset.index].measure = MEASURES[Number(e.detail.value)]));
    },
    onTargetValue(e: Changed<string>) {
      this.edit((f) => (f.targets[e.currentTarget.dataset.index].target = e.detail.value));
    },
    onTargetText(e: Changed<string>) {
      this.edit((f) => (f.targets[e.currentTarget.dataset.index].text = e.detail.value));
    },
    onTargetOngoing(e: Changed<boolean>) {
      this.edit((f) => (f.targets[e.currentTarget.dataset.index].ongoing = Boolean(e.detail.value)));
    },
    removeTarget(e: Dataset<{ index: number }>) {
      this.edit((f) => f.targets.splice(e.currentTarget.dataset.index, 1));
    },

    async save() {
      if (this.data.saving) return;
      const checked = formToInput(this.data.form);
      if ('problem' in checked) {
        await wx.showModal({ title: '还不能保存', content: checked.problem, showCancel: false });
        return;
      }
      this.setData({ saving: true });
      try {
        const saved = await setPlan(checked.input);
        this.show(planToForm(saved, localDay(now())), this.data.month);
        this.showKinds(this.data.kinds, saved.indicators);
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        await wx.showModal({ title: '没有保存成功', content: err instanceof CloudError ? err.message : '请再试一次', showCancel: false });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
