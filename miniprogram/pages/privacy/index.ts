import { STATION } from '../../config';
import { careMode } from '../../utils/care';

/** 隐私说明 in plain words: what we collect, why, who sees it, and how to have it deleted. */
Component({
  behaviors: [careMode],
  data: { station: STATION },
  methods: {
    callStation() {
      // A cancelled call is not an error worth showing.
      wx.makePhoneCall({ phoneNumber: STATION.phone, fail: () => undefined });
    },
  },
});
