/// <reference path="../../typings/index.d.ts" />
import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { callCloud } from './cloud';

/** The users function, one wrapper per action (see cloudfunctions/users/contract.ts). */
export type Profile = ActionOutput<'users', 'me'>;
export type HouseholdMember = Profile['household'][number];
export type ResidentForStaff = ActionOutput<'users', 'findResidents'>[number];
export type MyData = ActionOutput<'users', 'myData'>;

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

export const claimAdmin = (code: string) => callCloud('users', 'claimAdmin', { code });
export const setRoles = (input: ActionInput<'users', 'setRoles'>) => callCloud('users', 'setRoles', input);
export const listStaff = () => callCloud('users', 'listStaff', {});
export const findResidents = (query: string) => callCloud('users', 'findResidents', { query });
export const createOffline = (input: ActionInput<'users', 'createOffline'>) => callCloud('users', 'createOffline', input);
export const linkOffline = (input: ActionInput<'users', 'linkOffline'>) => callCloud('users', 'linkOffline', input);
export const setTags = (input: ActionInput<'users', 'setTags'>) => callCloud('users', 'setTags', input);
export const myData = () => callCloud('users', 'myData', {});

/** Erases the caller's data for good; the page has asked twice before calling. */
export async function eraseMe(): Promise<void> {
  await callCloud('users', 'eraseMe', { confirm: true });
  getApp<IAppOption>().globalData.profile = null;
}

