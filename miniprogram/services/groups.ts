import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { callCloud } from './cloud';

/** The groups function, one wrapper per action (see cloudfunctions/groups/contract.ts). */
export type GroupSummary = ActionOutput<'groups', 'list'>[number];
export type GroupDetail = ActionOutput<'groups', 'get'>;
export type MyMembership = NonNullable<GroupDetail['mine']>;
export type MembershipStatus = MyMembership['status'];
export type GroupRole = MyMembership['role'];
export type ManagedGroup = ActionOutput<'groups', 'managed'>[number];
export type Application = ActionOutput<'groups', 'applications'>[number];
export type RosterMember = ActionOutput<'groups', 'roster'>[number];
export type Practice = ActionOutput<'groups', 'practices'>[number];
export type RollCall = ActionOutput<'groups', 'rollCall'>;
export type MemberHistory = ActionOutput<'groups', 'memberHistory'>;
export type ApplicationForm = Omit<ActionInput<'groups', 'apply'>, 'groupId'>;
export type GroupEdit = ActionInput<'groups', 'update'>;

/** A membership's status as the resident reads it. */
export const STATUS_TEXT: Record<MembershipStatus, string> = { applied: '审核中', approved: '已加入', declined: '未通过', withdrawn: '已撤回', left: '已退出' };
export const ROLE_TEXT: Record<GroupRole, string> = { member: '队员', leader: '队长', deputy: '副队长' };

export const listGroups = () => callCloud('groups', 'list', {});
export const getGroup = (groupId: string) => callCloud('groups', 'get', { groupId });
export const applyToGroup = (groupId: string, form: ApplicationForm) => callCloud('groups', 'apply', { groupId, ...form });
export const leaveGroup = (groupId: string) => callCloud('groups', 'leave', { groupId });

export const managedGroups = () => callCloud('groups', 'managed', {});
export const applications = (groupId: string) => callCloud('groups', 'applications', { groupId });
export const approve = (groupId: string, personId: string) => callCloud('groups', 'approve', { groupId, personId });
export const decline = (groupId: string, personId: string, reason: string) => callCloud('groups', 'decline', { groupId, personId, reason });
export const roster = (groupId: string) => callCloud('groups', 'roster', { groupId });
export const practices = (groupId: string) => callCloud('groups', 'practices', { groupId });
export const rollCall = (groupId: string, day: string) => callCloud('groups', 'rollCall', { groupId, day });
export const tick = (groupId: string, day: string, personId: string) => callCloud('groups', 'tick', { groupId, day, personId });
export const untick = (groupId: string, day: string, personId: string) => callCloud('groups', 'untick', { groupId, day, personId });
export const memberHistory = (groupId: string, personId: string) => callCloud('groups', 'memberHistory', { groupId, personId });
export const createGroup = (input: ActionInput<'groups', 'create'>) => callCloud('groups', 'create', input);
export const updateGroup = (input: GroupEdit) => callCloud('groups', 'update', input);
export const addMember = (groupId: string, personId: string) => callCloud('groups', 'addMember', { groupId, personId });
export const setRole = (groupId: string, personId: string, role: GroupRole) => callCloud('groups', 'setRole', { groupId, personId, role });
