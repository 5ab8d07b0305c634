import { pageLoad } from '../../behaviors/page-load';
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
  behaviors: [careMode, pageLoad],
  data: {
    cards: [] as ReturnType<typeof card>[],
  },
  methods: {
    onShow() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const cards = (await listGroups()).map(card);
        return { state: cards.length ? 'ready' : 'empty', cards };
      });
    },
    open(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      wx.navigateTo({ url: `/pages/group/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
