import tcb from '@cloudbase/node-sdk';
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
import { countThenInsert } from './baseline';

/**
 * A notice shared to the community WeChat group: 1000 residents tap 报名 at once for a 30-seat
 * activity, through the local callFunction gateway (HTTP), some of them twice. Each is a
 * first-time user whose contact details fill their profile. Capacity must hold exactly.
 *
 *   npx tsx bench/signup-burst.ts [residents=1000] [seats=30] [doubleTaps=50] [sample=20]
 *
 * Beside the burst it measures, sequentially, `sample` seated sign-ups on a fresh activity and
 * then `sample` waitlisted ones on the full one (DB requests each), and runs the same burst
 * against a count-then-insert baseline (bench/baseline.ts) for the ratios and its overselling.
 *
 * With FAULTS=1 the emulator delays some writes and fails others (a function failing between
 * writing a sign-up and taking its seats); residents whose call failed try once more, as the
 * page does after re-reading. Capacity must still hold exactly.
 *
 * The fixtures are dated by one clock (local/clock.ts), which the functions and the emulator's
 * serverDate read too: NOW=2026-12-31T23:59:58+08:00 stands it at another instant (default: the
 * real time). The timings are measured with performance.now(), apart from the clock.
 */
type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export interface BurstOptions {
  residents: number;
  seats: number;
  doubleTaps: number;
  /** Sign-ups in each sequential sample (seated, then waitlisted). */
  sample: number;
  faults?: boolean;
  /** The fixtures' clock (the functions and serverDate read it too). */
  clock: Clock;
  /** Bundle the functions first (a test has them built already). */
  build?: boolean;
}

export interface BurstResult {
  /** What the bench prints, a figure a line. */
  lines: string[];
  /** Exactly `seats` seats taken, all explained, no failed call. */
  holds: boolean;
  figures: {
    requestsPerSignUp: number;
    requestsPerSeated: number;
    requestsPerWaitlisted: number;
    duplicates: number;
    explained: boolean;
    baseline: { requestsPerSignUp: number; registered: number; oversold: number; duplicates: number; cpuMs: number };
    cpuMs: number;
  };
}

const INVITE = 'bench-invite';
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

