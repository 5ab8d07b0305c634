import { STATION } from '../../config';
import { CloudError } from '../../services/cloud';
import { claimAdmin, isStaff } from '../../services/users';
import { careMode } from '../../utils/care';
import { tellFailure } from '../../utils/failure';

/** Staff as far as this phone knows (the profile 我的 read last): the page itself reads nothing from the cloud. */
const knownStaff = () => {
  const profile = getApp<IAppOption>().globalData.profile;
  return profile ? isStaff(profile.roles) : false;
};

/**
 * 隐私说明 in plain words: what we collect, why, who sees it, and how to see or erase it all. At the
 * very bottom, for the project lead on a fresh deployment, the 管理员邀请码 (README: 我的 → 隐私说明).
 */
Component({
  behaviors: [careMode],
  data: { station: STATION, staff: false },
  methods: {
    onShow() {
      this.setData({ staff: knownStaff() });
    },
    callStation() {
      // A cancelled call is not an error worth showing.
      wx.makePhoneCall({ phoneNumber: STATION.phone, fail: () => undefined });
    },
    openMyData() {
      wx.navigateTo({ url: '/pages/my-data/index' });
    },
    /** The guide filled in on the mini-program admin console, which WeChat shows itself (base library 2.32.3+). */
    openContract() {
      if (wx.openPrivacyContract) wx.openPrivacyContract({});
    },
    /** The project lead's first step on a fresh deployment: the invite code makes them the admin. */
    async enterInviteCode() {
      const { confirm, content } = await wx.showModal({
        title: '管理员邀请码',
        editable: true,
        placeholderText: '社工站负责人填写，居民不用填',
        confirmText: '确定',
        cancelText: '取消',
      });
      if (!confirm) return;
      const code = (content ?? '').trim();
      if (!code) return wx.showToast({ title: '请输入邀请码', icon: 'none' });
      try {
        // Codes are 6 to 64 characters: anything else is wrong without asking the function.
        if (code.length < 6 || code.length > 64) throw new CloudError('INVITE_CODE_WRONG', '邀请码不正确');
        const profile = await claimAdmin(code);
        this.setData({ staff: isStaff(profile.roles) });
        wx.showToast({ title: '您已是管理员', icon: 'success' });
      } catch (err) {
        await tellFailure('没有设置成功', err, '网络不太好，请再试一次');
      }
    },
  },
});
