import type { SignUpDoc } from '../../cloudfunctions/activities/rules';
import { activityDoc, arrived, explained, published, resident, seatCount, signUpDocs, startActivitiesCloud, until, WORKER } from '../activities/helpers';
import type { TestCloud } from '../support/cloud';

/*
 * Erasure against the resident's own sign-up already on its way. The router refuses new actions
 * once the erasure has begun, but a sign-up that passed the router before lands after the
 * erasure's check that nothing is open. Either way no seat may stay with the erased person or
 * their pseudonym, and nothing under their openid may stay at all. The races are made exact by
 * holding one request up at the emulator.
 */
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startActivitiesCloud();
});
afterAll(() => cloud.close());

const pseudonymous = (id: string) => signUpDocs(cloud, id).filter((s) => s.personId.startsWith('erased_'));

test('a sign-up that goes through between the erasure’s check and its first write leaves no seat to the pseudonym', async () => {
  const id = await published(cloud, { capacity: 5 });
  const who = await resident(cloud, 'o_race_between');
  // The check found nothing open; the erasure's first write (its marker) is held up...
  cloud.emulator.resetCounts();
  cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'users', delayMs: 300, times: 1 });
  const erasing = cloud.call('users', 'eraseMe', { confirm: true }, who);
  await until(() => arrived(cloud, 'database.modifyDocument') === 1);
  // ...while her sign-up, not yet refused, takes a seat.
  expect(await cloud.ok('activities', 'signUp', { activityId: id }, who)).toMatchObject({ status: 'registered' });
  expect(await erasing).toEqual({ ok: true, data: { erased: true } });
  cloud.emulator.faults.clear();

  expect(activityDoc(cloud, id)).toMatchObject({ seatHolders: [], seatsHeld: {} });
  expect(seatCount(cloud, id)).toEqual(explained(0));
  // The sign-up stays under the pseudonym, withdrawn and nameless; nothing names her.
  expect(pseudonymous(id)).toEqual([expect.objectContaining<Partial<SignUpDoc>>({ active: false, party: [] })]);
  expect(JSON.stringify(cloud.emulator.dump())).not.toContain(who);
});

test('a sign-up whose write lands after the erasure finished is not kept', async () => {
  const id = await published(cloud, { capacity: 5, maxParty: 1 });
  const who = await resident(cloud, 'o_race_after');
  // Her sign-up has passed the router and read the activity; its write is held up...
  cloud.emulator.resetCounts();
  cloud.emulator.faults.inject({ action: 'database.insertDocument', collection: 'signups', delayMs: 300, times: 1 });
  const signing = cloud.call('activities', 'signUp', { activityId: id, party: [{ name: '王小宝', relation: '孙女' }] }, who);
  await until(() => arrived(cloud, 'database.insertDocument') === 1);
  // ...while her erasure runs from start to end.
  expect(await cloud.ok('users', 'eraseMe', { confirm: true }, who)).toEqual({ erased: true });
  expect(await signing).toMatchObject({ ok: false, error: { code: 'ERASING' } });
  cloud.emulator.faults.clear();

  expect(seatCount(cloud, id)).toEqual(explained(0));
  expect(signUpDocs(cloud, id)).toEqual([]);
  const left = JSON.stringify(cloud.emulator.dump());
  for (const trace of [who, '王小宝']) expect(left).not.toContain(trace);
});

test('a worker cannot sign up someone whose erasure is under way', async () => {
  const id = await published(cloud);
  const who = await resident(cloud, 'o_race_proxy');
  cloud.emulator.faults.inject({ action: 'database.removeDocument', collection: 'serviceRequests', fail: true, times: 1 });
  jest.spyOn(console, 'error').mockImplementationOnce(() => undefined); // the cut-short erasure is logged by action and code
  expect(await cloud.call('users', 'eraseMe', { confirm: true }, who)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  cloud.emulator.faults.clear();
  const before = JSON.stringify(cloud.emulator.dump());
  expect(await cloud.call('activities', 'proxySignUp', { activityId: id, personId: who }, WORKER)).toMatchObject({ ok: false, error: { code: 'ERASING' } });
  expect(JSON.stringify(cloud.emulator.dump())).toBe(before);
});
