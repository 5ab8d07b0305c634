import fc from 'fast-check';
import type { ActivityDoc, SignUpDoc } from '../../cloudfunctions/activities/rules';
import { fromNow, resident, sleep, startActivitiesCloud, WORKER } from '../activities/helpers';
import type { TestCloud } from '../support/cloud';

/*
 * Seats under generated concurrent interleavings: residents signing up (with family), cancelling,
 * changing their party, a worker promoting from the waitlist, changing the capacity or calling the
 * activity off, and residents erasing themselves — all fired at once with small delays. After each
 * run, the records alone must add up:
 *   - seatsTaken = Σ seats held = Σ seats of the active sign-ups holding them ≤ capacity;
 *   - one sign-up per person per activity;
 *   - no pseudonym, and no person whose erasure went through, holds a seat or a live sign-up;
 *   - everyone still signed up to a called-off activity has its notice in the outbox;
 *   - no call failed unexpectedly (INTERNAL).
 * npm test runs a fixed seed and a few runs; PROPS_RUNS=500 runs more and prints the figures.
 */
jest.setTimeout(300_000);

const RUNS = Number(process.env.PROPS_RUNS) || 20;
const MAX_PARTY = 3;

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startActivitiesCloud();
});
afterAll(() => cloud.close());

type Op =
  | { kind: 'signUp'; who: number; activity: number; party: number }
  | { kind: 'cancel'; who: number; activity: number }
  | { kind: 'changeParty'; who: number; activity: number; party: number }
  | { kind: 'promote'; who: number; activity: number; addSeats: boolean }
  | { kind: 'capacity'; activity: number; capacity: number }
  | { kind: 'erase'; who: number }
  | { kind: 'callOff'; activity: number };

interface Scenario {
  capacities: number[];
  residents: number;
  /** Sign-ups made one after another before the burst. */
  before: { who: number; activity: number; party: number }[];
  /** The burst: every call starts after its delay (ms), all at once. */
  burst: { op: Op; delayMs: number }[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({ activities: fc.integer({ min: 1, max: 2 }), residents: fc.integer({ min: 4, max: 6 }) })
  .chain(({ activities, residents }) => {
    const who = fc.integer({ min: 0, max: residents - 1 });
    const activity = fc.integer({ min: 0, max: activities - 1 });
    const party = fc.integer({ min: 0, max: MAX_PARTY });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('signUp' as const), who, activity, party }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who, activity }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('changeParty' as const), who, activity, party }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('promote' as const), who, activity, addSeats: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('capacity' as const), activity, capacity: fc.integer({ min: 2, max: 12 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('erase' as const), who }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('callOff' as const), activity }) },
    );
    return fc.record({
      capacities: fc.array(fc.integer({ min: 2, max: 8 }), { minLength: activities, maxLength: activities }),
      residents: fc.constant(residents),
      before: fc.array(fc.record({ who, activity, party }), { maxLength: residents }),
      burst: fc.array(fc.record({ op, delayMs: fc.integer({ min: 0, max: 30 }) }), { minLength: 4, maxLength: 14 }),
    });
  });

const partyOf = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `家人${i + 1}`, relation: '亲属' }));
type Reply = { ok: boolean; error?: { code: string } };

let run = 0;
let activitiesChecked = 0;
/** How the calls came out, over all runs: `signUp ok`, `eraseMe ERASE_OPEN_ITEMS`, `signUp ERASING`… */
const outcomes = new Map<string, number>();

