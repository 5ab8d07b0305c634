import { pageLoad } from '../../behaviors/page-load';
import { CloudError, isNetworkError } from '../../services/cloud';
import { applyToGroup, getGroup, leaveGroup, ROLE_TEXT, type GroupDetail } from '../../services/groups';
import { careMode } from '../../utils/care';
import { tellFailure } from '../../utils/failure';

const view = (g: GroupDetail) => {
  const status = g.mine?.status ?? null;
  return {
    ...g,
    // Called-off days stay in the list, marked 停练, so a resident does not turn up for nothing.
    practices: [...g.nextPractices.map((p) => ({ ...p, calledOff: false })), ...g.calledOff.map((p) => ({ ...p, calledOff: true }))].sort((a, b) =>
      a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : 0,
    ),
    leadersText: g.leaders.map((l) => `${ROLE_TEXT[l.role]}：${l.name}`).join('　'),
    roleText: g.mine ? ROLE_TEXT[g.mine.role] : '',
    // Declined, withdrawn or left: a person may apply (again).
    canApply: status === null || status === 'declined' || status === 'withdrawn' || status === 'left',
  };
};

const emptyForm = () => ({ why: '', experience: '', preferredTimes: '' });
type FormField = keyof ReturnType<typeof emptyForm>;

/** 队伍详情: what the group is, when and where it practises, joining with a short form, and leaving. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    id: '',
    group: null as ReturnType<typeof view> | null,
    formOpen: false,
    form: emptyForm(),
    formError: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
    },
    onShow() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const group = await getGroup(this.data.id);
        wx.setNavigationBarTitle({ title: group.name });
        return { group: view(group) };
      });
    },
    openForm() {
      this.setData({ formOpen: true, formError: '' });
    },
    closeForm() {
      this.setData({ formOpen: false, formError: '' });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: FormField }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    async submit() {
      const g = this.data.group;
      if (!g || this.data.busy) return;
      const form = this.data.form;
      // Every field is optional: a resident who can barely type just taps 提交申请.
      this.setData({ busy: true });
      try {
        await applyToGroup(g.id, { why: form.why.trim(), experience: form.experience.trim(), preferredTimes: form.preferredTimes.trim() });
        this.setData({ formOpen: false, form: emptyForm() });
        wx.showToast({ title: '申请已提交', icon: 'success' });
      } catch (err) {
        await this.afterFailure(err, '没有提交成功');
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
    },
    /** One tap (and a confirmation): withdraws an application or leaves the group. */
    async leave() {
      const g = this.data.group;
      if (!g?.mine || this.data.busy) return;
      const member = g.mine.status === 'approved';
      const { confirm } = await wx.showModal({
        title: member ? '退出队伍' : '撤回申请',
        content: member ? `确定退出“${g.name}”吗？以后想回来，可以再申请。` : `确定撤回加入“${g.name}”的申请吗？`,
        confirmText: member ? '确定退出' : '确定撤回',
        confirmColor: '#A8201A',
        cancelText: '不了',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      try {
        await leaveGroup(g.id);
        wx.showToast({ title: member ? '已退出队伍' : '已撤回申请', icon: 'success' });
      } catch (err) {
        await this.afterFailure(err, member ? '没有退出成功' : '没有撤回成功');
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
    },
    manage() {
      wx.navigateTo({ url: `/staff/pages/group-admin/index?id=${this.data.id}` });
    },
    /**
     * After a network failure the request may have gone through: the page reads the status again
     * and shows what is true. Without a name and phone, it offers the profile page.
     */
    async afterFailure(err: unknown, title: string) {
      if (isNetworkError(err)) {
        const before = this.data.group?.mine?.status ?? null;
        await this.load();
        if ((this.data.group?.mine?.status ?? null) !== before) return;
      }
      if (err instanceof CloudError && err.code === 'PROFILE_INCOMPLETE') {
        const { confirm } = await wx.showModal({
          title,
          content: '申请加入要先留下姓名和电话，方便队长和社工联系您。',
          confirmText: '去填写',
          cancelText: '以后再说',
        });
        if (confirm) wx.navigateTo({ url: '/pages/profile/index' });
        return;
      }
      await tellFailure(title, err);
    },
  },
});
