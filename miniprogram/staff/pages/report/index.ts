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
  served,
  shiftMonth,
  type Report,
  type Served,
} from '../../../services/stats';
import { isWorkerOrAdmin, me } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { localDay } from '../../../utils/date';
import { now } from '../../../utils/clock';
import { reportView, summaryView, type rowView } from './rows';

type Tab = 'report' | 'monthly';
const message = (err: unknown) => (err instanceof CloudError ? err.message : '');

/**
 * 报表: planned (to date) vs achieved for any range of days (§3.3 of the station's report), with the
 * documents held for each row; who was served by staff-only tag, for staff only; and the monthly
 * summary with next month's plan (月度工作总结 / 工作计划); both tables export as .xlsx.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    tab: 'report' as Tab,
    period: null as { from: string; to: string } | null,
    from: '',
    to: '',
    rangeText: '',
    planned: [] as ReturnType<typeof rowView>[],
    extension: [] as ReturnType<typeof rowView>[],
    totals: null as Report['totals'] | null,
    /** Staff (社工, project lead) see who was served by tag; the secretary does not. */
    staff: false,
    served: null as Served | null,
    month: '',
    monthText: '',
    nextMonthText: '',
    summary: null as ReturnType<typeof summaryView> | null,
    exporting: false,
  },
  methods: {
    async onLoad() {
      const month = localDay(now()).slice(0, 7);
      this.setData({ month, ...monthRange(month) });
      try {
        const [plan, profile] = await Promise.all([getPlan(), me()]);
        this.setData({ staff: isWorkerOrAdmin(profile.roles) });
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
        const [result, who] = await Promise.all([report(from, to), this.data.staff ? served(from, to) : Promise.resolve(null)]);
        return { ...reportView(result), served: who };
      });
    },
    loadSummary() {
      const { month } = this.data;
      this.setData({ state: 'loading', monthText: monthLabel(month, true), nextMonthText: monthLabel(shiftMonth(month, 1)) });
      return this.loadWith(async () => {
        return { summary: summaryView(await monthlySummary(month)) };
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
