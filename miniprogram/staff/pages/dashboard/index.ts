import { CloudError } from '../../../services/cloud';
import { dashboard, dayLabel, monthLabel, type Dashboard } from '../../../services/stats';
import { careMode } from '../../../utils/care';
import { trendBars, upcomingLines } from './view';

/** 数据看板: the secretary's read-only view of what the station did, as counts. */
Component({
  behaviors: [careMode],
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    error: '',
    board: null as Dashboard | null,
    monthText: '',
    periodText: '',
    bars: [] as ReturnType<typeof trendBars>,
    upcoming: [] as ReturnType<typeof upcomingLines>,
  },
  methods: {
    onShow() {
      return this.load();
    },
    async load() {
      // Coming back refreshes quietly; only the first load shows the spinner.
      if (!this.data.board) this.setData({ state: 'loading' });
      try {
        const board = await dashboard();
        this.setData({
          state: 'ready',
          board,
          monthText: monthLabel(board.month, true),
          periodText: board.period ? `${dayLabel(board.period.from)} 至 ${dayLabel(board.period.to)}` : '',
          bars: trendBars(board.trend),
          upcoming: upcomingLines(board.upcoming),
        });
      } catch (err) {
        if (!this.data.board) this.setData({ state: 'error', error: err instanceof CloudError ? err.message : '' });
      }
    },
    openReport() {
      wx.navigateTo({ url: '/staff/pages/report/index' });
    },
  },
});
