import { pageLoad } from '../../../behaviors/page-load';
import {
  createOffline,
  erasePerson,
  findResidents,
  isWorkerOrAdmin,
  linkOffline,
  listStaff,
  me,
  ROLE_LABELS,
  setRoles,
  setTags,
  type GrantableRole,
  type ResidentTag,
  type StaffMember,
} from '../../../services/users';
import { careMode } from '../../../utils/care';
import { tellFailure } from '../../../utils/failure';
import { personRow, ROLE_NOTES, roleChoices, staffRow, tagChoices, type PersonRow } from './view';

const failed = (title: string, err: unknown) => tellFailure(title, err, '网络不太好，请再试一次');

type Dataset<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<{}, T>;

/**
 * 居民和人员 (worker and admin): find a resident by name, phone or building, call them, set the
 * staff-only tags; record a resident without WeChat and later link that record to the account
 * they made. Admins also see the staff list, grant and remove roles, and erase a person's data
 * on their written request. The functions refuse what a role may not do; the page hides it too.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    admin: false,
    busy: false,
    query: '',
    searched: false,
    found: [] as PersonRow[],
    /** The person whose tags are open for editing, and the chips. */
    tagsFor: '',
    tagChoices: [] as ReturnType<typeof tagChoices>,
    /** An offline record being linked to the account the resident made. */
    linking: null as PersonRow | null,
    offline: { name: '', phone: '', building: '' },
    staffList: [] as StaffMember[],
    staffRows: [] as ReturnType<typeof staffRow>[],
    /** The person whose roles are open (admin), where it was opened ('found' or 'staff'), and the chips. */
    rolesFor: null as { personId: string; name: string; from: 'found' | 'staff' } | null,
    roleChoices: [] as ReturnType<typeof roleChoices>,
  },
  methods: {
    onLoad() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const profile = await me();
        if (!isWorkerOrAdmin(profile.roles)) return { state: 'empty' };
        const admin = profile.roles.includes('admin');
        return { admin, ...(admin ? await this.readStaff() : {}) };
      });
    },
    async readStaff() {
      const staffList = await listStaff();
      return { staffList, staffRows: staffList.map(staffRow) };
    },

    onQuery(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: e.detail.value });
    },
    async search() {
      const query = this.data.query.trim();
      if (!query) return wx.showToast({ title: '请输入姓名、电话或楼栋', icon: 'none' });
      try {
        const found = (await findResidents(query)).map(personRow);
        this.setData({ found, searched: true, tagsFor: '', rolesFor: null });
      } catch (err) {
        await failed('没有查到', err);
      }
    },
    /** Reads the same search again after a change, so the page shows what is stored. */
    async searchAgain() {
      if (this.data.query.trim()) await this.search();
    },
    call(e: Dataset<{ phone: string }>) {
      wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone, fail: () => undefined });
    },

    /** Runs one change with the buttons held, says how it went; true when it went through. */
    async change(step: () => Promise<unknown>, done: string, failTitle: string): Promise<boolean> {
      this.setData({ busy: true });
      try {
        await step();
        wx.showToast({ title: done, icon: 'success' });
        return true;
      } catch (err) {
        await failed(failTitle, err);
        return false;
      } finally {
        this.setData({ busy: false });
      }
    },

    // 标签 (staff only)
    openTags(e: Dataset<{ id: string }>) {
      const person = this.data.found.find((p) => p.id === e.currentTarget.dataset.id);
      if (!person) return;
      this.setData({ tagsFor: person.id, tagChoices: tagChoices(person.tags), rolesFor: null });
    },
    toggleTag(e: Dataset<{ index: number }>) {
      const i = e.currentTarget.dataset.index;
      this.setData({ [`tagChoices[${i}].on`]: !this.data.tagChoices[i].on });
    },
    closeTags() {
      this.setData({ tagsFor: '' });
    },
    async saveTags() {
      const personId = this.data.tagsFor;
      const tags = this.data.tagChoices.filter((c) => c.on).map((c) => c.tag as ResidentTag);
      if (await this.change(() => setTags({ personId, tags }), '标签已保存', '标签没有保存')) {
        this.setData({ tagsFor: '' });
        await this.searchAgain();
      }
    },

    // 没有微信的居民
    onOffline(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'name' | 'phone' | 'building' }>) {
      this.setData({ [`offline.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    async saveOffline() {
      const name = this.data.offline.name.trim();
      const phone = this.data.offline.phone.trim();
      const building = this.data.offline.building.trim();
      if (!name) return wx.showToast({ title: '请填写居民姓名', icon: 'none' });
      if (phone && !/^1[3-9]\d{9}$/.test(phone)) return wx.showToast({ title: '电话请填 11 位手机号', icon: 'none' });
      this.setData({ busy: true });
      try {
        const person = await createOffline({ name, ...(phone ? { phone } : {}), ...(building ? { building } : {}) });
        wx.showToast({ title: '已登记', icon: 'success' });
        this.setData({ offline: { name: '', phone: '', building: '' }, found: [personRow(person)], searched: true, query: name, tagsFor: '', rolesFor: null });
      } catch (err) {
        await failed('没有登记上', err);
      } finally {
        this.setData({ busy: false });
      }
    },

    // 关联: an offline record joined to the account the resident made later
    startLink(e: Dataset<{ id: string }>) {
      const person = this.data.found.find((p) => p.id === e.currentTarget.dataset.id);
      if (!person) return;
      this.setData({ linking: person, query: '', found: [], searched: false, tagsFor: '', rolesFor: null });
    },
    cancelLink() {
      this.setData({ linking: null });
    },
    async linkTo(e: Dataset<{ id: string }>) {
      const offline = this.data.linking;
      const account = this.data.found.find((p) => p.id === e.currentTarget.dataset.id);
      if (!offline || !account) return;
      const { confirm } = await wx.showModal({
        title: '是同一个人吗',
        content: `线下登记的“${offline.name}”${offline.building ? `（${offline.building}）` : ''}，和微信账号“${account.name}”${account.phone ? `（${account.phone}）` : ''}是同一个人吗？确定后，以前替TA登记的报名和签到都归到这个微信账号，不能撤销。`,
        confirmText: '是同一人',
        cancelText: '再看看',
      });
      if (!confirm) return;
      if (await this.change(() => linkOffline({ offlineId: offline.id, personId: account.id }), '已关联', '没有关联上')) {
        this.setData({ linking: null });
        await this.searchAgain();
      }
    },

    // 身份 (admin only)
    async openRoles(e: Dataset<{ id: string; name: string; from: 'found' | 'staff' }>) {
      const { id, name, from } = e.currentTarget.dataset;
      // Read the staff list afresh: roles are written whole, so they must start from what is stored.
      try {
        this.setData(await this.readStaff());
      } catch (err) {
        return failed('没有打开', err);
      }
      const roles = this.data.staffList.find((s) => s.personId === id)?.roles ?? [];
      this.setData({ rolesFor: { personId: id, name, from }, roleChoices: roleChoices(roles), tagsFor: '' });
    },
    closeRoles() {
      this.setData({ rolesFor: null });
    },
    async toggleRole(e: Dataset<{ role: GrantableRole }>) {
      const target = this.data.rolesFor;
      if (!target) return;
      const role = e.currentTarget.dataset.role;
      const label = ROLE_LABELS[role];
      const held = this.data.roleChoices.filter((c) => c.on).map((c) => c.role);
      const granting = !held.includes(role);
      const { confirm } = await wx.showModal(
        granting
          ? { title: '加身份', content: `让 ${target.name} 做${label}吗？${ROLE_NOTES[role]}`, confirmText: '确定', cancelText: '不改' }
          : {
              title: '取消身份',
              content: `取消 ${target.name} 的${label}身份吗？取消后TA就不能再用${label}的功能了。`,
              confirmText: '取消身份',
              confirmColor: '#A8201A',
              cancelText: '不改',
            },
      );
      if (!confirm) return;
      const roles = granting ? [...held, role] : held.filter((r) => r !== role);
      const done = await this.change(() => setRoles({ personId: target.personId, roles }), granting ? `已设为${label}` : `已取消${label}`, '身份没有改成');
      if (!done) return;
      const staff = await this.readStaff().catch(() => ({})); // else refreshed on the next change or visit
      this.setData({ roleChoices: roleChoices(roles), ...staff });
    },

    // 删除资料 (admin only, on the resident's written request)
    async erase(e: Dataset<{ id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      const first = await wx.showModal({
        title: '删除居民资料',
        content: `只有 ${name} 本人书面提出要求时，才能删除。删除后TA的姓名、电话、家人、标签和填过的内容都会清除，不能恢复；统计里的人次还在，但不再和TA有关。TA已经书面提出了吗？`,
        confirmText: '已提出',
        cancelText: '不删除',
      });
      if (!first.confirm) return;
      const second = await wx.showModal({
        title: '再确认一次',
        content: `确定永久删除 ${name} 的全部资料吗？删除后不能恢复。`,
        confirmText: '永久删除',
        confirmColor: '#A8201A',
        cancelText: '不删除',
      });
      if (!second.confirm) return;
      if (await this.change(() => erasePerson(id), '已删除', '没有删除')) {
        // The staff list too: a person linked to an offline record may have gone with it.
        const staff = await this.readStaff().catch(() => ({})); // else refreshed on the next visit
        this.setData({ found: this.data.found.filter((p) => p.id !== id), rolesFor: null, tagsFor: '', ...staff });
      }
    },
  },
});
