import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Clock } from './clock';
import { startEmulator } from './emulator';
import { createPreview } from './preview';
import { ensureCollections } from './runtime/collections';
import { FunctionHost, pointSdkAt } from './runtime/functions';
import { startRuntime } from './runtime/server';
import { DEMO } from './seed/call';
import { seedDemo } from './seed';

/**
 * `npm start`: the whole system on this machine — the CloudBase emulator, the cloud functions
 * behind a callFunction gateway, and fictional demo data on first run.
 */
async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  // Local only: the invite code with which demo-admin becomes the first admin, as a real deployment's would.
  const inviteCode = process.env.ADMIN_INVITE_CODE ?? 'fuyuan-demo-2026';

  // NOW=2027-01-01T00:00:05+08:00 runs the whole system from that instant on (default: the real time).
  const clock = new Clock(process.env.NOW || Date.now());

  const emulator = await startEmulator({ port: Number(process.env.EMULATOR_PORT ?? 0), dataDir, clock: () => clock.nowMs() });
  pointSdkAt(emulator.url, { ADMIN_INVITE_CODE: inviteCode });
  await ensureCollections();
  const host = new FunctionHost(clock);

  const hasData = (emulator.dump().users ?? []).length > 0;
  if (!hasData) {
    process.stdout.write('loading demo data… ');
    await seedDemo(host, inviteCode);
    console.log('done');
  }

  // PREVIEW_ROOT: another mini-program folder to preview (the preview's own e2e fixture).
  const server = await startRuntime(host, { port, fallback: createPreview({ host, root: process.env.PREVIEW_ROOT || undefined }) });
  const listening = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${listening}`;
  console.log(`三社通 is running.
  PORT=${listening}  DATA_DIR=${dataDir}  NOW=${clock.now().toISOString()}
  mini-program preview: ${base}/  (open it in a browser)
  cloud functions: POST ${base}/functions/<name>  (header x-wx-openid: <openid>)
  functions: ${host.names().join(', ')}
  database emulator: ${emulator.url}
  demo identities: ${DEMO.admin}, ${DEMO.worker}, ${DEMO.secretary}, ${DEMO.volunteer}, ${DEMO.resident(1)} … ${DEMO.resident(DEMO.residentCount)}
  try: curl -s -X POST ${base}/functions/users -H 'x-wx-openid: ${DEMO.resident(1)}' -d '{"action":"me"}'`);

  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
