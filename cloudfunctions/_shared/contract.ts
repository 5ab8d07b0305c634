import { z } from 'zod';

/**
 * Who may call an action. Every WeChat caller is a `resident`; the other roles are granted by an
 * admin. `system` is a call without an openid: a timer trigger or another cloud function.
 * Rules about *whose* data (own records, own group) are checked in the handlers.
 */
export const ROLES = ['resident', 'volunteer', 'worker', 'secretary', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Audience = Role | 'system';

/** Roles that run the station day to day (社工 and the project lead). */
export const STAFF: readonly Audience[] = ['worker', 'admin'];
export const EVERYONE: readonly Audience[] = ['resident'];

/** One action of a cloud function: its input and output schemas and who may call it. */
export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  allow: readonly Audience[];
}
export type Contract = Record<string, ActionContract>;

export const action = <I extends z.ZodType, O extends z.ZodType>(c: ActionContract<I, O>) => c;

/** What a client sends for action A, and what it gets back: the mini-program imports these. */
export type InputOf<C extends Contract, A extends keyof C> = z.input<C[A]['input']>;
export type OutputOf<C extends Contract, A extends keyof C> = z.output<C[A]['output']>;
