import { pageLoad } from '../../behaviors/page-load';
import { cancelRequest, myRequests, type MyRequest } from '../../services/services';
import { careMode } from '../../utils/care';
import { formatDateTime } from '../../utils/date';
import { tellFailure } from '../../utils/failure';

/** A request as the list shows it; `tone` only colours the status, which is always said in words too. */
const row = (r: MyRequest) => ({
  ...r,
  whenText: r.when ? formatDateTime(r.when) : '',
  tone: r.status === 'declined' || r.status === 'cancelled' ? 'muted' : r.status === 'done' ? 'done' : 'open',
});

/** 我的申请: the services this resident asked for, where each stands, and cancelling one. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    requests: [] as ReturnType<typeof row>[],
    busy: '',
  },
  methods: {
    onShow() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const requests = (await myRequests()).map(row);
        return { state: requests.length ? 'ready' : 'empty', requests };
      });
    },
    async cancel(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const r = this.data.requests.find((x) => x.id === e.currentTarget.dataset.id);
      if (!r) return;
      const { confirm } = await wx.showModal({
        title: `取消${r.title}`,
        content: r.kind === 'haircut' ? `确定不来了吗？取消后 ${r.summary} 的名额会让给别人。` : `确定取消这条申请吗？${r.summary}`,
        confirmText: '确定取消',
        confirmColor: '#A8201A',
        cancelText: '不取消',
      });
      if (!confirm) return;
      this.setData({ busy: r.id });
      try {
        await cancelRequest(r.id);
        wx.showToast({ title: '已取消', icon: 'success' });
      } catch (err) {
        tellFailure('没有取消成功', err);
      } finally {
        this.setData({ busy: '' });
      }
      await this.load();
    },
    goServices() {
      wx.switchTab({ url: '/pages/services/index' });
    },
  },
});
