import { STATION } from '../../config';
import { careMode } from '../../utils/care';

/** 隐私说明 in plain words: what we collect, why, who sees it, and how to see or erase it all. */
Component({
  behaviors: [careMode],
  data: { station: STATION },
  methods: {
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
  },
});
