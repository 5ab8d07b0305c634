import type { ActionInput, ActionName, ActionOutput, FunctionName, Reply } from '../../cloudfunctions/contracts';

/** A refusal from a cloud function, with the Chinese message meant for the person using the app. */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the call may have gone through: the page should re-read instead of assuming. */
export const isNetworkError = (err: unknown) => err instanceof CloudError && err.code === 'NETWORK';

/**
 * The only place in the mini-program that calls the cloud. Types come from the functions' zod
 * contracts, so a page cannot send a field the function does not take.
 */
export async function callCloud<F extends FunctionName, A extends ActionName<F>>(name: F, action: A, input: ActionInput<F, A>): Promise<ActionOutput<F, A>> {
  let reply: Reply<ActionOutput<F, A>>;
  try {
    const res = await wx.cloud.callFunction({ name, data: { ...(input as object), action } });
    reply = res.result as Reply<ActionOutput<F, A>>;
  } catch {
    throw new CloudError('NETWORK', '网络不太好，请检查网络后再试');
  }
  if (!reply || typeof reply !== 'object') throw new CloudError('INTERNAL', '系统开小差了，请稍后再试');
  if (!reply.ok) throw new CloudError(reply.error.code, reply.error.message);
  return reply.data;
}
