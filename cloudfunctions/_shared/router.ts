import { z } from 'zod';
import { callerOpenid, db, invocationNow, type InvocationContext } from './cloud';
import type { Audience, Contract, Role } from './contract';
import { AppError, forbidden, internalError, invalidInput, unknownAction } from './errors';
import type { Reply } from './reply';
import { FIELD_NAMES } from './schemas';

/** Who is calling. `openid` is null for timers and function-to-function calls. */
export interface Caller {
  openid: string | null;
  roles: ReadonlySet<Role>;
  /** Their own erasure was started and not finished: nothing new may be written for them. */
  erasing?: boolean;
}

export interface ActionContext {
  caller: Caller;
  now: Date;
}

/** The handler of every action in a contract: takes the validated input, returns the output. */
export type Handlers<C extends Contract> = {
  [A in keyof C]: (input: z.output<C[A]['input']>, ctx: ActionContext) => Promise<z.input<C[A]['output']>>;
};

/** The caller's openid, for actions about the caller's own records; a timer has none. */
export function requireOpenid(caller: Caller): string {
  if (caller.openid === null) throw forbidden();
  return caller.openid;
}

/** Roles come from the users collection; any WeChat caller is at least a resident. */
async function resolveCaller(openid: string | null): Promise<Caller> {
  if (openid === null) return { openid, roles: new Set() };
  const { data } = await db.collection('users').where({ _id: openid }).field({ roles: true, erasure: true }).get();
  const stored = (data[0]?.roles ?? []) as Role[];
  return { openid, roles: new Set<Role>(['resident', ...stored]), erasing: data[0]?.erasure !== undefined };
}

export const isAllowed = (allow: readonly Audience[], caller: Caller) =>
  caller.openid === null
    ? allow.includes('system')
    : allow.some((a) => (a === 'groupLeader' ? caller.roles.has('resident') : a !== 'system' && caller.roles.has(a)));

function describeInvalid(error: z.ZodError): AppError {
  const key = error.issues[0]?.path.find((p): p is string => typeof p === 'string');
  return invalidInput(key === undefined ? undefined : (FIELD_NAMES[key] ?? key));
}

/** Timer triggers send `{Type: 'Timer', TriggerName}` and no action: the trigger's name is the action. */
function asActionEvent(event: unknown): unknown {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  return e?.Type === 'Timer' ? { action: e.TriggerName } : event;
}

/**
 * A cloud function's entry point: a small router of named actions. It checks the caller's role
 * against the contract, validates input with zod, runs the handler and shapes every reply as
 * `{ok, data}` or `{ok:false, error}`. Unexpected failures are logged without any payload,
 * since inputs and documents hold residents' personal data.
 */
export function defineFunction<C extends Contract>(name: string, contract: C, handlers: Handlers<C>) {
  return async function main(rawEvent: unknown, context?: InvocationContext): Promise<Reply<unknown>> {
    const event = asActionEvent(rawEvent);
    const actionName = (event as { action?: unknown } | null)?.action;
    try {
      if (typeof actionName !== 'string' || !Object.hasOwn(contract, actionName)) throw unknownAction();
      const def = contract[actionName];
      const caller = await resolveCaller(callerOpenid(context));
      if (!isAllowed(def.allow, caller)) throw forbidden();
      if (caller.erasing && !def.whileErasing) throw new AppError('ERASING', '您的资料正在删除中，请到“我的全部资料”再点一次“删除我的全部资料”把它做完');
      // WeChat adds userInfo to the event; identity is taken from the context, never from the event.
      const { action: _action, userInfo: _userInfo, ...input } = event as Record<string, unknown>;
      const parsed = def.input.safeParse(input);
      if (!parsed.success) throw describeInvalid(parsed.error);
      const result = await handlers[actionName](parsed.data as z.output<C[string]['input']>, { caller, now: invocationNow(context) });
      // Parsing the output strips any field the contract does not name (staff-only tags, say).
      return { ok: true, data: def.output.parse(result) };
    } catch (err) {
      if (err instanceof AppError) {
        return { ok: false, error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
      }
      console.error(`[${name}.${String(actionName)}] failed:`, (err as Error)?.name, (err as { code?: unknown })?.code ?? '');
      const e = internalError();
      return { ok: false, error: { code: e.code, message: e.message } };
    }
  };
}
