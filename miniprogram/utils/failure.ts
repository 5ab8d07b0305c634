import { CloudError } from '../services/cloud';

/**
 * Says why a step did not go through, in the function's own words, with one button. `fallback` is
 * for a failure that is not a refusal (the page's own code threw).
 */
export const tellFailure = (title: string, err: unknown, fallback = '请稍后再试') =>
  wx.showModal({ title, content: err instanceof CloudError ? err.message : fallback, showCancel: false, confirmText: '知道了' });