async function play(s: Scenario): Promise<void> {
  run++;
  const ids: string[] = [];
  for (const capacity of s.capacities) {
    const { id } = await cloud.ok(
      'activities',
      'create',
      { title: '并发报名', serviceArea: '社区', capacity, maxParty: MAX_PARTY, startAt: fromNow(48), endAt: fromNow(50) },
      WORKER,
    );
    await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
    ids.push(id);
  }
  const people = await Promise.all(Array.from({ length: s.residents }, (_, i) => resident(cloud, `o_prop_${run}_${i}`)));
  // A party larger than the activity is refused, as it would be on the phone.
  for (const b of s.before) await cloud.call('activities', 'signUp', { activityId: ids[b.activity], party: partyOf(b.party) }, people[b.who]);

  const erased = new Set<string>();
  const call = (fn: string, action: string, input: object, openid: string) => cloud.host.invoke(fn, { ...input, action }, openid) as Promise<Reply>;
  /** One generated step, as the calls it makes: a party change is a cancel, then a sign-up. */
  const perform = async (op: Op): Promise<[action: string, reply: Reply][]> => {
    const activityId = 'activity' in op ? ids[op.activity] : '';
    const signUp = async (who: number, party: number) =>
      ['signUp', await call('activities', 'signUp', { activityId, party: partyOf(party) }, people[who])] as [string, Reply];
    const cancel = async (who: number) => ['cancel', await call('activities', 'cancel', { activityId }, people[who])] as [string, Reply];
    switch (op.kind) {
      case 'signUp':
        return [await signUp(op.who, op.party)];
      case 'cancel':
        return [await cancel(op.who)];
      case 'changeParty':
        return [await cancel(op.who), await signUp(op.who, op.party)];
      case 'promote':
        return [['promote', await call('activities', 'promote', { activityId, personId: people[op.who], ...(op.addSeats ? { addSeats: true } : {}) }, WORKER)]];
      case 'capacity':
        return [['update', await call('activities', 'update', { activityId, capacity: op.capacity }, WORKER)]];
      case 'erase': {
        const reply = await call('users', 'eraseMe', { confirm: true }, people[op.who]);
        if (reply.ok) erased.add(people[op.who]);
        return [['eraseMe', reply]];
      }
      case 'callOff':
        return [['cancelActivity', await call('activities', 'cancelActivity', { activityId }, WORKER)]];
    }
  };
  const performed = (await Promise.all(s.burst.map(async ({ op, delayMs }) => (await sleep(delayMs), perform(op))))).flat();
  for (const [action, r] of performed) {
    const key = `${action} ${r.ok ? 'ok' : r.error?.code}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  expect(performed.filter(([, r]) => !r.ok && r.error?.code === 'INTERNAL')).toEqual([]);

  const dump = cloud.emulator.dump();
  const outbox = new Set((dump.outbox as { _id: string }[]).map((o) => o._id));
  for (const id of ids) {
    const a = (dump.activities as ActivityDoc[]).find((x) => x._id === id)!;
    const signUps = (dump.signups as SignUpDoc[]).filter((x) => x.activityId === id);
    const byPerson = new Map(signUps.map((x) => [x.personId, x]));
    const label = `activity ${ids.indexOf(id)} (${a.status}, capacity ${a.capacity})`;
    const seatsOf = (p: string) => byPerson.get(p)?.seats ?? NaN;

    expect({ label, sameSignUpTwice: signUps.length - byPerson.size }).toEqual({ label, sameSignUpTwice: 0 });
    expect({ label, seatSoldTwice: a.seatHolders.length - new Set(a.seatHolders).size }).toEqual({ label, seatSoldTwice: 0 });
    // Whoever holds seats has an active sign-up for exactly that many.
    const holding = a.seatHolders.map((p) => ({ seats: seatsOf(p), active: byPerson.get(p)?.active ?? 'no sign-up' }));
    expect({ label, holding }).toEqual({ label, holding: a.seatHolders.map((p) => ({ seats: seatsOf(p), active: true })) });
    const seatedSeats = a.seatHolders.reduce((n, p) => n + seatsOf(p), 0);
    expect({ label, seatsTaken: a.seatsTaken }).toEqual({ label, seatsTaken: seatedSeats });
    expect(a.seatsTaken).toBeLessThanOrEqual(a.capacity);
    // The activity's own record of who holds how many seats says the same.
    const held = a.seatsHeld;
    expect({ label, held }).toEqual({ label, held: Object.fromEntries(a.seatHolders.map((p) => [p, seatsOf(p)])) });

    // Nobody erased, and no pseudonym, keeps a seat or a live sign-up in an activity still to come.
    const gone = (p: string) => erased.has(p) || p.startsWith('erased_');
    expect({ label, heldByErased: a.seatHolders.filter(gone) }).toEqual({ label, heldByErased: [] });
    expect({ label, signUpsOfErased: signUps.filter((x) => erased.has(x.personId)).map((x) => x.personId) }).toEqual({ label, signUpsOfErased: [] });
    expect({ label, liveSignUpsOfPseudonyms: signUps.filter((x) => x.active && gone(x.personId)).length }).toEqual({ label, liveSignUpsOfPseudonyms: 0 });

    if (a.status === 'cancelled') {
      const untold = signUps.filter((x) => x.active && !outbox.has(`activityCancelled~${x._id}`)).map((x) => x.personId);
      expect({ label, untold }).toEqual({ label, untold: [] });
    }
    activitiesChecked++;
  }
}

test('seats, sign-ups, erasures and call-offs add up after any concurrent interleaving', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, (s) => play(s)),
    { seed: 42, numRuns: RUNS, endOnFailure: true },
  );
  if (process.env.PROPS_RUNS) {
    const tally = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${k}: ${n}`);
    console.log([`${run} interleavings tried, ${activitiesChecked} activities' records checked, no failure`, ...tally].join('\n'));
  }
});
