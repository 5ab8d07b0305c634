import { pageLoad } from '../../behaviors/page-load';
import { CloudError, isNetworkError } from '../../services/cloud';
import { overview, requestService, type FormOptions, type HaircutDay, type KindId, type ServiceKind } from '../../services/services';
import { careMode } from '../../utils/care';
import { formatDay, formatTime } from '../../utils/date';
import { choicesOf, emptyForm, MAX_CHILD_NAME, MAX_NOTE, requestFrom, toggle, type RequestForm } from './form';
import { nowMs } from '../../utils/clock';

type ChoiceField = 'preferredTimes' | 'subjects' | 'support';

/** A slot as the resident picks it: its time, the seats left, and whether it can still be booked. */
function slotRows(day: HaircutDay, picked: string, now: number) {
  return day.slots.map((s) => {
    const started = new Date(s.startAt).getTime() <= now;
    const full = s.seatsLeft === 0;
    return {
      id: s.id,
      time: `${formatTime(s.startAt)}–${formatTime(s.endAt)}`,
      note: started ? '已开始' : full ? '已约满' : `还剩 ${s.seatsLeft} 个`,
      disabled: started || full,
      selected: s.id === picked,
    };
  });
}

/** 申请服务: the form of one kind of service, chosen on the 服务 page (`?kind=tutoring`). */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    kind: 'haircut' as KindId,
    info: null as ServiceKind | null,
    options: null as FormOptions | null,
    day: null as HaircutDay | null,
    dayText: '',
    booked: '',
    slots: [] as ReturnType<typeof slotRows>,
    form: emptyForm() as RequestForm,
    choices: null as ReturnType<typeof choicesOf> | null,
    formError: '',
    needProfile: false,
    saving: false,
    maxNote: MAX_NOTE,
    maxChildName: MAX_CHILD_NAME,
  },
  methods: {
    /** `?kind=haircut&slot=<id>`: a slot tapped on 服务 comes already chosen. */
    onLoad(query: { kind?: string; slot?: string }) {
      const kind = (query.kind ?? 'haircut') as KindId;
      const slotId = kind === 'haircut' && query.slot ? decodeURIComponent(query.slot) : '';
      this.setData({ kind, 'form.slotId': slotId });
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const { kinds, haircutDays, options } = await overview();
        const info = kinds.find((k) => k.id === this.data.kind);
        if (!info) return { state: 'empty', error: '' };
        const day = info.intake === 'slot' ? (haircutDays[0] ?? null) : null;
        if (info.intake === 'slot' && !day) return { state: 'empty', info };
        const mine = day?.myBooking ? day.slots.find((s) => s.id === day.myBooking?.slotId) : undefined;
        wx.setNavigationBarTitle({ title: info.title });
        const now = nowMs();
        // A slot chosen on 服务 that has filled up or started since (or is on another day) is not kept.
        const chosen = day ? slotRows(day, this.data.form.slotId, now).find((s) => s.selected && !s.disabled) : undefined;
        const form = { ...this.data.form, slotId: chosen ? chosen.id : '' };
        return {
          info,
          options,
          day,
          dayText: day ? formatDay(day.slots[0].startAt) : '',
          booked: mine ? `${formatTime(mine.startAt)}–${formatTime(mine.endAt)}` : '',
          form,
          slots: day ? slotRows(day, form.slotId, now) : [],
          choices: choicesOf(this.data.kind, options, form),
        };
      });
    },
    /** Redraws what depends on the form after a change. */
    setForm(form: RequestForm) {
      const { day, options, kind } = this.data;
      this.setData({
        form,
        formError: '',
        slots: day ? slotRows(day, form.slotId, nowMs()) : [],
        choices: options ? choicesOf(kind, options, form) : null,
      });
    },
    pickSlot(e: WechatMiniprogram.BaseEvent<{}, { id: string; disabled: boolean }>) {
      if (e.currentTarget.dataset.disabled) return;
      this.setForm({ ...this.data.form, slotId: e.currentTarget.dataset.id });
    },
    pickGrade(e: WechatMiniprogram.BaseEvent<{}, { value: string }>) {
      this.setForm({ ...this.data.form, grade: e.currentTarget.dataset.value });
    },
    toggleChoice(e: WechatMiniprogram.BaseEvent<{}, { field: ChoiceField; value: string }>) {
      const { field, value } = e.currentTarget.dataset;
      this.setForm({ ...this.data.form, [field]: toggle(this.data.form[field], value) });
    },
    onText(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'childName' | 'note' }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    async submit() {
      // A second tap while the first is on its way would make a second request.
      if (this.data.saving) return;
      const input = requestFrom(this.data.kind, this.data.form);
      if (typeof input === 'string') return this.setData({ formError: input });
      this.setData({ saving: true, formError: '', needProfile: false });
      try {
        await requestService(input);
        wx.showToast({ title: input.kind === 'haircut' ? '已预约' : '已提交', icon: 'success' });
        wx.redirectTo({ url: '/pages/my-requests/index' });
      } catch (err) {
        const code = err instanceof CloudError ? err.code : '';
        this.setData({
          formError: isNetworkError(err)
            ? '网络不太好，不确定有没有提交上。请到“我的申请”里看一看，没有再提交。'
            : err instanceof CloudError
              ? err.message
              : '没有提交成功，请再试一次',
          needProfile: code === 'PROFILE_INCOMPLETE',
        });
        // Someone was faster: show the seats as they are now.
        if (code === 'SLOT_FULL' || code === 'BOOKING_CLOSED') {
          this.setData({ 'form.slotId': '', state: 'loading' });
          await this.load();
        }
      } finally {
        this.setData({ saving: false });
      }
    },
    editProfile() {
      wx.navigateTo({ url: '/pages/profile/index' });
    },
    askHomeHaircut() {
      wx.redirectTo({ url: '/pages/service-request/index?kind=homeHaircut' });
    },
    goMyRequests() {
      wx.redirectTo({ url: '/pages/my-requests/index' });
    },
    goServices() {
      wx.switchTab({ url: '/pages/services/index' });
    },
  },
});
