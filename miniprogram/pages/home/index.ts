import { pageLoad } from '../../behaviors/page-load';
import { ACTIVITY_STATUS_TEXT, listActivities, SERVICE_AREAS, STATUS_TEXT, type ActivitySummary, type ServiceArea } from '../../services/activities';
import { careMode } from '../../utils/care';

/** Only a seat is good news in green: waiting is a warning, a withdrawn sign-up is plain. */
const MY_STATUS_THEME: Record<NonNullable<ActivitySummary['myStatus']>, 'success' | 'warning' | 'default'> = {
  registered: 'success',
  waitlisted: 'warning',
  cancelled: 'default',
};

/** How a card reads: seats in words, the resident's own status if they signed up. */
const card = (a: ActivitySummary) => ({
  id: a.id,
  title: a.title,
  timeText: a.timeText,
  place: a.place,
  serviceArea: a.serviceArea,
  seatsText: !a.signUpOpen
    ? a.status === 'published'
      ? '报名已截止'
      : ACTIVITY_STATUS_TEXT[a.status]
    : a.seatsLeft > 0
      ? `还剩 ${a.seatsLeft} 个名额`
      : '名额已满，可以候补',
  full: a.signUpOpen && a.seatsLeft === 0,
  myStatusText: a.myStatus ? STATUS_TEXT[a.myStatus] : '',
  myStatusTheme: a.myStatus ? MY_STATUS_THEME[a.myStatus] : 'default',
});

/** 活动 (home tab): upcoming activities, soonest first, filtered by service area. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    areas: ['全部', ...SERVICE_AREAS],
    area: '全部',
    cards: [] as ReturnType<typeof card>[],
  },
  methods: {
    onShow() {
      return this.load();
    },
    load() {
      const area = this.data.area === '全部' ? undefined : (this.data.area as ServiceArea);
      return this.loadWith(async () => {
        const cards = (await listActivities(area)).map(card);
        return { state: cards.length ? 'ready' : 'empty', cards };
      });
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
