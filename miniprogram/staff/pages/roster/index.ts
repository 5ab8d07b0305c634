import { pageLoad } from '../../../behaviors/page-load';
import {
  ACTIVITY_STATUS_TEXT,
  cancelFor,
  checkIn,
  getActivity,
  listForStaff,
  markNoShows,
  openRosterFile,
  promote,
  proxySignUp,
  roster,
  undoCheckIn,
  type ActivityDetail,
  type ActivitySummary,
  type RosterEntry,
} from '../../../services/activities';
import { CloudError } from '../../../services/cloud';
import { createOffline, findResidents, isWorkerOrAdmin, me, type ResidentForStaff } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { formatDay } from '../../../utils/date';
import { tellFailure } from '../../../utils/failure';
import { defaultSession, matchesFilter, rosterRow, tally, typedCode } from './view';
import { nowMs } from '../../../utils/clock';

const failed = (title: string, err: unknown) => tellFailure(title, err, '网络不太好，请再试一次');

const pickRow = (a: ActivitySummary) => ({
  id: a.id,
  title: a.title,
  timeText: a.timeText,
  statusText: ACTIVITY_STATUS_TEXT[a.status],
  seatsText: `已报 ${a.seatsTaken} / ${a.capacity}`,
});

/**
 * 报名和签到 (staff): without `?id=`, the activities to choose from; with it, the 报名表 — check-in
 * by scanning the resident's code, typing the code they read out, or ticking (a filter box finds
 * one person on a long list), 代报名 (also for a resident without WeChat),
 * moving someone off the waitlist, no-shows after the activity, and the .xlsx exports.
 * Volunteers at the door only check people in; phones reach them masked.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    activityId: '',
    /** Worker or admin: may sign up, move, withdraw and export, and sees full phones. */
    staff: false,
    choices: [] as ReturnType<typeof pickRow>[],
    activity: null as (ActivityDetail & { statusLabel: string }) | null,
    sessions: [] as { id: string; label: string }[],
    sessionId: '',
    entries: [] as RosterEntry[],
    rows: [] as ReturnType<typeof rosterRow>[],
    /** The rows the filter box lets through: what the list shows. */
    shown: [] as ReturnType<typeof rosterRow>[],
    filter: '',
    /** The check-in code as typed from what the resident reads out. */
    code: '',
    counts: { people: 0, headcount: 0, expected: 0 },
    started: false,
    busy: false,
    query: '',
    found: [] as ResidentForStaff[],
    searched: false,
    offline: { name: '', phone: '' },
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.id ?? '' });
      await this.load();
    },
    async onShow() {
      // Coming back from editing the notice: read again quietly.
      if (this.data.state === 'ready') await this.load();
    },
    load() {
      return this.loadWith(async () => {
        const profile = await me();
        const staff = isWorkerOrAdmin(profile.roles);
        if (!this.data.activityId) {
          const choices = (await listForStaff()).filter((a) => a.status !== 'draft').map(pickRow);
          return { staff, choices, state: choices.length ? 'ready' : 'empty' };
        }
        const [activity, entries] = await Promise.all([getActivity(this.data.activityId), roster(this.data.activityId)]);
        const sessionId = activity.sessions.some((s) => s.id === this.data.sessionId) ? this.data.sessionId : defaultSession(activity);
        this.setData({
          staff,
          activity: { ...activity, statusLabel: ACTIVITY_STATUS_TEXT[activity.status] },
          sessions: activity.sessions.map((s, i) => ({ id: s.id, label: `第${i + 1}次 ${formatDay(s.startAt)}` })),
          entries,
        });
        this.showSession(sessionId);
        wx.setNavigationBarTitle({ title: activity.title });
        return {};
      });
    },
    showSession(sessionId: string) {
      const { entries, activity } = this.data;
      const session = activity?.sessions.find((s) => s.id === sessionId);
      const rows = entries.map((e) => rosterRow(e, sessionId));
      this.setData({
        sessionId,
        rows,
        shown: rows.filter((r) => matchesFilter(r, this.data.filter)),
        counts: tally(entries, sessionId),
        // No-shows are marked once the session has begun.
        started: session ? new Date(session.startAt).getTime() <= nowMs() : false,
      });
    },
    pickSession(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      this.showSession(e.currentTarget.dataset.id);
    },
    openActivity(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      wx.navigateTo({ url: `/staff/pages/roster/index?id=${e.currentTarget.dataset.id}` });
    },
    newActivity() {
      wx.navigateTo({ url: '/staff/pages/activity-edit/index' });
    },
    editActivity() {
      wx.navigateTo({ url: `/staff/pages/activity-edit/index?id=${this.data.activityId}` });
    },
    /** Runs one change, says how it went, and reads the roster again; true when it went through. */
    async change(step: () => Promise<unknown>, done: string, failTitle: string): Promise<boolean> {
      this.setData({ busy: true });
      let ok = false;
      try {
        await step();
        ok = true;
        wx.showToast({ title: done, icon: 'success' });
      } catch (err) {
        await failed(failTitle, err);
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
      return ok;
    },
    async scan() {
      let code: string;
      try {
        code = (await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
      } catch {
        return; // the worker closed the camera
      }
      await this.checkInByCode(code);
    },
    /** Checks in whoever holds `code`, scanned or typed; true when it went through. */
    async checkInByCode(code: string): Promise<boolean> {
      this.setData({ busy: true });
      let ok = false;
      try {
        const r = await checkIn({ activityId: this.data.activityId, code, sessionId: this.data.sessionId });
        ok = true;
        wx.showToast({ title: r.alreadyCheckedIn ? `${r.name} 已经签过了` : `${r.name} 签到成功`, icon: r.alreadyCheckedIn ? 'none' : 'success' });
      } catch (err) {
        await failed('没有签上', err);
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
      return ok;
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value });
    },
    /** The resident cannot be scanned: they read their code out ('ABCD 2345') and it is typed here. */
    async typeCode() {
      const code = typedCode(this.data.code);
      if (code.length < 4) {
        wx.showToast({ title: '请输入居民念的签到码', icon: 'none' });
        return;
      }
      if (await this.checkInByCode(code)) this.setData({ code: '' });
    },
    onFilter(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const filter = e.detail.value;
      this.setData({ filter, shown: this.data.rows.filter((r) => matchesFilter(r, filter)) });
    },
    clearFilter() {
      this.setData({ filter: '', shown: this.data.rows });
    },
    tick(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const { activityId, sessionId } = this.data;
      return this.change(() => checkIn({ activityId, personId: e.currentTarget.dataset.id, sessionId }), '已签到', '没有签上');
    },
    async untick(e: WechatMiniprogram.BaseEvent<{}, { id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      const { confirm } = await wx.showModal({ title: '撤销签到', content: `撤销 ${name} 的签到吗？`, confirmText: '撤销', cancelText: '不撤销' });
      if (!confirm) return;
      const { activityId, sessionId } = this.data;
      await this.change(() => undoCheckIn({ activityId, personId: id, sessionId }), '已撤销', '没有撤销成功');
    },
    /** 更多 (staff): the steps used less at the door — calling the resident, withdrawing them. */
    async more(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const row = this.data.rows.find((r) => r.personId === e.currentTarget.dataset.id);
      if (!row) return;
      const steps: { label: string; run: () => unknown }[] = [];
      if (row.phone) steps.push({ label: `打电话 ${row.phone}`, run: () => wx.makePhoneCall({ phoneNumber: row.phone, fail: () => undefined }) });
      if (row.canWithdraw && this.data.activity?.status === 'published') steps.push({ label: '取消报名', run: () => this.withdraw(row.personId, row.name) });
      if (steps.length === 0) return;
      let tapIndex: number;
      try {
        ({ tapIndex } = await wx.showActionSheet({ itemList: steps.map((s) => s.label) }));
      } catch {
        return; // 取消
      }
      await steps[tapIndex]?.run();
    },
    async promote(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const { activityId } = this.data;
      const personId = e.currentTarget.dataset.id;
      this.setData({ busy: true });
      try {
        await promote({ activityId, personId });
        wx.showToast({ title: '已转为报名', icon: 'success' });
      } catch (err) {
        if (!(err instanceof CloudError && err.code === 'FULL')) {
          await failed('没有转成', err);
        } else {
          // Full: the worker may decide to add seats for this family.
          const { confirm } = await wx.showModal({ title: '名额已满', content: err.message, confirmText: '增加名额', cancelText: '先不转' });
          if (confirm) {
            await promote({ activityId, personId, addSeats: true }).then(
              () => wx.showToast({ title: '已转为报名', icon: 'success' }),
              (again) => failed('没有转成', again),
            );
          }
        }
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
    },
    async withdraw(id: string, name: string) {
      const { confirm } = await wx.showModal({
        title: '取消报名',
        content: `替 ${name} 取消报名吗？空出的名额会自动给候补的居民。`,
        confirmText: '确定取消',
        confirmColor: '#A8201A',
        cancelText: '不取消',
      });
      if (!confirm) return;
      await this.change(() => cancelFor(this.data.activityId, id), '已取消报名', '没有取消成功');
    },
    async markNoShows() {
      const { confirm } = await wx.showModal({
        title: '标记缺席',
        content: `这一次没有签到的 ${this.data.counts.expected - this.data.counts.people} 人会记为缺席。活动结束了吗？`,
        confirmText: '标记缺席',
        cancelText: '还没结束',
      });
      if (!confirm) return;
      await this.change(() => markNoShows(this.data.activityId, this.data.sessionId), '已标记', '没有标记成功');
    },
    async exportSheet(e: WechatMiniprogram.BaseEvent<{}, { sheet: 'roster' | 'signin' }>) {
      this.setData({ busy: true });
      try {
        await openRosterFile({ activityId: this.data.activityId, sheet: e.currentTarget.dataset.sheet, sessionId: this.data.sessionId });
      } catch (err) {
        await failed('没有导出', err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onQuery(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: e.detail.value });
    },
    async search() {
      const query = this.data.query.trim();
      if (!query) return;
      try {
        this.setData({ found: await findResidents(query), searched: true });
      } catch (err) {
        await failed('没有查到', err);
      }
    },
    onOffline(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'name' | 'phone' }>) {
      this.setData({ [`offline.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    /** The worker confirms the resident heard and accepted the safety agreement, as on paper. */
    async agreedOnBehalf(name: string): Promise<boolean | null> {
      if (!this.data.activity?.safetyAgreement) return false;
      const { confirm } = await wx.showModal({
        title: '安全协议',
        content: `这个活动要签安全协议。已经向 ${name} 说明并征得同意了吗？`,
        confirmText: '已同意',
        cancelText: '还没有',
      });
      return confirm ? true : null;
    },
    async signUpFor(e: WechatMiniprogram.BaseEvent<{}, { id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      const agreed = await this.agreedOnBehalf(name);
      if (agreed === null) return;
      const done = await this.change(
        () => proxySignUp({ activityId: this.data.activityId, personId: id, ...(agreed ? { agreeSafety: true } : {}) }),
        '已代报名',
        '没有报上名',
      );
      if (done) this.setData({ found: [], query: '', searched: false });
    },
    async signUpOffline() {
      const name = this.data.offline.name.trim();
      const phone = this.data.offline.phone.trim();
      if (!name) return wx.showToast({ title: '请填写居民姓名', icon: 'none' });
      if (phone && !/^1[3-9]\d{9}$/.test(phone)) return wx.showToast({ title: '电话请填 11 位手机号', icon: 'none' });
      const agreed = await this.agreedOnBehalf(name);
      if (agreed === null) return;
      let person: ResidentForStaff;
      try {
        person = await createOffline(phone ? { name, phone } : { name });
      } catch (err) {
        return failed('没有登记上', err);
      }
      // Recorded now, whatever happens next: if the sign-up fails, a retry uses this record, not a second one.
      this.setData({ offline: { name: '', phone: '' }, found: [person], searched: true });
      const done = await this.change(
        () => proxySignUp({ activityId: this.data.activityId, personId: person.id, ...(agreed ? { agreeSafety: true } : {}) }),
        '已代报名',
        '没有报上名',
      );
      if (done) this.setData({ found: [], searched: false });
    },
  },
});
