/// <reference path="../../typings/index.d.ts" />
import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { callCloud } from './cloud';

/** The users function, one wrapper per action (see cloudfunctions/users/contract.ts). */
export type Profile = ActionOutput<'users', 'me'>;
export type HouseholdMember = Profile['household'][number];
export type ResidentForStaff = ActionOutput<'users', 'findResidents'>[number];
export type MyData = ActionOutput<'users', 'myData'>;
export type StaffMember = ActionOutput<'users', 'listStaff'>[number];
export type ResidentTag = ActionInput<'users', 'setTags'>['tags'][number];
export type NoticeToPhone = ActionOutput<'users', 'noticesToPhone'>[number];
export type GrantableRole = ActionInput<'users', 'setRoles'>['roles'][number];

/** The staff-only tags (the function's RESIDENT_TAGS), in the order the worker picks them. */
export const RESIDENT_TAGS = ['老年人', '空巢', '失独', '残障', '低保', '单亲', '困境家庭', '青少年', '社区矫正'] as const satisfies readonly ResidentTag[];
// Fails to compile when the function gains a tag this list lacks.
const allTags: Exclude<ResidentTag, (typeof RESIDENT_TAGS)[number]> extends never ? true : never = true;
void allTags;

/** The roles an admin grants, as the people page names them. */
export const ROLE_LABELS: Record<GrantableRole, string> = { worker: '社工', volunteer: '志愿者', secretary: '书记', admin: '管理员' };
export const GRANTABLE_ROLES = Object.keys(ROLE_LABELS) as GrantableRole[];

/** Roles that may open the staff workbench (工作台). */
export const STAFF_ROLES = ['volunteer', 'worker', 'secretary', 'admin'] as const;
export const isStaff = (roles: readonly string[]) => roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
/** 社工 or project lead (the functions' STAFF): signs people up, exports, sees full phone numbers. */
export const isWorkerOrAdmin = (roles: readonly string[]) => roles.includes('worker') || roles.includes('admin');

/** Reads the caller's own profile and keeps it in globalData for pages that only need roles. */
export async function me(): Promise<Profile> {
  const profile = await callCloud('users', 'me', {});
  getApp<IAppOption>().globalData.profile = profile;
  return profile;
}

export async function updateProfile(input: ActionInput<'users', 'updateProfile'>): Promise<Profile> {
  const profile = await callCloud('users', 'updateProfile', input);
  getApp<IAppOption>().globalData.profile = profile;
  return profile;
}

/** The first admin: the invite code set on the function; the profile kept in globalData has the new role. */
export async function claimAdmin(code: string): Promise<Profile> {
  const profile = await callCloud('users', 'claimAdmin', { code });
  getApp<IAppOption>().globalData.profile = profile;
  return profile;
}
export const setRoles = (input: ActionInput<'users', 'setRoles'>) => callCloud('users', 'setRoles', input);
export const listStaff = () => callCloud('users', 'listStaff', {});
export const findResidents = (query: string) => callCloud('users', 'findResidents', { query });
export const createOffline = (input: ActionInput<'users', 'createOffline'>) => callCloud('users', 'createOffline', input);
export const linkOffline = (input: ActionInput<'users', 'linkOffline'>) => callCloud('users', 'linkOffline', input);
export const setTags = (input: ActionInput<'users', 'setTags'>) => callCloud('users', 'setTags', input);
/** Notices no one could send (no WeChat, or the message failed), for the worker to phone. */
export const noticesToPhone = () => callCloud('users', 'noticesToPhone', {});
export const markPhoned = (noticeId: string) => callCloud('users', 'markPhoned', { noticeId });
export const myData = () => callCloud('users', 'myData', {});
/** An admin erases a resident's data on their request; the page has asked twice before calling. */
export const erasePerson = (personId: string) => callCloud('users', 'erasePerson', { personId, confirm: true });

/** Erases the caller's data for good; the page has asked twice before calling. */
export async function eraseMe(): Promise<void> {
  await callCloud('users', 'eraseMe', { confirm: true });
  getApp<IAppOption>().globalData.profile = null;
}
