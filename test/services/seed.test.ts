import { DEMO } from '../../local/seed/call';
import { seedPeople } from '../../local/seed/people';
import { seedServices } from '../../local/seed/services';
import { startTestCloud, type TestCloud } from '../support/cloud';

const INVITE = 'seed-invite';
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await seedPeople(cloud.ok, INVITE);
  await seedServices(cloud.ok, cloud.clock.now());
});
afterAll(() => cloud.close());

test('the demo has next month’s haircut day with bookings, a matched tutoring request with sessions, and home visits', async () => {
  const { haircutDays } = await cloud.ok('services', 'overview', {}, DEMO.resident(1));
  expect(haircutDays).toHaveLength(1);
  expect(haircutDays[0].day.slice(8)).toBe('10');
  expect(haircutDays[0].myBooking).not.toBeNull();
  expect(haircutDays[0].slots.map((s) => s.seatsLeft)).toEqual([1, 2, 2, 3, 3]);

  const matches = await cloud.ok('services', 'myMatches', {}, DEMO.volunteer);
  expect(matches.map((m) => m.summary)).toEqual([expect.stringContaining('小雨 · 五年级')]);
  expect(await cloud.ok('services', 'myHours', {}, DEMO.volunteer)).toMatchObject({ minutes: 270, services: 3 });

  const open = await cloud.ok('services', 'queue', {}, DEMO.worker);
  expect(open.map((r) => `${r.kind}:${r.status}`).sort()).toEqual([
    'haircut:scheduled',
    'haircut:scheduled',
    'haircut:scheduled',
    'haircut:scheduled',
    'homeHaircut:scheduled',
    'homeVisit:submitted',
    'tutoring:matched',
    'tutoring:submitted',
  ]);

  const attendance = (cloud.emulator.dump().attendance ?? []) as Array<{ kind: string; sourceId: string }>;
  expect(
    attendance
      .filter((a) => a.kind === 'service')
      .map((a) => a.sourceId)
      .sort(),
  ).toEqual(['homeVisit', 'homeVisit', 'homeVisit', 'homeVisit', 'tutoring', 'tutoring', 'tutoring']);
});