export async function runSignupBurst(o: BurstOptions): Promise<BurstResult> {
  const { residents: RESIDENTS, seats: SEATS, doubleTaps: DOUBLE_TAPS, sample: SAMPLE, clock } = o;
  const FAULTS = o.faults === true;
  if (o.build !== false) buildFunctions();
  const dataDir = mkdtempSync(join(tmpdir(), 'sanshe-bench-'));
  const emulator = await startEmulator({ port: 0, dataDir, clock: () => clock.nowMs() });
  pointSdkAt(emulator.url, { ADMIN_INVITE_CODE: INVITE });
  await ensureCollections();
  const server = await startRuntime(new FunctionHost(clock), { port: 0 });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

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
  const newActivity = async (title: string, capacity: number) => {
    const { id } = await must<{ id: string }>('activities', 'bench-worker', {
      action: 'create',
      title,
      serviceArea: '社区',
      capacity,
      startAt: hours(48),
      endAt: hours(50),
    });
    await must('activities', 'bench-worker', { action: 'publish', activityId: id });
    return id;
  };
  const id = await newActivity('社区大讲堂（压测）', SEATS);

  const taps = Array.from({ length: RESIDENTS }, (_, i) => `bench-resident-${i}`);
  // Some residents tap twice: the second tap arrives while the first is still under way.
  for (let i = 0; i < DOUBLE_TAPS; i++) taps.push(taps[i * Math.floor(RESIDENTS / Math.max(1, DOUBLE_TAPS))]);

  emulator.resetCounts();
  if (FAULTS) {
    emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', delayMs: 20, fail: true, times: 20 });
    emulator.faults.inject({ action: 'database.insertDocument', collection: 'signups', delayMs: 50, times: 200 });
  }
  const signUpTo = async (activityId: string, openid: string, i: number) => {
    const t0 = performance.now();
    const reply = await call<{ status: string }>('activities', openid, { action: 'signUp', activityId, contact: { name: `居民${i}` } });
    return { openid, reply, ms: performance.now() - t0 };
  };
  const signUp = (openid: string, i: number) => signUpTo(id, openid, i);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const firstTry = await Promise.all(taps.map(signUp));
  const injectedFailures = firstTry.filter((r) => !r.reply.ok).length;
  const results = await Promise.all(firstTry.map((r, i) => (r.reply.ok ? r : signUp(r.openid, i))));
  const cpuMs = cpuMsSince(cpu0);
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
  const duplicates = signUps.length - new Set(signUps.map((s) => s.personId)).size;
  const explained = activity.seatsTaken === signUps.filter((s) => activity.seatHolders.includes(s.personId)).reduce((n, s) => n + s.seats, 0);
  emulator.faults.clear();

  // One at a time, so each figure is one sign-up's own: seated on a fresh activity, then waitlisted on it full.
  const perSignUp = async (activityId: string, prefix: string, want: string) => {
    emulator.resetCounts();
    for (let i = 0; i < SAMPLE; i++) {
      const r = await signUpTo(activityId, `${prefix}${i}`, i);
      if (!r.reply.ok || r.reply.data.status !== want) throw new Error(`sample sign-up ${prefix}${i}: ${JSON.stringify(r.reply)}`);
    }
    return emulator.totalRequests() / Math.max(1, SAMPLE);
  };
  const sampleId = await newActivity('样本活动（压测）', SAMPLE);
  const requestsPerSeated = await perSignUp(sampleId, 'bench-seq-seated-', 'registered');
  const requestsPerWaitlisted = await perSignUp(sampleId, 'bench-seq-waiting-', 'waitlisted');

  // The same burst against count-then-insert, in-process with the same SDK and emulator.
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  const baselineId = `baseline-${id}`;
  emulator.resetCounts();
  const bcpu0 = process.cpuUsage();
  const outcomes = await Promise.all(taps.map((p) => countThenInsert(db, baselineId, p, SEATS, clock.now())));
  const baselineCpuMs = cpuMsSince(bcpu0);
  const baselineRequests = emulator.totalRequests();
  const baselineDocs = (emulator.dump().signups as { activityId: string; personId: string }[]).filter((s) => s.activityId === baselineId);
  const baselineRegistered = outcomes.filter((r) => r === 'registered').length;
  const baseline = {
    requestsPerSignUp: baselineRequests / taps.length,
    registered: baselineDocs.length,
    oversold: Math.max(0, baselineDocs.length - SEATS),
    duplicates: baselineDocs.length - new Set(baselineDocs.map((s) => s.personId)).size,
    cpuMs: baselineCpuMs,
  };

  log(`sign-up burst: ${RESIDENTS} residents (+${DOUBLE_TAPS} double taps) → ${SEATS}-seat activity, over HTTP${FAULTS ? ', with faults' : ''}`);
  if (FAULTS) log(`  failed on first try    ${injectedFailures} (injected), retried once`);
  log(
    `  calls                  ${taps.length} in ${wallMs} ms, failed: ${failed.length}${failed.length ? ` (${failed[0].reply.ok ? '' : failed[0].reply.error.code})` : ''}`,
  );
  log(`  registered             ${registered}   (seats taken ${activity.seatsTaken}, seat holders ${activity.seatHolders.length})`);
  log(`  waitlisted             ${waitlisted}`);
  log(`  duplicates             ${duplicates} sign-ups made twice (${signUps.length} sign-ups for ${RESIDENTS} residents)`);
  log(
    `  DB requests / sign-up  ${(requests / taps.length).toFixed(2)}   (${requests} in all: ${Object.entries(perAction)
      .map(([k, v]) => `${k.replace('database.', '')} ${v}`)
      .join(', ')})`,
  );
  log(`  DB requests / seated sign-up      ${requestsPerSeated.toFixed(2)}   (${SAMPLE} one after another on a fresh ${SAMPLE}-seat activity)`);
  log(`  DB requests / waitlisted sign-up  ${requestsPerWaitlisted.toFixed(2)}   (${SAMPLE} more one after another, on it full)`);
  log(
    `  latency                p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`,
  );
  log(`  CPU time (burst)       ${cpuMs.toFixed(0)} ms (process.cpuUsage: emulator, gateway and functions in this process)`);
  log(`  seats explained        ${explained ? 'yes' : 'NO'}: seats taken = the seats of the sign-ups holding them`);
  log(`baseline: count-then-insert (bench/baseline.ts), the same ${taps.length} taps in-process, no gateway`);
  log(`  baseline registered    ${baseline.registered} for ${SEATS} seats, ${baselineRegistered} told 报名成功`);
  log(`  baseline oversold      ${baseline.oversold} seats`);
  log(`  baseline duplicates    ${baseline.duplicates} sign-ups made twice`);
  log(`  baseline DB requests / sign-up  ${baseline.requestsPerSignUp.toFixed(2)}   (${baselineRequests} in all)`);
  log(`  baseline CPU time      ${baseline.cpuMs.toFixed(0)} ms`);
  log(`  ratio DB requests      ${(requests / taps.length / baseline.requestsPerSignUp).toFixed(2)}× the baseline's per sign-up`);
  log(`  ratio CPU time         ${(cpuMs / Math.max(1, baseline.cpuMs)).toFixed(2)}× the baseline's`);

  server.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });

  const holds = explained && activity.seatsTaken === SEATS && registered === SEATS && activity.seatHolders.length === SEATS && failed.length === 0;
  return {
    lines,
    holds,
    figures: { requestsPerSignUp: requests / taps.length, requestsPerSeated, requestsPerWaitlisted, duplicates, explained, baseline, cpuMs },
  };
}

async function main() {
  // The baseline's burst opens many sockets at once through the SDK: Node's listener warning is noise here.
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (w.name !== 'MaxListenersExceededWarning') console.warn(w);
  });
  const SEATS = Number(process.argv[3] ?? 30);
  const result = await runSignupBurst({
    residents: Number(process.argv[2] ?? 1000),
    seats: SEATS,
    doubleTaps: Number(process.argv[4] ?? 50),
    sample: Number(process.argv[5] ?? 20),
    faults: process.env.FAULTS === '1',
    clock: new Clock(process.env.NOW || Date.now()),
  });
  for (const line of result.lines) console.log(line);
  if (!result.holds) {
    console.error(`FAILED: expected exactly ${SEATS} registered seats and no failed call`);
    process.exit(1);
  }
  console.log(`OK: exactly ${SEATS} seats taken`);
}

// Run as a script (npx tsx bench/signup-burst.ts …); a test imports runSignupBurst instead.
if (/signup-burst\.ts$/.test(process.argv[1] ?? ''))
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
