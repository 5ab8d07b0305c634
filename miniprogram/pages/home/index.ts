import { CloudError } from '../../services/cloud';
import { ACTIVITY_STATUS_TEXT, listActivities, SERVICE_AREAS, STATUS_TEXT, type ActivitySummary, type ServiceArea } from '../../services/activities';
import { careMode } from '../../utils/care';

/** How a card reads: seats in words, the resident's own status if they signed up. */
const card = (a: ActivitySummary) => ({
  id: a.id,
  title: a.title,
  timeText: a.timeText,
  place: a.place,
  serviceArea: a.serviceArea,
  seatsText: !a.signUpOpen ? (a.status === 'published' ? '报名已截止' : ACTIVITY_STATUS_TEXT[a.status]) : a.seatsLeft > 0 ? `还剩 ${a.seatsLeft} 个名额` : '名额已满，可以候补',
  full: a.signUpOpen && a.seatsLeft === 0,
  myStatusText: a.myStatus ? STATUS_TEXT[a.myStatus] : '',
});

/** 活动 (home tab): upcoming activities, soonest first, filtered by service area. */
Component({
  behaviors: [careMode],
  data: {
    state: 'loading' as 'loading' | 'empty' | 'error' | 'ready',
    error: '',
    areas: ['全部', ...SERVICE_AREAS],
    area: '全部',
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
      const area = this.data.area === '全部' ? undefined : (this.data.area as ServiceArea);
      try {
        const cards = (await listActivities(area)).map(card);
        this.setData({ state: cards.length ? 'ready' : 'empty', cards });
      } catch (err) {
        this.setData({ state: 'error', error: err instanceof CloudError ? err.message : '' });
      }
    },
    pickArea(e: WechatMiniprogram.BaseEvent<{}, { area: string }>) {
      const { area } = e.currentTarget.dataset;
      if (area === this.data.area) return;
      this.setData({ area, state: 'loading' });
      return this.load();
    },
    open(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      wx.navigateTo({ url: `/pages/activity/index?id=${e.currentTarget.dataset.id}` });
    },
    showAll() {
      this.setData({ area: '全部', state: 'loading' });
      return this.load();
    },
  },
});
