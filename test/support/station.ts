import type { ActionInput } from '../../cloudfunctions/contracts';
import type { Clock } from '../../local/clock';
import { localDay } from '../../cloudfunctions/_shared/time';
import { startTestCloud, type TestCloud } from './cloud';
import { nowMs } from './clock';

const INVITE = 'test-admin-invite';

/** A person the admin gives roles to, with the profile they filled in first (none: they only opened the app). */
export type Staffer = [openid: string, roles: ActionInput<'users', 'setRoles'>['roles'], profile?: { name: string; phone: string }];

/** A fresh test cloud with the station set up: `admin` claimed with the invite code, and `staff` given their roles by them. */
export async function startStationCloud(admin: string, staff: Staffer[] = []): Promise<TestCloud> {
  const cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await cloud.ok('users', 'claimAdmin', { code: INVITE }, admin);
  for (const [openid, roles, profile] of staff) {
    if (profile) await cloud.ok('users', 'updateProfile', profile, openid);
    else await cloud.ok('users', 'me', {}, openid);
    await cloud.ok('users', 'setRoles', { personId: openid, roles }, admin);
  }
  return cloud;
}

/** The station-local day `n` days from today (on the test clock, read when called), and an instant on such a day, as the mini-program sends it. */
export const dayIn = (n: number) => localDay(new Date(nowMs() + n * 86_400_000));
export const on = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/**
 * For a test about one station day: within the last minute before station midnight, sets the
 * clock on to that midnight, so the test runs on the next day from its first instant instead of
 * crossing midnight halfway (the clock only moves forward). Elsewhere it does nothing.
 */
export function clearOfMidnight(clock: Clock): void {
  if (dayIn(0) !== localDay(new Date(clock.nowMs() + 60_000))) clock.set(on(dayIn(1), '00:00'));
}
