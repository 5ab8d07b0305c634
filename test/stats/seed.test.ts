import { DEMO } from '../../local/seed/call';
import { seedPeople } from '../../local/seed/people';
import { DEMO_INDICATORS, seedStats } from '../../local/seed/stats';
import { startTestCloud, type TestCloud } from '../support/cloud';

const INVITE = 'seed-invite-code';
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await seedPeople(cloud.ok, INVITE);
});
afterAll(() => cloud.close());

test('the demo plan goes in through setPlan and the secretary reads it back', async () => {
  await seedStats(cloud.ok);
  const plan = await cloud.ok('stats', 'getPlan', {}, DEMO.secretary);
  expect(plan).toMatchObject({ from: '2026-06-01', to: '2027-05-31' });
  expect(plan?.indicators.map((i) => i.id)).toEqual(Object.values(DEMO_INDICATORS));
  expect(plan?.monthlyTargets).toContainEqual({ month: '2026-12', indicatorId: DEMO_INDICATORS.elderlyGroup, measure: 'sessions', target: 1.5 });
  const december = await cloud.ok('stats', 'monthlySummary', { month: '2026-12' }, DEMO.secretary);
  expect(december.items.map((i) => i.status)).toEqual(Array(december.items.length).fill('持续进行'));
  expect(december.nextPlan.length).toBeGreaterThanOrEqual(4);
});
