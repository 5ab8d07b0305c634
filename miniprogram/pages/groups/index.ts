import { CloudError } from '../../services/cloud';
import { listGroups, STATUS_TEXT, type GroupSummary } from '../../services/groups';
import { careMode } from '../../utils/care';

/** How a card reads: when and where, how many, and the resident's own status if they applied. */
const card = (g: GroupSummary) => ({
  id: g.id,
  name: g.name,
  scheduleText: g.scheduleText,
  place: g.place,
  membersText: `${g.memberCount} 位队员`,
  nextText: g.nextPractice ? `下次练习：${g.nextPractice.label}` : '最近没有安排练习',
  // Withdrawn or left is history, not a status worth a badge.
  myStatusText: g.myStatus === 'applied' || g.myStatus === 'approved' || g.myStatus === 'declined' ? STATUS_TEXT[g.myStatus] : '',
  myStatus: g.myStatus,
});

/** 队伍 (tab): the community groups (社区社会组织) a resident can join. */
Component({
  behaviors: [careMode],
  data: {
    state: 'loading' as 'loading' | 'empty' | 'error' | 'ready',
    error: '',
    cards: [] as ReturnType<typeof card>[],
  },
  methods: {
    onShow() {
      return this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      if (this.data.state !== 'ready') this.setData({ state: 'loading' });
      try {
        const cards = (await listGroups()).map(card);
        this.setData({ state: cards.length ? 'ready' : 'empty', cards });
      } catch (err) {
        this.setData({ state: 'error', error: err instanceof CloudError ? err.message : '' });
      }
    },
    open(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      wx.navigateTo({ url: `/pages/group/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
