import { pageLoad } from '../../../behaviors/page-load';
import { markPhoned, noticesToPhone, type NoticeToPhone } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { formatDateTime } from '../../../utils/date';
import { tellFailure } from '../../../utils/failure';

/** One notice as the worker reads it before calling. */
const row = (n: NoticeToPhone) => ({
  id: n.id,
  name: n.name || '（未填姓名）',
  phone: n.phone,
  kindLabel: n.kindLabel,
  title: n.title,
  timeText: n.timeText,
  place: n.place,
  createdText: formatDateTime(n.createdAt),
  why: n.hasWeChat ? '微信消息没有发出去' : '没有微信',
});
type Row = ReturnType<typeof row>;

type Dataset<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<{}, T>;

/**
 * 要打电话通知的 (worker and admin): every notice a resident was not sent — no WeChat (offline
 * records, often the oldest), or the message failed — newest first. The worker calls, tells them,
 * and marks it 已通知 so a colleague does not call again. The function refuses anyone else.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    notices: [] as Row[],
    /** The notice being marked, so its button cannot be tapped twice. */
    marking: '',
  },
  methods: {
    onLoad() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const notices = (await noticesToPhone()).map(row);
        return { state: notices.length ? 'ready' : 'empty', notices } as const;
      });
    },
    call(e: Dataset<{ phone: string }>) {
      wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone, fail: () => undefined });
    },
    async markDone(e: Dataset<{ id: string }>) {
      const notice = this.data.notices.find((n) => n.id === e.currentTarget.dataset.id);
      if (!notice || this.data.marking) return;
      const { confirm } = await wx.showModal({
        title: '已经通知了吗',
        content: `已经打电话告诉 ${notice.name}（${notice.kindLabel}：${notice.title}）了吗？确定后这条就从名单里去掉。`,
        confirmText: '已通知',
        cancelText: '还没有',
      });
      if (!confirm) return;
      this.setData({ marking: notice.id });
      try {
        await markPhoned(notice.id);
        const notices = this.data.notices.filter((n) => n.id !== notice.id);
        this.setData({ notices, ...(notices.length ? {} : { state: 'empty' }) });
        wx.showToast({ title: '已记下', icon: 'success' });
      } catch (err) {
        await tellFailure('没有记下', err, '网络不太好，请再试一次');
      } finally {
        this.setData({ marking: '' });
      }
    },
  },
});
