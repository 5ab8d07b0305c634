import { z } from 'zod';

/**
 * Who may call an action. Every WeChat caller is a `resident`; the other roles are granted by an
 * admin. `system` is a call without an openid: a timer trigger or another cloud function.
 * `groupLeader` is a 队长/副队长: a role held in one group, so the router lets any WeChat caller
 * through and the handler checks that they lead the group the input names.
 * Rules about *whose* data (own records, own group) are checked in the handlers.
 */
export const ROLES = ['resident', 'volunteer', 'worker', 'secretary', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Audience = Role | 'system' | 'groupLeader';

/** Roles that run the station day to day (社工 and the project lead). */
export const STAFF = ['worker', 'admin'] as const satisfies readonly Role[];
/** Staff, for the handlers' own checks beyond `allow` (a draft, someone else's sign-up, full phone numbers). */
export const isStaff = (roles: ReadonlySet<Role>) => STAFF.some((r) => roles.has(r));
export const EVERYONE: readonly Audience[] = ['resident'];
/** Staff, or the 队长/副队长 of the group named in the input (checked by the handler). */
export const GROUP_MANAGERS: readonly Audience[] = ['worker', 'admin', 'groupLeader'];

/** One action of a cloud function: its input and output schemas and who may call it. */
export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  allow: readonly Audience[];
  /** Callable while the caller's own erasure is under way (finishing it, reading what is left). */
  whileErasing?: true;
}
export type Contract = Record<string, ActionContract>;

export const action = <I extends z.ZodType, O extends z.ZodType>(c: ActionContract<I, O>) => c;

/** What a client sends for action A, and what it gets back: the mini-program imports these. */
export type InputOf<C extends Contract, A extends keyof C> = z.input<C[A]['input']>;
export type OutputOf<C extends Contract, A extends keyof C> = z.output<C[A]['output']>;
