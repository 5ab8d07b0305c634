import type { ActionInput } from '../../cloudfunctions/contracts';
import { localDay } from '../../cloudfunctions/_shared/time';
import { startTestCloud, type TestCloud } from './cloud';

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

/** The station-local day `n` days from today, and an instant on such a day, as the mini-program sends it. */
export const dayIn = (n: number) => localDay(new Date(Date.now() + n * 86_400_000));
export const on = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
