import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../cloudfunctions/contracts';

/** Demo data goes in through the cloud functions' own actions, as a person would enter it. */
export type SeedCall = <F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
  openid: string | null,
) => Promise<ActionOutput<F, A>>;

export const DEMO = {
  admin: 'demo-admin',
  worker: 'demo-worker',
  secretary: 'demo-secretary',
  volunteer: 'demo-volunteer',
  resident: (n: number) => `demo-resident-${n}`,
  residentCount: 20,
} as const;
