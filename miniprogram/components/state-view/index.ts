import { STATION } from '../../config';

/**
 * Loading / empty / error around a page's content, each with a way forward:
 * error → 再试一次 (bind:retry) and 打电话给社工站; empty → an optional action (bind:action).
 * The content (the default slot) shows only when state is 'ready'.
 *
 *   <state-view state="{{state}}" message="{{errorMessage}}" empty-text="还没有报名"
 *               action-text="去看看活动" bind:retry="load" bind:action="goHome">…</state-view>
 */
Component({
  options: { multipleSlots: true },
  properties: {
    /** 'loading' | 'empty' | 'error' | 'ready' */
    state: { type: String, value: 'loading' },
    /** For the error state: the message the cloud function gave, in plain Chinese. */
    message: { type: String, value: '' },
    emptyText: { type: String, value: '这里还没有内容' },
    /** For the empty state: what to do next (e.g. 去看看活动); no button when empty. */
    actionText: { type: String, value: '' },
  },
  data: { stationPhone: STATION.phone },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
    onAction() {
      this.triggerEvent('action');
    },
    callStation() {
      // A cancelled call is not an error worth showing.
      wx.makePhoneCall({ phoneNumber: STATION.phone, fail: () => undefined });
    },
  },
});
