import { pageLoad } from '../../../behaviors/page-load';
import { dashboard, dayLabel, monthLabel, type Dashboard } from '../../../services/stats';
import { careMode } from '../../../utils/care';
import { heldLines, trendBars, upcomingLines } from './view';

/** 数据看板: the secretary's read-only view of what the station did, as counts. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    board: null as Dashboard | null,
    monthText: '',
    periodText: '',
    bars: [] as ReturnType<typeof trendBars>,
    upcoming: [] as ReturnType<typeof upcomingLines>,
    held: [] as ReturnType<typeof heldLines>,
  },
  methods: {
    onShow() {
      return this.load();
    },
    load() {
      // Coming back refreshes quietly, and a failed refresh keeps the figures already shown.
      return this.loadWith(
        async () => {
          const board = await dashboard();
          return {
            board,
            monthText: monthLabel(board.month, true),
            periodText: board.period ? `${dayLabel(board.period.from)} 至 ${dayLabel(board.period.to)}` : '',
            bars: trendBars(board.trend),
            upcoming: upcomingLines(board.upcoming),
            held: heldLines(board.held),
          };
        },
        { keepOnError: true },
      );
    },
    openReport() {
      wx.navigateTo({ url: '/staff/pages/report/index' });
    },
  },
});
