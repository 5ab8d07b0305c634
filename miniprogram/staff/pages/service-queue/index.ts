import { CloudError } from '../../../services/cloud';
import {
  cancelHaircutDay,
  completeRequest,
  declineRequest,
  matchVolunteer,
  overview,
  publishHaircutDay,
  queue,
  scheduleRequest,
  setSlotSeats,
  stationInstant,
  volunteers,
  type KindId,
  type QueuedRequest,
  type QueueFilter,
  type ServiceKind,
  type Volunteer,
} from '../../../services/services';
import { careMode } from '../../../utils/care';
import { formatDateTime, formatDay, formatTime, localDay } from '../../../utils/date';
import { tellFailure } from '../../../utils/failure';
import { actionsFor, seatsFrom, slotRows, slotsFrom, type DayPlan } from './queue';
import { now, nowMs } from '../../../utils/clock';

type Status = NonNullable<QueueFilter['status']>;
type PanelAction = 'schedule' | 'match' | 'decline';

const STATUS_FILTERS: { id: Status; text: string }[] = [
  { id: 'open', text: '待处理' },
  { id: 'done', text: '已完成' },
  { id: 'all', text: '全部' },
];

const row = (r: QueuedRequest, kind: ServiceKind) => ({
  ...r,
  whenText: r.when ? formatDateTime(r.when) : '',
  actions: actionsFor(kind, r.status),
});

const tomorrow = () => localDay(new Date(nowMs() + 86_400_000));

const emptyPanel = () => ({
  requestId: '',
  action: '' as PanelAction | '',
  day: localDay(now()),
  time: '09:00',
  note: '',
  volunteerId: '',
  reason: '',
  error: '',
});
/** Changing the chosen haircut day: one slot's seats, or calling the whole day off with a reason. */
const emptyDayEdit = () => ({ slotId: '', seats: '', callingOff: false, reason: '', error: '' });
const emptyPlan = (): DayPlan => ({ day: '', place: '便民大厅二楼', note: '', start: '09:00', minutes: '30', count: '5', seats: '3' });

const messageOf = (err: unknown) => (err instanceof CloudError ? err.message : '没有成功，请再试一次');

/**
 * 服务申请: the queue of each service for social workers — schedule a home visit, match a tutor,
 * decline with a reason, close an ongoing request — and publishing a haircut day with its slots.
 */
