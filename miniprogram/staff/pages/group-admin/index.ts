import { pageLoad } from '../../../behaviors/page-load';
import {
  addMember,
  applications,
  approve,
  decline,
  getGroup,
  managedGroups,
  memberHistory,
  practices,
  rollCall,
  roster,
  ROLE_TEXT,
  setRole,
  tick,
  untick,
  updateGroup,
  type Application,
  type GroupDetail,
  type GroupRole,
  type ManagedGroup,
  type MemberHistory,
  type RollCall,
  type RosterMember,
} from '../../../services/groups';
import { findResidents, isWorkerOrAdmin, me, type ResidentForStaff } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { localDay } from '../../../utils/date';
import { tellFailure } from '../../../utils/failure';
import { memberRow, practiceRows, roleChangeNote, withPracticeCancelled, type Tab } from './view';
import { now } from '../../../utils/clock';

/**
 * 队伍管理, for a group's 队长/副队长 and for social workers: applications to approve or decline
 * with a reason, the roster with roles (set by staff), practices with the roll call, and a
 * member's attendance history. The function decides who may see what (leaders: own group,
 * masked phones); this page only offers what the person may do.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    staff: false,
    groupId: '',
    /** Several groups to choose from (staff, or a leader of more than one). */
    choices: [] as ManagedGroup[],
    group: null as GroupDetail | null,
    tab: 'applications' as Tab,
    tabLoading: false,
    applications: [] as Application[],
    decliningId: '',
    declineReason: '',
    declineError: '',
    members: [] as ReturnType<typeof memberRow>[],
    history: null as MemberHistory | null,
    search: '',
    found: [] as ResidentForStaff[],
    searched: false,
    practices: [] as ReturnType<typeof practiceRows>,
    roll: null as RollCall | null,
    presentCount: 0,
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ groupId: query.id ?? '' });
    },
    onShow() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const profile = await me();
        this.setData({ staff: isWorkerOrAdmin(profile.roles) });
        if (!this.data.groupId) {
          const choices = await managedGroups();
          // Staff always get the list, if only to start the first group.
          if (choices.length !== 1 || this.data.staff) return { state: choices.length || this.data.staff ? 'ready' : 'empty', choices, group: null };
          this.setData({ groupId: choices[0].id });
        }
        const group = await getGroup(this.data.groupId);
        if (!group.canManage) return { state: 'error', error: '只有本队的队长、副队长或社工可以管理这个队伍' };
        this.setData({ group });
        wx.setNavigationBarTitle({ title: `${group.name} 管理` });
        await this.loadTab();
        return {};
      });
    },
    /** The open tab's list, read fresh; a failure here is thrown to load()'s error state. */
    async loadTab() {
      const id = this.data.groupId;
      this.setData({ tabLoading: true });
      try {
        if (this.data.tab === 'applications') this.setData({ applications: await applications(id) });
        if (this.data.tab === 'roster') this.setData({ members: (await roster(id)).map(memberRow) });
        if (this.data.tab === 'practices') {
          const today = localDay(now());
          this.setData({ practices: practiceRows(await practices(id), today) });
        }
      } finally {
        this.setData({ tabLoading: false });
      }
    },
    reloadTab() {
      return this.loadTab().catch((err) => this.showError(err));
    },
    newGroup() {
      wx.navigateTo({ url: '/staff/pages/group-edit/index' });
    },
    editGroup() {
      wx.navigateTo({ url: `/staff/pages/group-edit/index?id=${this.data.groupId}` });
    },
    choose(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      this.setData({ groupId: e.currentTarget.dataset.id, state: 'loading' });
      return this.load();
    },
    switchTab(e: WechatMiniprogram.BaseEvent<{}, { tab: Tab }>) {
      const { tab } = e.currentTarget.dataset;
      if (tab === this.data.tab) return;
      this.setData({ tab, history: null, roll: null, decliningId: '' });
      return this.reloadTab();
    },

    // ---- 申请
    async approve(e: WechatMiniprogram.BaseEvent<{}, { id: string; name: string }>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await approve(this.data.groupId, e.currentTarget.dataset.id);
        wx.showToast({ title: `${e.currentTarget.dataset.name}已加入`, icon: 'success' });
      } catch (err) {
        await tellFailure('没有通过成功', err);
      } finally {
        this.setData({ busy: false });
      }
      await this.reloadTab();
    },
    startDecline(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      this.setData({ decliningId: e.currentTarget.dataset.id, declineReason: '', declineError: '' });
    },
    stopDecline() {
      this.setData({ decliningId: '', declineError: '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ declineReason: e.detail.value, declineError: '' });
    },
    /** The reason is what the resident will read: it is required, and written kindly. */
    async confirmDecline() {
      const reason = this.data.declineReason.trim();
      if (!reason) return this.setData({ declineError: '请写上原因，申请人会看到' });
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await decline(this.data.groupId, this.data.decliningId, reason);
        this.setData({ decliningId: '' });
        wx.showToast({ title: '已婉拒', icon: 'success' });
      } catch (err) {
        await tellFailure('没有婉拒成功', err);
      } finally {
        this.setData({ busy: false });
      }
      await this.reloadTab();
    },

    // ---- 队员
    async showHistory(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      try {
        this.setData({ history: await memberHistory(this.data.groupId, e.currentTarget.dataset.id) });
      } catch (err) {
        await tellFailure('没有查到出勤记录', err);
      }
    },
    closeHistory() {
      this.setData({ history: null });
    },
    onSearch(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ search: e.detail.value });
    },
    /** 代报名: staff look a resident up (also one without WeChat) and add them straight in. */
    async findToAdd() {
      const query = this.data.search.trim();
      if (!query) return;
      try {
        const inGroup = new Set(this.data.members.map((m) => m.personId));
        this.setData({ found: (await findResidents(query)).filter((r) => !inGroup.has(r.id)), searched: true });
      } catch (err) {
        await tellFailure('没有查到', err);
      }
    },
    async addMember(e: WechatMiniprogram.BaseEvent<{}, { id: string; name: string }>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await addMember(this.data.groupId, e.currentTarget.dataset.id);
        this.setData({ found: [], search: '', searched: false });
        wx.showToast({ title: `${e.currentTarget.dataset.name}已加入`, icon: 'success' });
      } catch (err) {
        await tellFailure('没有加入成功', err);
      } finally {
        this.setData({ busy: false });
      }
      await this.reloadTab();
    },
    async setRole(e: WechatMiniprogram.BaseEvent<{}, { id: string; role: GroupRole }>) {
      const { id, role } = e.currentTarget.dataset;
      if (this.data.busy) return;
      const members = this.data.members as RosterMember[];
      const { confirm } = await wx.showModal({
        title: `设为${ROLE_TEXT[role]}`,
        content: roleChangeNote(members, id, role),
        confirmText: '确定',
        cancelText: '不改了',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      try {
        await setRole(this.data.groupId, id, role);
        wx.showToast({ title: '已修改', icon: 'success' });
      } catch (err) {
        await tellFailure('没有改成功', err);
      } finally {
        this.setData({ busy: false });
      }
      await this.reloadTab();
    },

    // ---- 练习和点名
    async openPractice(e: WechatMiniprogram.BaseEvent<{}, { day: string }>) {
      try {
        const roll = await rollCall(this.data.groupId, e.currentTarget.dataset.day);
        this.setData({ roll, presentCount: roll.members.filter((m) => m.present).length });
      } catch (err) {
        await tellFailure('没有打开点名表', err);
      }
    },
    async closeRoll() {
      this.setData({ roll: null });
      await this.reloadTab();
    },
    /** Tap a name: present ↔ not present. Each tap is saved at once, so nothing is lost if the phone sleeps. */
    async toggle(e: WechatMiniprogram.BaseEvent<{}, { index: number }>) {
      const roll = this.data.roll;
      if (!roll || !roll.practice.canTick || this.data.busy) return;
      const { index } = e.currentTarget.dataset;
      const m = roll.members[index];
      this.setData({ busy: true });
      try {
        const saved = m.present ? await untick(this.data.groupId, roll.practice.day, m.personId) : await tick(this.data.groupId, roll.practice.day, m.personId);
        this.setData({
          [`roll.members[${index}].present`]: saved.present,
          presentCount: this.data.presentCount + (saved.present === m.present ? 0 : saved.present ? 1 : -1),
        });
      } catch (err) {
        await tellFailure('没有记上', err);
      } finally {
        this.setData({ busy: false });
      }
    },
    /** Staff call a practice off (停练) or bring it back: an exception to the weekly schedule. */
    async setCancelled(e: WechatMiniprogram.BaseEvent<{}, { day: string; label: string; cancelled: boolean }>) {
      const g = this.data.group;
      const { day, label, cancelled } = e.currentTarget.dataset;
      if (!g || this.data.busy) return;
      if (cancelled) {
        const { confirm } = await wx.showModal({
          title: '停练',
          content: `${label} 这次不练了吗？请记得告诉队员。`,
          confirmText: '确定停练',
          confirmColor: '#A8201A',
          cancelText: '不停',
        });
        if (!confirm) return;
      }
      this.setData({ busy: true });
      try {
        const group = await updateGroup(withPracticeCancelled(g, day, cancelled));
        this.setData({ 'group.schedule': group.schedule });
        wx.showToast({ title: cancelled ? '已停练' : '已恢复练习', icon: 'success' });
      } catch (err) {
        await tellFailure('没有改成功', err);
      } finally {
        this.setData({ busy: false });
      }
      await this.reloadTab();
    },
  },
});
