import { CloudError } from '../../services/cloud';
import { claimAdmin, isStaff, me, type Profile } from '../../services/users';
import { careData, careMode, isLargeText, setLargeText } from '../../utils/care';
import { tellFailure } from '../../utils/failure';
import { qrMatrix } from '../../utils/qr';

/** About 210px wide whatever the code's length: large enough for a worker's phone to scan at arm's length. */
const QR_WIDTH_PX = 210;

/** 签到码 in two groups of four, easier to read out: "ABCD 2345". */
const spacedCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ');

Component({
  behaviors: [careMode],
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    error: '',
    profile: null as Profile | null,
    code: '',
    qr: [] as boolean[][],
    qrCell: 10,
    staff: false,
    largeTextOn: false,
  },
  methods: {
    onShow() {
      this.setData({ largeTextOn: isLargeText() });
      return this.load();
    },
    async load() {
      // Coming back from 个人资料 refreshes quietly; only the first load shows the spinner.
      if (!this.data.profile) this.setData({ state: 'loading' });
      try {
        const profile = await me();
        const qr = qrMatrix(profile.checkinCode);
        this.setData({
          state: 'ready',
          profile,
          code: spacedCode(profile.checkinCode),
          qr,
          qrCell: Math.floor(QR_WIDTH_PX / qr.length),
          staff: isStaff(profile.roles),
        });
      } catch (err) {
        if (!this.data.profile) this.setData({ state: 'error', error: err instanceof CloudError ? err.message : '' });
      }
    },
    onLargeText(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const on = e.detail.value;
      setLargeText(on);
      this.setData({ largeTextOn: on, ...careData() });
      wx.showToast({ title: on ? '已打开大字模式' : '已关闭大字模式', icon: 'none' });
    },
    editProfile() {
      wx.navigateTo({ url: '/pages/profile/index' });
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
        this.setData({ profile, staff: isStaff(profile.roles) });
        wx.showToast({ title: '您已是管理员', icon: 'success' });
      } catch (err) {
        await tellFailure('没有设置成功', err, '网络不太好，请再试一次');
      }
    },
  },
});
