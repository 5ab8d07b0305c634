/**
 * `npx tsx bench/report-scale.ts`: how the dashboard and the project-period
 * report behave as attendance grows. Loads 10,000 and then 100,000 attendance records into an
 * emulator in a temp folder and prints, for each, the time and the number of DB requests of a
 * dashboard load and of a report. The tallies are aggregations inside the database, so the
 * request count must stay the same while the data grows tenfold.
 *
 * The records are dated around one clock (local/clock.ts), as `npm start` runs: the project period
 * is the twelve months around the clock's month, and the functions and the emulator read the same
 * clock. NOW=2027-01-01T00:00:05+08:00 stands it at another instant (default: the real time).
 * The timings are measured with performance.now(), apart from the clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { attendanceRecord, type AttendanceDoc, type Session, type SessionKind } from '../cloudfunctions/_shared/attendance';
import { SERVICE_AREAS } from '../cloudfunctions/_shared/schemas';
import { dayjs, localMonth, startOfLocalDay } from '../cloudfunctions/_shared/time';
import { Clock } from '../local/clock';
import { startEmulator } from '../local/emulator';
import { ensureCollections } from '../local/runtime/collections';
import { FunctionHost, pointSdkAt } from '../local/runtime/functions';
import { buildFunctions } from '../scripts/build-functions';

const INVITE = 'bench-invite-code';
const LEAD = 'bench-lead';
const SECRETARY = 'bench-secretary';
const BATCH = 1000;
const RUNS = 3;
const clock = new Clock(process.env.NOW || Date.now());
/** The project period: twelve months, the six before the clock's station month and the six from it. */
const PERIOD = (() => {
  const thisMonth = dayjs(`${localMonth(clock.now())}-01`);
  return { from: thisMonth.subtract(6, 'month').format('YYYY-MM-DD'), to: thisMonth.add(5, 'month').endOf('month').format('YYYY-MM-DD') };
})();
const PERIOD_START = startOfLocalDay(PERIOD.from).getTime();
const INDICATORS = ['home-visit', 'family-outing', 'disabled-group', 'lecture', 'choir', 'tutoring', 'elderly-group', 'publicity'];
const KINDS: SessionKind[] = ['activity', 'groupPractice', 'service'];

/**
 * FIXTURE DATA: attendance as the functions record it, built with the shared attendanceRecord.
 * Record n belongs to session ⌊n/10⌋ (ten people a session), spread over the project period's first 365 days;
 * one session in nine is extension work; 3,000 different residents; some bring family.
 */
function record(n: number): AttendanceDoc {
  const s = Math.floor(n / 10);
  const day = s % 365;
  const session: Session = {
    id: `bench-session-${s}`,
    kind: KINDS[s % KINDS.length],
    sourceId: `bench-source-${s % 40}`,
    title: `演示活动 ${s % 40}`,
    serviceArea: SERVICE_AREAS[s % SERVICE_AREAS.length],
    targetGroup: ['空巢老人', '亲子家庭', '残障人士', '青少年'][s % 4],
    indicatorId: s % 9 === 0 ? null : INDICATORS[s % INDICATORS.length],
    // Day `day` of the period, at 09:00 to 18:00 station time.
    startAt: new Date(PERIOD_START + day * 86_400_000 + (9 + (s % 10)) * 3_600_000),
  };
  return attendanceRecord(session, `bench-person-${(n * 7919) % 3000}`, 1 + (n % 3 === 0 ? 1 : 0), 'bench-worker', clock.now());
}

async function main() {
  buildFunctions();
  const dataDir = mkdtempSync(join(tmpdir(), 'sanshe-bench-'));
  const emulator = await startEmulator({ port: 0, dataDir, compactIntervalMs: 3_600_000, clock: () => clock.nowMs() });
  try {
    pointSdkAt(emulator.url, { ADMIN_INVITE_CODE: INVITE });
    await ensureCollections();
    const host = new FunctionHost(clock);
    const call = async (fn: string, action: string, input: object, openid: string) => {
      const reply = (await host.invoke(fn, { ...input, action }, openid)) as { ok: boolean; error?: { code: string } };
      if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.error?.code}`);
    };
    await call('users', 'claimAdmin', { code: INVITE }, LEAD);
    await call('users', 'me', {}, SECRETARY);
    await call('users', 'setRoles', { personId: SECRETARY, roles: ['secretary'] }, LEAD);
    await call(
      'stats',
      'setPlan',
      { ...PERIOD, indicators: INDICATORS.map((id) => ({ id, name: `演示指标 ${id}`, serviceArea: '社区', plannedSessions: 100, plannedVisits: 1000 })) },
      LEAD,
    );

    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    let loaded = 0;
    const loadUpTo = async (total: number) => {
      for (; loaded < total; loaded += BATCH) {
        await db.collection('attendance').add(Array.from({ length: BATCH }, (_, i) => record(loaded + i)));
      }
    };

    /** The median time of a few runs, and the DB requests of one. */
    const measure = async (fn: string, action: string, input: object) => {
      await call(fn, action, input, SECRETARY); // warm-up: the first call loads the bundle
      const times: number[] = [];
      let requests = 0;
      for (let i = 0; i < RUNS; i++) {
        emulator.resetCounts();
        const started = performance.now();
        await call(fn, action, input, SECRETARY);
        times.push(performance.now() - started);
        requests = emulator.totalRequests();
      }
      return { ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)], requests };
    };

    console.log('records  | dashboard: ms  DB requests | project-period report: ms  DB requests');
    const results: { requests: [number, number] }[] = [];
    for (const size of [10_000, 100_000]) {
      await loadUpTo(size);
      const dashboard = await measure('stats', 'dashboard', {});
      const report = await measure('stats', 'report', PERIOD);
      results.push({ requests: [dashboard.requests, report.requests] });
      console.log(
        `${String(size).padStart(8)} | ${dashboard.ms.toFixed(0).padStart(13)}  ${String(dashboard.requests).padStart(11)} | ${report.ms.toFixed(0).padStart(25)}  ${String(report.requests).padStart(11)}`,
      );
    }
    const [small, large] = results;
    const same = small.requests.every((n, i) => n === large.requests[i]);
    console.log(same ? 'DB requests per load: the same at 10k and 100k records.' : 'DB requests GREW with the data.');
    if (!same) process.exitCode = 1;
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