Component({
  behaviors: [careMode],
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    error: '',
    kinds: [] as ServiceKind[],
    kind: 'haircut' as KindId,
    statusFilters: STATUS_FILTERS,
    status: 'open' as Status,
    haircutDays: [] as { day: string; text: string; slots: ReturnType<typeof slotRows> }[],
    day: '',
    slots: [] as ReturnType<typeof slotRows>,
    dayEdit: emptyDayEdit(),
    listState: 'loading' as 'loading' | 'empty' | 'error' | 'ready',
    listError: '',
    items: [] as ReturnType<typeof row>[],
    volunteers: [] as Volunteer[],
    panel: emptyPanel(),
    busy: false,
    planOpen: false,
    plan: emptyPlan(),
    planError: '',
    minDay: tomorrow(),
  },
  methods: {
    onLoad(query: { kind?: string }) {
      if (query.kind) this.setData({ kind: query.kind as KindId });
      return this.load();
    },
    /** The kinds and the coming haircut days, then the selected queue. */
    async load() {
      this.setData({ state: 'loading' });
      try {
        const { kinds, haircutDays } = await overview();
        const days = haircutDays.map((d) => ({ day: d.day, text: formatDay(d.slots[0].startAt), slots: slotRows(d, formatTime) }));
        // A day called off leaves the list: fall back to the first one still on.
        const day = days.find((d) => d.day === this.data.day) ?? days[0];
        this.setData({ state: 'ready', kinds, haircutDays: days, day: day?.day ?? '', slots: day?.slots ?? [], dayEdit: emptyDayEdit() });
      } catch (err) {
        return this.setData({ state: 'error', error: messageOf(err) });
      }
      await this.loadQueue();
    },
    async loadQueue() {
      const { kind, status, day } = this.data;
      this.setData({ listState: 'loading', panel: emptyPanel() });
      try {
        const info = this.data.kinds.find((k) => k.id === kind)!;
        const found = await queue({ kind, status, ...(kind === 'haircut' && day ? { day } : {}) });
        if (info.intake === 'match' && this.data.volunteers.length === 0) this.setData({ volunteers: await volunteers() });
        this.setData({ listState: found.length ? 'ready' : 'empty', items: found.map((r) => row(r, info)) });
      } catch (err) {
        this.setData({ listState: 'error', listError: messageOf(err) });
      }
    },
    pickKind(e: WechatMiniprogram.BaseEvent<{}, { id: KindId }>) {
      this.setData({ kind: e.currentTarget.dataset.id, planOpen: false });
      return this.loadQueue();
    },
    pickStatus(e: WechatMiniprogram.BaseEvent<{}, { id: Status }>) {
      this.setData({ status: e.currentTarget.dataset.id });
      return this.loadQueue();
    },
    pickDay(e: WechatMiniprogram.BaseEvent<{}, { day: string }>) {
      const day = e.currentTarget.dataset.day;
      this.setData({ day, slots: this.data.haircutDays.find((d) => d.day === day)?.slots ?? [], dayEdit: emptyDayEdit() });
      return this.loadQueue();
    },

    editSeats(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const slot = this.data.slots.find((s) => s.id === e.currentTarget.dataset.id);
      if (slot) this.setData({ dayEdit: { ...emptyDayEdit(), slotId: slot.id, seats: String(slot.seats) } });
    },
    openCallOff() {
      this.setData({ dayEdit: { ...emptyDayEdit(), callingOff: true } });
    },
    closeDayEdit() {
      this.setData({ dayEdit: emptyDayEdit() });
    },
    onDayEditField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'seats' | 'reason' }>) {
      this.setData({ [`dayEdit.${e.currentTarget.dataset.field}`]: e.detail.value, 'dayEdit.error': '' });
    },
    async saveSeats() {
      const { dayEdit } = this.data;
      const slot = this.data.slots.find((s) => s.id === dayEdit.slotId);
      const seats = seatsFrom(dayEdit.seats);
      if (!slot) return;
      if (typeof seats === 'string') return this.setData({ 'dayEdit.error': seats });
      const { confirm } = await wx.showModal({
        title: '修改名额',
        content: `${slot.timeText} 的名额改为 ${seats} 个（已约 ${slot.booked} 人）`,
        confirmText: '修改',
        cancelText: '再想想',
      });
      if (!confirm) return;
      await this.changeDay(() => setSlotSeats(slot.id, seats), '名额已修改');
    },
    async callOffDay() {
      const reason = this.data.dayEdit.reason.trim();
      if (reason.length < 2) return this.setData({ 'dayEdit.error': '请写一下取消的原因，居民会收到' });
      const day = this.data.haircutDays.find((d) => d.day === this.data.day);
      if (!day) return;
      const booked = day.slots.reduce((sum, s) => sum + s.booked, 0);
      const { confirm } = await wx.showModal({
        title: `取消${day.text}的义剪`,
        content: `已预约的 ${booked} 位居民的预约都会取消，并收到通知：${reason}`,
        confirmText: '整天取消',
        confirmColor: '#A8201A',
        cancelText: '不取消',
      });
      if (!confirm) return;
      await this.changeDay(() => cancelHaircutDay(day.day, reason), '已取消这一天');
    },
    /** Runs one change to the chosen day, then shows the days and the queue as they are now. */
    async changeDay(change: () => Promise<unknown>, done: string) {
      this.setData({ busy: true });
      try {
        await change();
        wx.showToast({ title: done, icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ 'dayEdit.error': messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
    call(e: WechatMiniprogram.BaseEvent<{}, { phone: string }>) {
      wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone, fail: () => undefined });
    },

    /** Opens the small form under one request: schedule, match or decline. */
    openPanel(e: WechatMiniprogram.BaseEvent<{}, { id: string; action: PanelAction }>) {
      const { id, action } = e.currentTarget.dataset;
      const item = this.data.items.find((i) => i.id === id);
      this.setData({ panel: { ...emptyPanel(), requestId: id, action, volunteerId: item?.volunteer?.id ?? '' } });
    },
    closePanel() {
      this.setData({ panel: emptyPanel() });
    },
    onPanelField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'day' | 'time' | 'note' | 'reason' }>) {
      this.setData({ [`panel.${e.currentTarget.dataset.field}`]: e.detail.value, 'panel.error': '' });
    },
    pickVolunteer(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      this.setData({ 'panel.volunteerId': e.currentTarget.dataset.id, 'panel.error': '' });
    },
    async submitPanel() {
      const { panel } = this.data;
      const note = panel.note.trim();
      if (panel.action === 'match' && !panel.volunteerId) return this.setData({ 'panel.error': '请选一位志愿者' });
      if (panel.action === 'decline') {
        if (panel.reason.trim().length < 2) return this.setData({ 'panel.error': '请写一下原因，居民会看到' });
        const { confirm } = await wx.showModal({
          title: '婉拒这条申请',
          content: `居民会看到原因：${panel.reason.trim()}`,
          confirmText: '婉拒',
          confirmColor: '#A8201A',
          cancelText: '再想想',
        });
        if (!confirm) return;
      }
      this.setData({ busy: true });
      try {
        if (panel.action === 'schedule') await scheduleRequest({ requestId: panel.requestId, at: stationInstant(panel.day, panel.time), note });
        if (panel.action === 'match') await matchVolunteer({ requestId: panel.requestId, volunteerId: panel.volunteerId, note });
        if (panel.action === 'decline') await declineRequest(panel.requestId, panel.reason.trim());
        wx.showToast({ title: panel.action === 'decline' ? '已婉拒' : panel.action === 'match' ? '已匹配' : '已安排', icon: 'success' });
        await this.loadQueue();
      } catch (err) {
        this.setData({ 'panel.error': messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
    async complete(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const item = this.data.items.find((i) => i.id === e.currentTarget.dataset.id);
      if (!item) return;
      const { confirm } = await wx.showModal({
        title: `结束${item.title}`,
        content: `${item.person.name}：${item.summary}。结束后不能再记录服务。`,
        confirmText: '结束',
        cancelText: '不结束',
      });
      if (!confirm) return;
      try {
        await completeRequest(item.id);
        wx.showToast({ title: '已结束', icon: 'success' });
      } catch (err) {
        tellFailure('没有成功', err, '没有成功，请再试一次');
      }
      await this.loadQueue();
    },
    record(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      wx.navigateTo({ url: `/staff/pages/service-record/index?kind=${this.data.kind}&requestId=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    togglePlan() {
      this.setData({ planOpen: !this.data.planOpen, plan: emptyPlan(), planError: '' });
    },
    onPlanField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: keyof DayPlan }>) {
      this.setData({ [`plan.${e.currentTarget.dataset.field}`]: e.detail.value, planError: '' });
    },
    async publish() {
      const { plan } = this.data;
      const slots = slotsFrom(plan);
      if (typeof slots === 'string') return this.setData({ planError: slots });
      this.setData({ busy: true });
      try {
        await publishHaircutDay({ place: plan.place.trim(), note: plan.note.trim(), slots });
        wx.showToast({ title: '已发布', icon: 'success' });
        this.setData({ planOpen: false, day: plan.day });
        await this.load();
      } catch (err) {
        this.setData({ planError: messageOf(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
