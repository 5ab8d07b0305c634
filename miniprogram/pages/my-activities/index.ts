import { pageLoad } from '../../behaviors/page-load';
import { myActivities, STATUS_TEXT, type MyActivities } from '../../services/activities';
import { careMode } from '../../utils/care';
import { qrMatrix } from '../../utils/qr';
import { partyText } from '../activity/form';

/** About 210px wide: large enough for a worker's phone to scan at arm's length. */
const QR_WIDTH_PX = 210;

const row = ({ activity: a, signUp: s }: MyActivities['items'][number]) => ({
  id: a.id,
  title: a.title,
  timeText: a.timeText,
  place: a.place,
  status: s.status,
  statusText: a.status === 'cancelled' ? '活动已取消' : STATUS_TEXT[s.status],
  waitlistText: a.status !== 'cancelled' && s.waitlistPosition ? `候补第 ${s.waitlistPosition} 位，有人取消时按先后递补` : '',
  tone: a.status === 'cancelled' || s.status === 'cancelled' ? 'muted' : s.status,
  partyText: partyText(s.party),
  attendedText: a.sessionCount > 1 ? `已签到 ${s.checkedIn.length} / ${a.sessionCount} 次` : s.checkedIn.length ? '已签到' : '',
});

/** 我的活动: what this resident signed up for, where each stands, and the code the worker scans at the door. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    rows: [] as ReturnType<typeof row>[],
    code: '',
    qr: [] as boolean[][],
    qrCell: 10,
  },
  methods: {
    onShow() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const { checkinCode, items } = await myActivities();
        const qr = qrMatrix(checkinCode);
        return {
          state: items.length ? 'ready' : 'empty',
          rows: items.map(row),
          // In two groups of four, easier to read out: "ABCD 2345".
          code: checkinCode.replace(/(.{4})(?=.)/g, '$1 '),
          qr,
          qrCell: Math.floor(QR_WIDTH_PX / qr.length),
        };
      });
    },
    open(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      wx.navigateTo({ url: `/pages/activity/index?id=${e.currentTarget.dataset.id}` });
    },
    goHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
