import type { ActionInput } from '../../cloudfunctions/contracts';
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
