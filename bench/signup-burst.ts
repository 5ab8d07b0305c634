import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityDoc, SignUpDoc } from '../cloudfunctions/activities/rules';
import { Clock } from '../local/clock';
import { startEmulator } from '../local/emulator';
import { ensureCollections } from '../local/runtime/collections';
import { FunctionHost, pointSdkAt } from '../local/runtime/functions';
import { startRuntime } from '../local/runtime/server';
import { buildFunctions } from '../scripts/build-functions';

/**
 * A notice shared to the community WeChat group: 1000 residents tap 报名 at once for a 30-seat
 * activity, through the local callFunction gateway (HTTP), some of them twice. Each is a
 * first-time user whose contact details fill their profile. Capacity must hold exactly.
 *
 *   npx tsx bench/signup-burst.ts [residents=1000] [seats=30] [doubleTaps=50]
 *
 * With FAULTS=1 the emulator delays some writes and fails others (a function failing between
 * writing a sign-up and taking its seats); residents whose call failed try once more, as the
 * page does after re-reading. Capacity must still hold exactly.
 *
 * The fixtures are dated by one clock (local/clock.ts), which the functions and the emulator's
 * serverDate read too: NOW=2026-12-31T23:59:58+08:00 stands it at another instant (default: the
 * real time). The timings are measured with performance.now(), apart from the clock.
 */
const RESIDENTS = Number(process.argv[2] ?? 1000);
const SEATS = Number(process.argv[3] ?? 30);
const DOUBLE_TAPS = Number(process.argv[4] ?? 50);
const FAULTS = process.env.FAULTS === '1';
const INVITE = 'bench-invite';
const clock = new Clock(process.env.NOW || Date.now());

type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  buildFunctions();
  const dataDir = mkdtempSync(join(tmpdir(), 'sanshe-bench-'));
  const emulator = await startEmulator({ port: 0, dataDir, clock: () => clock.nowMs() });
  pointSdkAt(emulator.url, { ADMIN_INVITE_CODE: INVITE });
  await ensureCollections();
  const server = await startRuntime(new FunctionHost(clock), { port: 0 });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async <T>(fn: string, openid: string, event: Record<string, unknown>): Promise<Reply<T>> => {
    const res = await fetch(`${base}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(event),
    });
    return (await res.json()) as Reply<T>;
  };
  const must = async <T>(fn: string, openid: string, event: Record<string, unknown>): Promise<T> => {
    const reply = await call<T>(fn, openid, event);
    if (!reply.ok) throw new Error(`${fn}.${String(event.action)}: ${reply.error.code}`);
    return reply.data;
  };

  await must('users', 'bench-admin', { action: 'claimAdmin', code: INVITE });
  await must('users', 'bench-worker', { action: 'me' });
  await must('users', 'bench-admin', { action: 'setRoles', personId: 'bench-worker', roles: ['worker'] });
  const hours = (h: number) => new Date(clock.nowMs() + h * 3600_000).toISOString();
  const { id } = await must<{ id: string }>('activities', 'bench-worker', {
    action: 'create',
    title: '社区大讲堂（压测）',
    serviceArea: '社区',
    capacity: SEATS,
    startAt: hours(48),
    endAt: hours(50),
  });
  await must('activities', 'bench-worker', { action: 'publish', activityId: id });

  const taps = Array.from({ length: RESIDENTS }, (_, i) => `bench-resident-${i}`);
  // Some residents tap twice: the second tap arrives while the first is still under way.
  for (let i = 0; i < DOUBLE_TAPS; i++) taps.push(taps[i * Math.floor(RESIDENTS / Math.max(1, DOUBLE_TAPS))]);

  emulator.resetCounts();
  if (FAULTS) {
    emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', delayMs: 20, fail: true, times: 20 });
    emulator.faults.inject({ action: 'database.insertDocument', collection: 'signups', delayMs: 50, times: 200 });
  }
  const signUp = async (openid: string, i: number) => {
    const t0 = performance.now();
    const reply = await call<{ status: string }>('activities', openid, { action: 'signUp', activityId: id, contact: { name: `居民${i}` } });
    return { openid, reply, ms: performance.now() - t0 };
  };
  const started = performance.now();
  const firstTry = await Promise.all(taps.map(signUp));
  const injectedFailures = firstTry.filter((r) => !r.reply.ok).length;
  const results = await Promise.all(firstTry.map((r, i) => (r.reply.ok ? r : signUp(r.openid, i))));
  const wallMs = Math.round(performance.now() - started);
  const requests = emulator.totalRequests();
  const perAction = emulator.requestCounts();

  const activity = (emulator.dump().activities as ActivityDoc[]).find((a) => a._id === id)!;
  const signUps = (emulator.dump().signups as SignUpDoc[]).filter((s) => s.activityId === id);
  const failed = results.filter((r) => !r.reply.ok);
  const statusOf = new Map<string, Set<string>>();
  for (const r of results) if (r.reply.ok) statusOf.set(r.openid, (statusOf.get(r.openid) ?? new Set()).add(r.reply.data.status));
  const registered = [...statusOf.values()].filter((s) => s.has('registered')).length;
  const waitlisted = [...statusOf.values()].filter((s) => !s.has('registered') && s.has('waitlisted')).length;
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);

  console.log(`sign-up burst: ${RESIDENTS} residents (+${DOUBLE_TAPS} double taps) → ${SEATS}-seat activity, over HTTP${FAULTS ? ', with faults' : ''}`);
  if (FAULTS) console.log(`  failed on first try    ${injectedFailures} (injected), retried once`);
  console.log(
    `  calls                  ${taps.length} in ${wallMs} ms, failed: ${failed.length}${failed.length ? ` (${failed[0].reply.ok ? '' : failed[0].reply.error.code})` : ''}`,
  );
  console.log(`  registered             ${registered}   (seats taken ${activity.seatsTaken}, seat holders ${activity.seatHolders.length})`);
  console.log(`  waitlisted             ${waitlisted}`);
  console.log(
    `  duplicates             ${signUps.length - new Set(signUps.map((s) => s.personId)).size} sign-ups made twice (${signUps.length} sign-ups for ${RESIDENTS} residents)`,
  );
  console.log(
    `  DB requests / sign-up  ${(requests / taps.length).toFixed(2)}   (${requests} in all: ${Object.entries(perAction)
      .map(([k, v]) => `${k.replace('database.', '')} ${v}`)
      .join(', ')})`,
  );
  console.log(
    `  latency                p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`,
  );

  server.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });

  const explained = activity.seatsTaken === signUps.filter((s) => activity.seatHolders.includes(s.personId)).reduce((n, s) => n + s.seats, 0);
  console.log(`  seats explained        ${explained ? 'yes' : 'NO'}: seats taken = the seats of the sign-ups holding them`);
  const holds = explained && activity.seatsTaken === SEATS && registered === SEATS && activity.seatHolders.length === SEATS && failed.length === 0;
  if (!holds) {
    console.error(`FAILED: expected exactly ${SEATS} registered seats and no failed call`);
    process.exit(1);
  }
  console.log(`OK: exactly ${SEATS} seats taken`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
