import { runSignupBurst } from '../../bench/signup-burst';
import { clock } from '../support/clock';

// The bench itself, small: it prints every figure on a line of its own, and its baseline oversells.
test('the sign-up burst prints its figures, per seated and waitlisted sign-up and against count-then-insert', async () => {
  const { lines, holds, figures } = await runSignupBurst({ residents: 40, seats: 5, doubleTaps: 4, sample: 3, clock, build: false });
  expect(holds).toBe(true);
  for (const label of [
    'DB requests / sign-up',
    'DB requests / seated sign-up',
    'DB requests / waitlisted sign-up',
    'duplicates',
    'seats explained',
    'baseline oversold',
    'baseline DB requests / sign-up',
    'baseline CPU time',
    'ratio DB requests',
    'ratio CPU time',
  ]) {
    expect(lines.filter((l) => l.trimStart().startsWith(label))).toHaveLength(1);
  }
  expect(figures.duplicates).toBe(0);
  expect(figures.explained).toBe(true);
  expect(figures.requestsPerSeated).toBeGreaterThan(0);
  expect(figures.requestsPerWaitlisted).toBeGreaterThan(0);
  // Count-then-insert: every tap counts before any inserts, so it takes more than the seats it has.
  expect(figures.baseline.registered).toBeGreaterThan(5);
  expect(figures.baseline.oversold).toBe(figures.baseline.registered - 5);
});
