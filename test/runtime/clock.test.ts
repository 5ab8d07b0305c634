import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { Clock } from '../../local/clock';
import { functionNames } from '../../scripts/build-functions';
import { startStationCloud } from '../support/station';
import type { TestCloud } from '../support/cloud';

/**
 * The local system's one clock: the functions' `now`, the emulator's serverDate and the timers
 * all follow it, so a test can stand at any instant; and the local system runs the built bundles.
 */
const ADMIN = 'o_clock_admin';
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN);
});
afterAll(() => cloud.close());

test('a function’s now is the clock’s: the station month turns at 00:00 +08:00, whatever UTC says', async () => {
  cloud.clock.set('2026-12-31T23:59:59+08:00');
  expect((await cloud.ok('stats', 'dashboard', {}, ADMIN)).month).toBe('2026-12');
  cloud.clock.set('2027-01-01T00:00:01+08:00');
  // Still 2026-12-31 in UTC, where the function runs.
  expect((await cloud.ok('stats', 'dashboard', {}, ADMIN)).month).toBe('2027-01');
});

test('the emulator’s serverDate is the same clock', async () => {
  cloud.clock.set('2028-02-29T12:00:00+08:00');
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  const { id } = (await db.collection('outbox').add({ probe: true, at: db.serverDate() })) as { id: string };
  const { data } = await db.collection('outbox').doc(id).get();
  const at = new Date((data[0] as { at: Date }).at).getTime();
  expect(at).toBeGreaterThanOrEqual(Date.parse('2028-02-29T12:00:00+08:00'));
  expect(at).toBeLessThan(Date.parse('2028-02-29T12:00:01+08:00'));
  await db.collection('outbox').doc(id).remove();
});

test('a stepping clock moves the same way on every run; set and advance move it', () => {
  const a = new Clock('2027-01-01T00:00:00Z', { stepMs: 1 });
  expect([a.nowMs(), a.nowMs()].map((ms) => ms - Date.parse('2027-01-01T00:00:00Z'))).toEqual([1, 2]);
  a.advance(86_400_000);
  expect(a.now().toISOString()).toBe('2027-01-02T00:00:00.003Z');
  expect(() => a.set('not a date')).toThrow('not an instant');
});

test('under tsx (npm start, the benches) the host loads the bundles, never the TypeScript beside them', () => {
  const script = `
    const { FunctionHost } = require('./local/runtime/functions');
    new FunctionHost();
    console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('/cloudfunctions/'))));`;
  const run = spawnSync(join('node_modules', '.bin', 'tsx'), ['-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const loaded = JSON.parse(run.stdout) as string[];
  expect(loaded.filter((f) => f.endsWith('.ts'))).toEqual([]);
  expect(loaded.map((f) => f.split('/cloudfunctions/')[1]).sort()).toEqual(functionNames().map((name) => `${name}/index.js`));
});
