/** Shared setup for the emulator tests: a fresh emulator on a random port in a temp folder, and the REAL
 *  @cloudbase/node-sdk pointed at it through the environment, exactly as cloud functions run locally. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorEnv, startEmulator, type Emulator, type EmulatorOptions } from '../../local/emulator';

export type AnyDb = any;

export interface TestDb {
  emu: Emulator;
  db: AnyDb;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'emu-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Points the SDK at `url` (the SDK re-reads TCB_CONTEXT_CNFG on every request). */
export function pointSdk(url: string): AnyDb {
  Object.assign(process.env, emulatorEnv(url));

  const tcb = require('@cloudbase/node-sdk');
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
}

export async function openTestDb(opts: Partial<EmulatorOptions> = {}): Promise<TestDb> {
  const dataDir = opts.dataDir ?? tempDir();
  const emu = await startEmulator({ port: 0, ...opts, dataDir });
  const db = pointSdk(emu.url);
  return {
    emu,
    db,
    dataDir,
    async close() {
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The TcbError a promise rejects with (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
