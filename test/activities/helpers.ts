import tcb from '@cloudbase/node-sdk';
import type { ActionInput } from '../../cloudfunctions/contracts';
import type { ActivityDoc, SignUpDoc } from '../../cloudfunctions/activities/rules';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { localDay } from '../../cloudfunctions/_shared/time';
import { on, startStationCloud } from '../support/station';

export const ADMIN = 'o_act_admin';
export const WORKER = 'o_act_worker';

const HOUR = 3600 * 1000;
/** An instant `hours` from now on the test clock, as the mini-program sends it. */
export const fromNow = (hours: number) => new Date(nowMs() + hours * HOUR).toISOString();

/**
 * Stands the test clock at the next station-local `hhmm` (a timer's hour, say), for a test that
 * is about that time of day. Forward only: time never runs back within a test file.
 */
export function standAtNext(cloud: TestCloud, hhmm: string): void {
  const now = cloud.clock.nowMs();
  let at = Date.parse(on(localDay(new Date(now)), hhmm));
  if (at <= now) at = Date.parse(on(localDay(new Date(now + 24 * HOUR)), hhmm));
  cloud.clock.set(at);
}

/** A fresh cloud with an admin and a worker. */
export const startActivitiesCloud = () => startStationCloud(ADMIN, [[WORKER, ['worker']]]);

/** A resident with a complete profile. */
export async function resident(cloud: TestCloud, openid: string, name = `居民${openid.slice(-3)}`) {
  await cloud.ok(
    'users',
    'updateProfile',
    {
      name,
      phone: `139${String(Math.abs(hash(openid)))
        .padStart(8, '0')
        .slice(0, 8)}`,
    },
    openid,
  );
  return openid;
}
const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

export type NewActivity = ActionInput<'activities', 'create'>;

/** A published one-off activity two days ahead, with the given overrides. */
export async function published(cloud: TestCloud, over: Partial<NewActivity> = {}): Promise<string> {
  const { id } = await cloud.ok(
    'activities',
    'create',
    { title: '测试活动', serviceArea: '社区', place: '便民大厅', capacity: 10, startAt: fromNow(48), endAt: fromNow(50), ...over },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
  return id;
}

export const activityDoc = (cloud: TestCloud, id: string) => (cloud.emulator.dump().activities as ActivityDoc[]).find((a) => a._id === id)!;
export const signUpDocs = (cloud: TestCloud, id: string) => (cloud.emulator.dump().signups as SignUpDoc[]).filter((s) => s.activityId === id);
/** Whose line of the roster this is: the roster names people by a random id, mapped back here from the records. */
export const personOnRoster = (cloud: TestCloud, activityId: string, rosterId: string) =>
  signUpDocs(cloud, activityId).find((s) => s.ref === rosterId)?.personId;
export const outbox = (cloud: TestCloud, activityId: string) =>
  (cloud.emulator.dump().outbox as { kind: string; personId: string; activityId: string }[]).filter((o) => o.activityId === activityId);

/**
 * The activity's seats as its records explain them: what it says is taken, the sum of what it
 * says each holder holds, and the seats of the live sign-ups of those holders. All three agree,
 * within capacity, when nothing has gone wrong.
 */
export function seatCount(cloud: TestCloud, id: string) {
  const a = activityDoc(cloud, id);
  const byPerson = new Map(signUpDocs(cloud, id).map((s) => [s.personId, s]));
  const live = a.seatHolders.map((p) => byPerson.get(p)).filter((s) => s?.active);
  return {
    taken: a.seatsTaken,
    held: Object.values(a.seatsHeld ?? {}).reduce((n, k) => n + k, 0),
    asked: live.reduce((n, s) => n + s!.seats, 0),
    holdersWithoutLiveSignUp: a.seatHolders.length - live.length,
    withinCapacity: a.seatsTaken <= a.capacity,
  };
}
export const explained = (taken: number) => ({ taken, held: taken, asked: taken, holdersWithoutLiveSignUp: 0, withinCapacity: true });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (real time, a few seconds at most) until `ready()`: a request held up by an injected delay has reached the emulator, say. */
export async function until(ready: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('waited in vain');
    await sleep(2);
  }
}
/** How many requests of a wire action reached the emulator since its counts were last reset. */
export const arrived = (cloud: TestCloud, action: string) => cloud.emulator.requestCounts()[action] ?? 0;

const database = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();

/** The sign-up deadline passes. Test setup only; written straight to the database. */
export async function passDeadline(id: string) {
  await database()
    .collection('activities')
    .doc(id)
    .update({ signUpDeadline: new Date(nowMs() - 1000) });
}

/**
 * Moves an activity in time, as the calendar would: its sessions start `hours` from now on the
 * test clock (and the deadline with them). Test setup only; written straight to the database.
 */
export async function moveTo(cloud: TestCloud, id: string, hours: number) {
  const a = activityDoc(cloud, id);
  const shift = nowMs() + hours * HOUR - new Date(a.startAt).getTime();
  const move = (d: Date) => new Date(new Date(d).getTime() + shift);
  const sessions = a.sessions.map((s) => ({ ...s, startAt: move(s.startAt), endAt: move(s.endAt) }));
  const db = database();
  await db
    .collection('activities')
    .doc(id)
    .update({ sessions: db.command.set(sessions), startAt: move(a.startAt), endAt: move(a.endAt), signUpDeadline: move(a.signUpDeadline) });
}
