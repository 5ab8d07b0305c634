import { pageLoad } from '../../behaviors/page-load';
import { overview, type HaircutDay, type ServiceKind } from '../../services/services';
import { careMode } from '../../utils/care';
import { formatDay, formatTime } from '../../utils/date';

/** The coming haircut day as the 服务 page shows it: the date, and each slot's seats left. */
function haircutCard(day: HaircutDay | undefined) {
  if (!day) return null;
  const mine = day.myBooking ? day.slots.find((s) => s.id === day.myBooking?.slotId) : undefined;
  return {
    date: formatDay(day.slots[0].startAt),
    place: day.place,
    note: day.note,
    slots: day.slots.map((s) => ({ id: s.id, time: `${formatTime(s.startAt)}–${formatTime(s.endAt)}`, left: s.seatsLeft === 0 ? '已约满' : `还剩 ${s.seatsLeft} 个` })),
    seatsLeft: day.slots.reduce((sum, s) => sum + s.seatsLeft, 0),
    booked: mine ? `${formatTime(mine.startAt)}–${formatTime(mine.endAt)}` : '',
  };
}

/** 服务: what the station offers, with the next 爱心义剪 day and its slots. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    haircut: null as ReturnType<typeof haircutCard>,
    /** The kinds a resident asks for with a form; the haircut card holds both haircut kinds. */
    others: [] as ServiceKind[],
    haircutKind: null as ServiceKind | null,
  },
  methods: {
    onShow() {
      return this.load();
    },
    load() {
      // Coming back after booking refreshes quietly, and a failed refresh keeps the page.
      return this.loadWith(
        async () => {
          const { kinds, haircutDays } = await overview();
          return {
            haircut: haircutCard(haircutDays[0]),
            haircutKind: kinds.find((k) => k.intake === 'slot') ?? null,
            others: kinds.filter((k) => k.intake !== 'slot' && k.id !== 'homeHaircut'),
          };
        },
        { keepOnError: true },
      );
    },
    open(e: WechatMiniprogram.BaseEvent<{}, { kind: string }>) {
      wx.navigateTo({ url: `/pages/service-request/index?kind=${e.currentTarget.dataset.kind}` });
    },
    goMyRequests() {
      wx.navigateTo({ url: '/pages/my-requests/index' });
    },
  },
});
