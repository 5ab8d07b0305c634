import tcb from '@cloudbase/node-sdk';

/**
 * One SDK instance per function instance. The environment comes from the function's own
 * context (SYMBOL_CURRENT_ENV), so the same code runs on CloudBase and on the local emulator.
 */
export const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
export const db = app.database();
export const _ = db.command;
export type Database = typeof db;

/**
 * The SCF invocation context; production passes it as main's second argument. Locally it may
 * also carry the local system's clock (local/clock.ts): a function, which no context CloudBase
 * builds from JSON can hold, so production always runs on the real time.
 */
export type InvocationContext = Parameters<typeof tcb.getCloudbaseContext>[0] & { clock?: () => Date };

/** The one `now` of an invocation: the local clock where the local runtime gave one, else the real time. */
export function invocationNow(context?: InvocationContext): Date {
  return typeof context?.clock === 'function' ? context.clock() : new Date();
}

/**
 * The caller's openid as WeChat injected it, or null for timers and function-to-function calls.
 * Read from the invocation context first (so concurrent invocations never share identity),
 * then from process.env as the SDK does.
 */
export function callerOpenid(context?: InvocationContext): string | null {
  const openid = tcb.getCloudbaseContext(context).WX_OPENID;
  return typeof openid === 'string' && openid !== '' ? openid : null;
}
