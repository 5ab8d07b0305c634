import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { callCloud } from './cloud';
import { openSharedFile } from './files';

/** The activities function, one wrapper per action (see cloudfunctions/activities/contract.ts). */
export type ActivitySummary = ActionOutput<'activities', 'list'>[number];
export type ActivityDetail = ActionOutput<'activities', 'get'>;
export type MySignUp = ActionOutput<'activities', 'signUp'>;
export type SignUpStatus = MySignUp['status'];
export type MyActivities = ActionOutput<'activities', 'mine'>;
export type RosterEntry = ActionOutput<'activities', 'roster'>[number];
export type NewActivity = ActionInput<'activities', 'create'>;
export type ActivityEdit = ActionInput<'activities', 'update'>;
export type PartyMember = NonNullable<ActionInput<'activities', 'signUp'>['party']>[number];
export type ServiceArea = NewActivity['serviceArea'];

export const SERVICE_AREAS: readonly ServiceArea[] = ['老年人', '残障人士', '家庭', '青少年', '社区'];

/** A sign-up's status as residents and workers say it. */
export const STATUS_TEXT: Record<SignUpStatus, string> = { registered: '已报名', waitlisted: '候补中', cancelled: '已取消' };
export const ACTIVITY_STATUS_TEXT: Record<ActivitySummary['status'], string> = { draft: '草稿', published: '报名中', cancelled: '已取消', finished: '已结束' };

export const listActivities = (serviceArea?: ServiceArea) => callCloud('activities', 'list', serviceArea ? { serviceArea } : {});
export const getActivity = (activityId: string) => callCloud('activities', 'get', { activityId });
export const signUp = (input: ActionInput<'activities', 'signUp'>) => callCloud('activities', 'signUp', input);
export const cancelSignUp = (activityId: string) => callCloud('activities', 'cancel', { activityId });
export const myActivities = () => callCloud('activities', 'mine', {});

export const listForStaff = () => callCloud('activities', 'listForStaff', {});
export const createActivity = (input: NewActivity) => callCloud('activities', 'create', input);
export const updateActivity = (input: ActivityEdit) => callCloud('activities', 'update', input);
export const publishActivity = (activityId: string) => callCloud('activities', 'publish', { activityId });
export const cancelActivity = (activityId: string) => callCloud('activities', 'cancelActivity', { activityId });
export const finishActivity = (activityId: string) => callCloud('activities', 'finish', { activityId });
export const roster = (activityId: string) => callCloud('activities', 'roster', { activityId });
export const proxySignUp = (input: ActionInput<'activities', 'proxySignUp'>) => callCloud('activities', 'proxySignUp', input);
export const cancelFor = (activityId: string, personId: string) => callCloud('activities', 'cancel', { activityId, personId });
export const promote = (input: ActionInput<'activities', 'promote'>) => callCloud('activities', 'promote', input);
export const checkIn = (input: ActionInput<'activities', 'checkIn'>) => callCloud('activities', 'checkIn', input);
export const undoCheckIn = (input: ActionInput<'activities', 'undoCheckIn'>) => callCloud('activities', 'undoCheckIn', input);
export const markNoShows = (activityId: string, sessionId?: string) =>
  callCloud('activities', 'markNoShows', sessionId ? { activityId, sessionId } : { activityId });
export const exportRoster = (input: ActionInput<'activities', 'exportRoster'>) => callCloud('activities', 'exportRoster', input);

/** 报名表 or 签到表 as .xlsx, opened in WeChat's viewer. */
export const openRosterFile = async (input: ActionInput<'activities', 'exportRoster'>) => openSharedFile(await exportRoster(input));
