import { pageLoad } from '../../../behaviors/page-load';
import { CloudError } from '../../../services/cloud';
import {
  dayLabel,
  exportMonthlySummary,
  exportReport,
  getPlan,
  monthLabel,
  monthlySummary,
  monthRange,
  report,
  shiftMonth,
  UNIT,
  type MonthlySummary,
  type Report,
} from '../../../services/stats';
import { careMode } from '../../../utils/care';
import { localDay } from '../../../utils/date';
import { now } from '../../../utils/clock';

type Tab = 'report' | 'monthly';
const message = (err: unknown) => (err instanceof CloudError ? err.message : '');

/** A monthly target as the summary reads it: '老年人上门服务 1.5 次'. */
const targetLine = (t: { indicator: string; measure: keyof typeof UNIT; target: number }) => `${t.indicator} ${t.target} ${UNIT[t.measure]}`;

/**
 * 报表: planned vs achieved for any range of days (§3.3 of the station's report), and the monthly
 * summary with next month's plan (月度工作总结 / 工作计划); both export as .xlsx.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    tab: 'report' as Tab,
    period: null as { from: string; to: string } | null,
    from: '',
    to: '',
    rangeText: '',
    planned: [] as Report['rows'],
    extension: [] as Report['rows'],
    totals: null as Report['totals'] | null,
    month: '',
    monthText: '',
    nextMonthText: '',
    summary: null as (Omit<MonthlySummary, 'items' | 'nextPlan'> & { items: (MonthlySummary['items'][number] & { text: string })[]; nextPlan: string[] }) | null,
    exporting: false,
  },
  methods: {
    async onLoad() {
      const month = localDay(now()).slice(0, 7);
      this.setData({ month, ...monthRange(month) });
      try {
        const plan = await getPlan();
        // The whole project period is what the funder asks for first.
        if (plan) this.setData({ period: { from: plan.from, to: plan.to }, from: plan.from, to: plan.to });
      } catch {
        // No plan to read: the report still works for this month, and load() shows any real error.
      }
      return this.load();
    },
    load() {
      return this.data.tab === 'report' ? this.loadReport() : this.loadSummary();
    },
    // Each range or month is a new table: the spinner shows while it is read.
    loadReport() {
      const { from, to } = this.data;
      this.setData({ state: 'loading', rangeText: `${dayLabel(from)} 至 ${dayLabel(to)}` });
      return this.loadWith(async () => {
        const result = await report(from, to);
        return { planned: result.rows.filter((r) => !r.extension), extension: result.rows.filter((r) => r.extension), totals: result.totals };
      });
    },
    loadSummary() {
      const { month } = this.data;
      this.setData({ state: 'loading', monthText: monthLabel(month, true), nextMonthText: monthLabel(shiftMonth(month, 1)) });
      return this.loadWith(async () => {
        const s = await monthlySummary(month);
        return { summary: { ...s, items: s.items.map((i) => ({ ...i, text: targetLine(i) })), nextPlan: s.nextPlan.map(targetLine) } };
      });
    },
    showTab(e: WechatMiniprogram.BaseEvent<{}, { tab: Tab }>) {
      this.setData({ tab: e.currentTarget.dataset.tab });
      return this.load();
    },
    wholePeriod() {
      if (!this.data.period) return;
      this.setData({ ...this.data.period });
      return this.loadReport();
    },
    monthOf(e: WechatMiniprogram.BaseEvent<{}, { shift: string }>) {
      this.setData(monthRange(shiftMonth(localDay(now()).slice(0, 7), Number(e.currentTarget.dataset.shift))));
      return this.loadReport();
    },
    onFrom(e: WechatMiniprogram.PickerChange) {
      const from = String(e.detail.value);
      // A start after the end moves the end along: the range never reads backwards.
      this.setData({ from, to: from > this.data.to ? from : this.data.to });
      return this.loadReport();
    },
    onTo(e: WechatMiniprogram.PickerChange) {
      const to = String(e.detail.value);
      this.setData({ to, from: to < this.data.from ? to : this.data.from });
      return this.loadReport();
    },
    stepMonth(e: WechatMiniprogram.BaseEvent<{}, { step: string }>) {
      this.setData({ month: shiftMonth(this.data.month, Number(e.currentTarget.dataset.step)) });
      return this.loadSummary();
    },
    async exportFile() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        if (this.data.tab === 'report') await exportReport(this.data.from, this.data.to);
        else await exportMonthlySummary(this.data.month);
      } catch (err) {
        wx.showToast({ title: message(err) || '导出没有成功，请再试一次', icon: 'none' });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
