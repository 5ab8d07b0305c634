import type { ActivityDoc, SignUpDoc } from '../../cloudfunctions/activities/rules';
import { activityDoc, published, resident, signUpDocs, startActivitiesCloud, WORKER } from '../activities/helpers';
import type { TestCloud } from '../support/cloud';

/**
 * The sign-up burst with faults injected at the emulator: delayed writes, failed writes (the
 * function fails between writing a sign-up and taking its seats, or between withdrawing and
 * releasing them). Afterwards no seat is lost or double-sold, and the activity's seat count is
 * explained by the sign-up records.
 */
const CAPACITY = 30;
const RESIDENTS = 90;

let cloud: TestCloud;
const logged: string[] = [];
beforeAll(async () => {
  cloud = await startActivitiesCloud();
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
});
afterAll(() => cloud.close());

type Reply = { ok: boolean; data?: { status: string }; error?: { code: string } };

/** Seats on the activity doc must be exactly the seats of the people holding them, within capacity. */
function explainSeats(activity: ActivityDoc, signUps: SignUpDoc[]) {
  const byPerson = new Map(signUps.map((s) => [s.personId, s]));
  const held = activity.seatHolders.map((p) => byPerson.get(p));
  expect(held.every(Boolean)).toBe(true); // nobody holds a seat without a sign-up record
  expect(new Set(activity.seatHolders).size).toBe(activity.seatHolders.length); // no seat sold twice
  expect(activity.seatsTaken).toBe(held.reduce((n, s) => n + s!.seats, 0));
  expect(activity.seatsTaken).toBeLessThanOrEqual(activity.capacity);
}

test('a burst with delayed and failed writes loses no seat and sells none twice', async () => {
  const activityId = await published(cloud, { capacity: CAPACITY, maxParty: 2 });
  const people = await Promise.all(Array.from({ length: RESIDENTS }, (_, i) => resident(cloud, `o_fault_${i}`)));

  // The first writes to the activity are slowed and then fail; later ones are only slowed.
  cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', delayMs: 15, fail: true, times: 10 });
  cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', delayMs: 15, times: 60 });
  const replies = (await Promise.all(
    people.map((p, i) => cloud.host.invoke('activities', { action: 'signUp', activityId, party: i % 3 === 0 ? [{ name: '家人', relation: '配偶' }] : [] }, p)),
  )) as Reply[];
  const failed = people.filter((_, i) => !replies[i].ok);
  expect(failed.length).toBeGreaterThan(0); // the faults really bit
  expect(replies.filter((r) => !r.ok).every((r) => r.error?.code === 'INTERNAL')).toBe(true);
  explainSeats(activityDoc(cloud, activityId), signUpDocs(cloud, activityId));

  // Some registered residents withdraw while releases fail.
  cloud.emulator.faults.clear();
  const registered = people.filter((_, i) => replies[i].data?.status === 'registered');
  cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', fail: true, times: 3 });
  const withdrawals = (await Promise.all(registered.slice(0, 6).map((p) => cloud.host.invoke('activities', { action: 'cancel', activityId }, p)))) as Reply[];
  expect(withdrawals.some((r) => !r.ok)).toBe(true);
  cloud.emulator.faults.clear();
  explainSeats(activityDoc(cloud, activityId), signUpDocs(cloud, activityId));

  // The residents whose call failed simply try again, as the page does after re-reading.
  const retried = (await Promise.all(failed.map((p) => cloud.host.invoke('activities', { action: 'signUp', activityId }, p)))) as Reply[];
  expect(retried.every((r) => r.ok && ['registered', 'waitlisted'].includes(r.data!.status))).toBe(true);

  // The next read of the roster finishes any cut-short withdrawal and fills the freed seats.
  const roster = await cloud.ok('activities', 'roster', { activityId }, WORKER);
  const activity = activityDoc(cloud, activityId);
  const signUps = signUpDocs(cloud, activityId);
  explainSeats(activity, signUps);
  const active = new Map(signUps.filter((s) => s.active).map((s) => [s.personId, s]));
  expect(activity.seatHolders.every((p) => active.has(p))).toBe(true); // no withdrawn person keeps a seat
  const seatsLeft = activity.capacity - activity.seatsTaken;
  const waiting = [...active.values()].filter((s) => !activity.seatHolders.includes(s.personId));
  expect(waiting.every((s) => s.seats > seatsLeft)).toBe(true); // no free seat while someone who fits waits
  expect(roster.length).toBeGreaterThanOrEqual(active.size);

  // The failures were logged, and the logs name no resident: no openid, name or phone.
  expect(logged.length).toBeGreaterThan(0);
  expect(logged.filter((line) => /o_fault_|居民|1\d{10}/.test(line))).toEqual([]);
});
