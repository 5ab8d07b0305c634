import { pageLoad } from '../../../behaviors/page-load';
import {
  ACTIVITY_STATUS_TEXT,
  cancelActivity,
  createActivity,
  finishActivity,
  getActivity,
  publishActivity,
  SERVICE_AREAS,
  updateActivity,
  type ActivityDetail,
} from '../../../services/activities';
import { CloudError } from '../../../services/cloud';
import { getPlan } from '../../../services/stats';
import { careMode } from '../../../utils/care';
import { tellFailure } from '../../../utils/failure';
import { editInput, emptyNotice, MAX_SESSIONS, noticeFrom, noticeInput, noticeProblem, type NoticeForm } from './notice';
import { nowMs } from '../../../utils/clock';

const messageOf = (err: unknown) => (err instanceof CloudError ? err.message : '网络不太好，请再试一次');

const facts = (a: ActivityDetail) => ({
  id: a.id,
  status: a.status,
  statusText: ACTIVITY_STATUS_TEXT[a.status],
  seatsTaken: a.seatsTaken,
  waitlisted: a.waitlisted,
  started: new Date(a.startAt).getTime() <= nowMs(),
});

/**
 * 活动通知 (staff): write a notice, save it as a draft, publish it; later edit it, call it off, or
 * close it after it took place. `?id=` opens an existing one.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    areas: SERVICE_AREAS,
    indicators: [] as { id: string; name: string }[],
    activityId: '',
    activity: null as ReturnType<typeof facts> | null,
    form: emptyNotice(),
    formError: '',
    busy: false,
    maxSessions: MAX_SESSIONS,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.id ?? '' });
      await this.load();
    },
    load() {
      const id = this.data.activityId;
      return this.loadWith(async () => {
        // The plan may not be set yet; the notice can still be written without an indicator.
        const [detail, plan] = await Promise.all([id ? getActivity(id) : null, getPlan().catch(() => null)]);
        return {
          indicators: plan ? plan.indicators.map(({ id: value, name }) => ({ id: value, name })) : [],
          ...(detail ? { activity: facts(detail), form: noticeFrom(detail) } : { activity: null }),
        };
      });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: keyof NoticeForm }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }, {}, { field: 'series' | 'safetyAgreement' }>) {
      const { field } = e.currentTarget.dataset;
      const patch: Record<string, unknown> = { [`form.${field}`]: e.detail.value, formError: '' };
      // A one-off keeps only its first session.
      if (field === 'series' && !e.detail.value) patch['form.sessions'] = this.data.form.sessions.slice(0, 1);
      this.setData(patch);
    },
    pickArea(e: WechatMiniprogram.BaseEvent<{}, { area: string }>) {
      this.setData({ 'form.serviceArea': e.currentTarget.dataset.area, formError: '' });
    },
    pickIndicator(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      this.setData({ 'form.indicatorId': e.currentTarget.dataset.id, formError: '' });
    },
    onSession(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { index: number; field: 'day' | 'start' | 'end' | 'topic' }>) {
      const { index, field } = e.currentTarget.dataset;
      this.setData({ [`form.sessions[${index}].${field}`]: e.detail.value, formError: '' });
    },
    addSession() {
      const sessions = this.data.form.sessions;
      const last = sessions[sessions.length - 1];
      // The next one a week later, same time: how 小组 usually meet.
      const next = new Date(new Date(`${last.day}T00:00:00+08:00`).getTime() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      this.setData({ 'form.sessions': [...sessions, { ...last, day: next, topic: '' }] });
    },
    removeSession(e: WechatMiniprogram.BaseEvent<{}, { index: number }>) {
      const sessions = this.data.form.sessions.filter((_, i) => i !== e.currentTarget.dataset.index);
      this.setData({ 'form.sessions': sessions });
    },
    onDeadline(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'deadlineDay' | 'deadlineTime' }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    clearDeadline() {
      this.setData({ 'form.deadlineDay': '', 'form.deadlineTime': '' });
    },
    /** Saves the form; returns the activity id, or '' when something is wrong (said on the page). */
    async save(): Promise<string> {
      const problem = noticeProblem(this.data.form, this.data.activity?.seatsTaken ?? 0);
      if (problem) {
        this.setData({ formError: problem });
        return '';
      }
      this.setData({ busy: true });
      try {
        const id = this.data.activityId;
        if (id) {
          this.setData({ activity: facts(await updateActivity(editInput(id, this.data.form))) });
          return id;
        }
        const created = await createActivity(noticeInput(this.data.form));
        this.setData({ activityId: created.id, activity: facts(await getActivity(created.id)) });
        return created.id;
      } catch (err) {
        this.setData({ formError: messageOf(err) });
        return '';
      } finally {
        this.setData({ busy: false });
      }
    },
    async saveDraft() {
      if (await this.save()) wx.showToast({ title: '已保存', icon: 'success' });
    },
    async publish() {
      const { confirm } = await wx.showModal({
        title: '发布活动',
        content: '发布后居民就能看到并报名。确定发布吗？',
        confirmText: '发布',
        cancelText: '再看看',
      });
      if (!confirm) return;
      const id = await this.save();
      if (!id) return;
      await this.run(() => publishActivity(id), '已发布');
    },
    async callOff() {
      const a = this.data.activity;
      if (!a) return;
      const { confirm } = await wx.showModal({
        title: '取消活动',
        content: a.seatsTaken + a.waitlisted > 0 ? '已报名和候补的居民都会收到取消通知。确定取消这个活动吗？' : '确定取消这个活动吗？',
        confirmText: '确定取消',
        confirmColor: '#A8201A',
        cancelText: '不取消',
      });
      if (confirm) await this.run(() => cancelActivity(a.id), '活动已取消');
    },
    async finish() {
      const a = this.data.activity;
      if (!a) return;
      const { confirm } = await wx.showModal({
        title: '结束活动',
        content: '结束后不能再报名和修改，没有签到的人会记为缺席。确定结束吗？',
        confirmText: '结束活动',
        cancelText: '还没结束',
      });
      if (confirm) await this.run(() => finishActivity(a.id), '活动已结束');
    },
    async run(step: () => Promise<{ id: string }>, done: string) {
      this.setData({ busy: true });
      try {
        const { id } = await step();
        wx.showToast({ title: done, icon: 'success' });
        this.setData({ activity: facts(await getActivity(id)) });
      } catch (err) {
        tellFailure('没有成功', err, '网络不太好，请再试一次');
      } finally {
        this.setData({ busy: false });
      }
    },
    openRoster() {
      wx.navigateTo({ url: `/staff/pages/roster/index?id=${this.data.activityId}` });
    },
  },
});
