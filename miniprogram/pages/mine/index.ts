import { CloudError } from '../../services/cloud';
import { isStaff, me, type Profile } from '../../services/users';
import { careData, careMode, isLargeText, setLargeText } from '../../utils/care';
import { spacedCode } from '../../utils/checkin';
import { qrMatrix } from '../../utils/qr';

/** About 210px wide whatever the code's length: large enough for a worker's phone to scan at arm's length. */
const QR_WIDTH_PX = 210;

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
  },
});
