import { pageLoad } from '../../../behaviors/page-load';
import { CloudError, isNetworkError } from '../../../services/cloud';
import { createGroup, getGroup, updateGroup, type GroupDetail } from '../../../services/groups';
import { getPlan } from '../../../services/stats';
import { careMode } from '../../../utils/care';
import { emptyForm, formOf, formProblem, groupInput, SERVICE_AREAS, WEEKDAYS, type GroupForm } from './form';

type TextField = 'name' | 'description' | 'place' | 'startTime' | 'duration';

/**
 * 新建 / 修改队伍 (staff): name, introduction, place, who it serves, the weekly practice time and
 * the plan indicator its practices count toward. Single days are called off on 队伍管理.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    id: '',
    existing: null as GroupDetail | null,
    form: emptyForm(),
    formError: '',
    areas: SERVICE_AREAS,
    weekdays: WEEKDAYS,
    /** The plan's indicators, and 不计入 first. */
    indicators: [] as { id: string; name: string }[],
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
    },
    async onShow() {
      if (this.data.state === 'ready') return;
      await this.load();
    },
    load() {
      return this.loadWith(async () => {
        const [existing, plan] = await Promise.all([this.data.id ? getGroup(this.data.id) : null, getPlan()]);
        if (existing) wx.setNavigationBarTitle({ title: `修改 ${existing.name}` });
        return {
          existing,
          form: existing ? formOf(existing) : emptyForm(),
          indicators: [{ id: '', name: '不计入计划指标（拓展服务）' }, ...(plan?.indicators ?? []).map((i) => ({ id: i.id, name: i.name }))],
        };
      });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: TextField }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    pickArea(e: WechatMiniprogram.BaseEvent<{}, { area: GroupForm['serviceArea'] }>) {
      this.setData({ 'form.serviceArea': e.currentTarget.dataset.area, formError: '' });
    },
    toggleDay(e: WechatMiniprogram.BaseEvent<{}, { day: number }>) {
      const { day } = e.currentTarget.dataset;
      const days = this.data.form.weekdays;
      this.setData({ 'form.weekdays': days.includes(day) ? days.filter((d) => d !== day) : [...days, day], formError: '' });
    },
    pickIndicator(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      this.setData({ 'form.indicatorId': e.currentTarget.dataset.id });
    },
    async save() {
      if (this.data.busy) return;
      const problem = formProblem(this.data.form);
      if (problem) return this.setData({ formError: problem });
      const existing = this.data.existing;
      const input = groupInput(this.data.form, existing ?? undefined);
      this.setData({ busy: true });
      try {
        if (existing) {
          await updateGroup({ groupId: existing.id, ...input });
          wx.showToast({ title: '已保存', icon: 'success' });
          wx.navigateBack();
        } else {
          const group = await createGroup(input);
          wx.showToast({ title: '队伍已建好', icon: 'success' });
          wx.redirectTo({ url: `/staff/pages/group-admin/index?id=${group.id}` });
        }
      } catch (err) {
        // A lost reply may still have created the group: say so rather than invite a duplicate.
        const content =
          isNetworkError(err) && !existing
            ? '网络不太好。请先到“队伍”里看看是否已经建好，再决定是否重试。'
            : err instanceof CloudError
              ? err.message
              : '请稍后再试';
        await wx.showModal({ title: '没有保存成功', content, showCancel: false, confirmText: '知道了' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
