import { spawnSync } from 'node:child_process';

/**
 * `npm run test:clocks`: every jest suite again with the test clock (test/support/clock.ts)
 * started at instants where calendar bugs live, so one fails CI before the calendar reaches it.
 * Each instant names why it is hostile. `npm run test:clocks -- 2027-01-01T00:00:05+08:00`
 * runs one instant; further arguments after it go to jest.
 */
export const HOSTILE_INSTANTS: Record<string, string> = {
  '2027-01-01T00:00:05+08:00': 'the first seconds of a station month and year (UTC is still 2026-12-31)',
  '2026-12-31T23:59:59.700+08:00': 'just before a year ends: most suites cross station midnight (the clock moves 1 ms a read)',
  '2028-02-29T23:59:59.700+08:00': 'the end of 29 February: crosses into March',
  '2026-12-05T07:30:00+08:00': 'a station morning whose UTC day is the day before',
  '2027-07-01T00:00:30+08:00': 'after the first demo plan period would have ended, first minute of a month',
};

const [only, ...jestArgs] = process.argv.slice(2);
const instants = only ? [only] : Object.keys(HOSTILE_INSTANTS);
const failed: string[] = [];
for (const at of instants) {
  console.log(`\n=== TEST_NOW=${at}  ${HOSTILE_INSTANTS[at] ?? ''}`);
  const run = spawnSync('npx', ['jest', '--silent', ...jestArgs], { stdio: 'inherit', env: { ...process.env, TEST_NOW: at } });
  if (run.status !== 0) failed.push(at);
}
console.log(failed.length ? `\nfailed at: ${failed.join(', ')}` : `\nevery suite passed at ${instants.length} hostile instant(s)`);
process.exit(failed.length ? 1 : 0);
