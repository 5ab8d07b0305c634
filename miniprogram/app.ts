import { CLOUD_ENV } from './config';

App<IAppOption>({
  globalData: { profile: null },
  onLaunch() {
    wx.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true });
  },
});
