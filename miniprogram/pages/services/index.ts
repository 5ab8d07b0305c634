import { pageLoad } from '../../behaviors/page-load';
import { overview, type HaircutDay, type ServiceKind } from '../../services/services';
import { careMode } from '../../utils/care';
import { formatDay, formatTime } from '../../utils/date';
import { nowMs } from '../../utils/clock';

/**
 * The coming haircut day as the 服务 page shows it: the date, and each slot's seats left. A slot
 * with seats, not yet started, opens the booking form with it chosen — unless the resident has
 * already booked that day.
 */
function haircutCard(day: HaircutDay | undefined, now: number) {
  if (!day) return null;
  const mine = day.myBooking ? day.slots.find((s) => s.id === day.myBooking?.slotId) : undefined;
  return {
    date: formatDay(day.slots[0].startAt),
    place: day.place,
    note: day.note,
    slots: day.slots.map((s) => {
      const started = new Date(s.startAt).getTime() <= now;
      return {
        id: s.id,
        time: `${formatTime(s.startAt)}–${formatTime(s.endAt)}`,
        left: started ? '已开始' : s.seatsLeft === 0 ? '已约满' : `还剩 ${s.seatsLeft} 个`,
        bookable: !mine && !started && s.seatsLeft > 0,
      };
    }),
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
            haircut: haircutCard(haircutDays[0], nowMs()),
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
    /** A tap on a time slot: the booking form, that slot already chosen. */
    bookSlot(e: WechatMiniprogram.BaseEvent<{}, { id: string; bookable: boolean }>) {
      const { id, bookable } = e.currentTarget.dataset;
      if (!bookable) return;
      wx.navigateTo({ url: `/pages/service-request/index?kind=haircut&slot=${encodeURIComponent(id)}` });
    },
    goMyRequests() {
      wx.navigateTo({ url: '/pages/my-requests/index' });
    },
  },
});
