import { pageLoad } from '../../behaviors/page-load';
import { CloudError } from '../../services/cloud';
import { me, updateProfile, type HouseholdMember } from '../../services/users';
import { careMode } from '../../utils/care';
import { localDay } from '../../utils/date';
import { MAX_HOUSEHOLD, memberFrom, profileProblem, type MemberField, type ProfileField } from '../../utils/profile';
import { now } from '../../utils/clock';

const emptyMember = () => ({ name: '', relation: '', birthYear: '' });

const messageOf = (err: unknown) => (err instanceof CloudError ? err.message : '没有保存成功，请再试一次');

Component({
  behaviors: [careMode, pageLoad],
  data: {
    form: { name: '', phone: '', building: '' } as Record<ProfileField, string>,
    household: [] as HouseholdMember[],
    member: emptyMember() as Record<MemberField, string>,
    formError: '',
    memberError: '',
    saving: false,
    full: false,
  },
  methods: {
    onLoad() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const profile = await me();
        return {
          form: { name: profile.name, phone: profile.phone, building: profile.building },
          household: profile.household,
          full: profile.household.length >= MAX_HOUSEHOLD,
        };
      });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: ProfileField }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    onMemberField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: MemberField }>) {
      this.setData({ [`member.${e.currentTarget.dataset.field}`]: e.detail.value, memberError: '' });
    },
    async save() {
      const problem = profileProblem(this.data.form);
      if (problem) return this.setData({ formError: problem });
      const { name, phone, building } = this.data.form;
      const saved = await this.write({ name: name.trim(), phone: phone.trim() || undefined, building: building.trim() }, 'formError');
      if (saved) wx.showToast({ title: '已保存', icon: 'success' });
    },
    async addMember() {
      const member = memberFrom(this.data.member, Number(localDay(now()).slice(0, 4)));
      if (typeof member === 'string') return this.setData({ memberError: member });
      const saved = await this.write({ household: [...this.data.household, member] }, 'memberError');
      if (saved) {
        this.setData({ member: emptyMember() });
        wx.showToast({ title: '已添加', icon: 'success' });
      }
    },
    async removeMember(e: WechatMiniprogram.BaseEvent<{}, { index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      const member = this.data.household[index];
      const { confirm } = await wx.showModal({
        title: '删除家人',
        content: `确定从家庭成员中删除「${member.name}」吗？以后给家人报名时就选不到了。`,
        confirmText: '删除',
        confirmColor: '#A8201A',
        cancelText: '不删除',
      });
      if (!confirm) return;
      const saved = await this.write({ household: this.data.household.filter((_, i) => i !== index) }, 'memberError');
      if (saved) wx.showToast({ title: '已删除', icon: 'success' });
    },
    /** One save through the users function; the page shows what the function stored. */
    async write(input: Parameters<typeof updateProfile>[0], errorField: 'formError' | 'memberError'): Promise<boolean> {
      this.setData({ saving: true, [errorField]: '' });
      try {
        const profile = await updateProfile(input);
        this.setData({ household: profile.household, full: profile.household.length >= MAX_HOUSEHOLD });
        return true;
      } catch (err) {
        this.setData({ [errorField]: messageOf(err) });
        return false;
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
