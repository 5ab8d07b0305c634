import { pageLoad } from '../../behaviors/page-load';
import { CloudError, isNetworkError } from '../../services/cloud';
import { STATUS_TEXT as SIGN_UP_TEXT } from '../../services/activities';
import { ROLE_TEXT, STATUS_TEXT as GROUP_TEXT } from '../../services/groups';
import { eraseMe, myData, type MyData } from '../../services/users';
import { careMode } from '../../utils/care';
import { spacedCode } from '../../utils/checkin';
import { formatDay } from '../../utils/date';

const ROLE_NAMES: Record<string, string> = { volunteer: '志愿者', worker: '社工', secretary: '社区书记', admin: '项目负责人' };

/** What the station holds, as the page reads it: every date a day, every code a word. */
function view(d: MyData) {
  return {
    profile: {
      ...d.profile,
      householdText: d.profile.household.map((m) => `${m.name}（${m.relation}${m.birthYear ? `，${m.birthYear}年生` : ''}）`).join('、'),
      rolesText: d.profile.roles.map((r) => ROLE_NAMES[r] ?? r).join('、'),
      since: formatDay(d.profile.createdAt),
      checkinCode: spacedCode(d.profile.checkinCode),
    },
    offlineRecords: d.offlineRecords.map((r) => ({ ...r, since: formatDay(r.createdAt) })),
    tagsText: d.tags.join('、'),
    signUps: d.signUps.map((s) => ({
      ...s,
      statusText: SIGN_UP_TEXT[s.status],
      partyText: s.party.map((m) => `${m.name}（${m.relation}）`).join('、'),
    })),
    groups: d.groups.map((g) => ({ ...g, statusText: GROUP_TEXT[g.status], roleText: ROLE_TEXT[g.role] })),
    serviceRequests: d.serviceRequests.map((r) => ({ ...r, day: formatDay(r.createdAt) })),
    servicesReceived: d.servicesReceived,
    attendance: d.attendance,
    notices: d.notices.map((n) => ({ ...n, day: formatDay(n.sentAt) })),
  };
}

/**
 * 我的全部资料: everything the station holds about the resident (个人信息保护法 第45条), including
 * what workers noted, and the one place to erase it all. Erasing asks twice, in plain words.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    data: null as ReturnType<typeof view> | null,
    erasing: false,
    erased: false,
  },
  methods: {
    onLoad() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => ({ data: view(await myData()) }));
    },
    async erase() {
      const first = await wx.showModal({
        title: '删除我的全部资料',
        content: '删除后，您的姓名、电话、家人、报名和申请记录都会删掉，不能恢复。社工站的统计里只留下“来过几个人”的数字，不再有您的名字。',
        confirmText: '继续',
        cancelText: '不删了',
      });
      if (!first.confirm) return;
      const second = await wx.showModal({
        title: '真的要删除吗？',
        content: '这一步不能撤回。以后再用小程序，要重新填写资料。',
        confirmText: '确认删除',
        confirmColor: '#A8201A',
        cancelText: '不删了',
      });
      if (!second.confirm) return;
      this.setData({ erasing: true });
      try {
        await eraseMe();
        this.setData({ erased: true, data: null });
      } catch (err) {
        // A cut-off erasure picks up where it stopped, so trying again is always safe.
        const unfinished = isNetworkError(err) || (err instanceof CloudError && err.code === 'INTERNAL');
        wx.showModal({
          title: '还没有删除',
          content: unfinished ? '删除没有做完，请再点一次“删除我的全部资料”。' : err instanceof CloudError ? err.message : '请稍后再试',
          showCancel: false,
          confirmText: '知道了',
        });
      } finally {
        this.setData({ erasing: false });
      }
    },
    goHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
