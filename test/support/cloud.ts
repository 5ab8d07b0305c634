import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionInput, ActionName, ActionOutput, FunctionName, Reply } from '../../cloudfunctions/contracts';
import type { Clock } from '../../local/clock';
import { startEmulator, type Emulator } from '../../local/emulator';
import { ensureCollections } from '../../local/runtime/collections';
import { FunctionHost, pointSdkAt } from '../../local/runtime/functions';
import { clock } from './clock';

export interface TestCloud {
  emulator: Emulator;
  host: FunctionHost;
  /** The clock the functions and the emulator run on (test/support/clock.ts); set or advance it. */
  clock: Clock;
  /** Calls an action as `openid` (null: as a timer) and returns the raw reply. */
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A>, openid: string | null): Promise<Reply<ActionOutput<F, A>>>;
  /** Like call, but returns data and fails the test with the error code when the reply is not ok. */
  ok<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A>, openid: string | null): Promise<ActionOutput<F, A>>;
  close(): Promise<void>;
}

/**
 * A fresh emulator in a temp folder, and the built cloud functions pointed at it through the
 * real @cloudbase/node-sdk — the same wiring as `npm start`, with nothing mocked.
 */
export async function startTestCloud(env: Record<string, string> = {}): Promise<TestCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sanshe-test-'));
  const emulator = await startEmulator({ port: 0, dataDir, clock: () => clock.nowMs() });
  // SILENCE turns off the SDK's slow-request timer, which otherwise keeps jest alive after a refused call.
  pointSdkAt(emulator.url, { SILENCE: 'true', ...env });
  await ensureCollections();
  const host = new FunctionHost(clock);
  const call: TestCloud['call'] = (fn, action, input, openid) => host.invoke(fn, { ...(input as object), action }, openid) as Promise<Reply<never>>;
  return {
    emulator,
    host,
    clock,
    call,
    async ok(fn, action, input, openid) {
      const reply = await call(fn, action, input, openid);
      if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    },
    async close() {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
