import { localDay, localMonth } from '../../cloudfunctions/_shared/time';
import { monthsBetween } from '../../cloudfunctions/stats/rules';
import { DEMO } from '../../local/seed/call';
import { seedPeople } from '../../local/seed/people';
import { DEMO_INDICATORS, seedStats } from '../../local/seed/stats';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { lastDayOf, monthFrom } from './fixtures';

const INVITE = 'seed-invite-code';
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await seedPeople(cloud.ok, INVITE);
});
afterAll(() => cloud.close());

test('the demo plan goes in through setPlan, runs twelve months around today, and the secretary reads it back', async () => {
  // The seed dates the plan from the system's clock, as `npm start` does with host.clock.
  const now = cloud.clock.now();
  await seedStats(cloud.ok, now);
  const [today, thisMonth] = [localDay(now), localMonth(now)];
  const plan = await cloud.ok('stats', 'getPlan', {}, DEMO.secretary);

  // A project in progress on any date: begun six months before this month, ending five after it.
  expect(plan).toMatchObject({ from: `${monthFrom(now, -6)}-01`, to: lastDayOf(monthFrom(now, 5)) });
  expect(plan!.from <= today && today <= plan!.to).toBe(true);
  expect(monthsBetween(plan!.from, plan!.to)).toHaveLength(12);
  expect(plan?.indicators.map((i) => i.id)).toEqual(Object.values(DEMO_INDICATORS));
  // Monthly targets for the months around now: this month's, and next month's plan.
  expect(plan?.monthlyTargets).toContainEqual(
    expect.objectContaining({ month: thisMonth, indicatorId: DEMO_INDICATORS.elderlyGroup, measure: 'sessions', target: 1.5 }),
  );
  // Two supervision targets share the indicator in a month, worded as the plan words them; the interviews go on (持续进行).
  expect(plan?.monthlyTargets.filter((t) => t.month === thisMonth && t.indicatorId === DEMO_INDICATORS.supervision).map((t) => t.text)).toEqual([
    '每月1次专业督导',
    '每周1次团队督导',
  ]);
  expect(plan?.monthlyTargets).toContainEqual(expect.objectContaining({ month: thisMonth, indicatorId: DEMO_INDICATORS.needs, ongoing: true, target: null }));
  expect(plan?.indicators.find((i) => i.id === DEMO_INDICATORS.leaders)).toMatchObject({ unit: '人', plannedOutput: 4 });
  const summary = await cloud.ok('stats', 'monthlySummary', { month: thisMonth }, DEMO.secretary);
  expect(summary.items.length).toBeGreaterThanOrEqual(4);
  expect(summary.items.map((i) => i.status)).toEqual(Array(summary.items.length).fill('持续进行'));
  expect(summary.nextPlan.length).toBeGreaterThanOrEqual(4);
});
