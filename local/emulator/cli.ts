/**
 * Runs the emulator as a process: `PORT=8787 DATA_DIR=.data/db npx tsx local/emulator/cli.ts`.
 * Optional: EMULATOR_COLLECTIONS=a,b,c (created when missing), EMULATOR_COMPACT_INTERVAL_MS,
 * EMULATOR_COMPACT_MIN_BYTES. Prints the URL and the data folder, then `EMULATOR_URL=…` on its own line
 * for scripts and tests.
 */
import * as path from 'node:path';
import { emulatorEnv, startEmulator } from './index';

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data/db');
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const emulator = await startEmulator({
    port: num(process.env.PORT) ?? 8787,
    host: process.env.HOST || undefined,
    dataDir,
    collections: (process.env.EMULATOR_COLLECTIONS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    compactIntervalMs: num(process.env.EMULATOR_COMPACT_INTERVAL_MS),
    compactMinBytes: num(process.env.EMULATOR_COMPACT_MIN_BYTES),
  });
  console.log(`CloudBase emulator listening on ${emulator.url}`);
  console.log(`data: ${dataDir}`);
  console.log(`env for the SDK: ${JSON.stringify(emulatorEnv(emulator.url))}`);
  console.log(`EMULATOR_URL=${emulator.url}`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
