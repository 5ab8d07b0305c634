import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { callCloud } from './cloud';
import { openSharedFile } from './files';

/** The services function, one wrapper per action (see cloudfunctions/services/contract.ts). */
export type Overview = ActionOutput<'services', 'overview'>;
export type ServiceKind = Overview['kinds'][number];
export type KindId = ServiceKind['id'];
export type HaircutDay = Overview['haircutDays'][number];
export type Slot = HaircutDay['slots'][number];
export type FormOptions = Overview['options'];
export type MyRequest = ActionOutput<'services', 'myRequests'>[number];
export type QueuedRequest = ActionOutput<'services', 'queue'>[number];
export type RequestInput = ActionInput<'services', 'request'>;
export type RecordInput = ActionInput<'services', 'recordService'>;
export type ServiceRecord = ActionOutput<'services', 'recordService'>;
export type MatchedRequest = ActionOutput<'services', 'myMatches'>[number];
export type Volunteer = ActionOutput<'services', 'volunteers'>[number];
export type QueueFilter = ActionInput<'services', 'queue'>;

export const overview = () => callCloud('services', 'overview', {});
export const requestService = (input: RequestInput) => callCloud('services', 'request', input);
export const myRequests = () => callCloud('services', 'myRequests', {});
export const cancelRequest = (requestId: string) => callCloud('services', 'cancel', { requestId });

export const publishHaircutDay = (input: ActionInput<'services', 'publishHaircutDay'>) => callCloud('services', 'publishHaircutDay', input);
export const queue = (filter: QueueFilter) => callCloud('services', 'queue', filter);
export const scheduleRequest = (input: ActionInput<'services', 'schedule'>) => callCloud('services', 'schedule', input);
export const matchVolunteer = (input: ActionInput<'services', 'match'>) => callCloud('services', 'match', input);
export const declineRequest = (requestId: string, reason: string) => callCloud('services', 'decline', { requestId, reason });
export const completeRequest = (requestId: string) => callCloud('services', 'complete', { requestId });
export const volunteers = () => callCloud('services', 'volunteers', {});

export const recordService = (input: RecordInput) => callCloud('services', 'recordService', input);
export const sessions = (requestId: string) => callCloud('services', 'sessions', { requestId });
export const myMatches = () => callCloud('services', 'myMatches', {});
export const myHours = () => callCloud('services', 'myHours', {});
export const volunteerHours = (from: string, to: string) => callCloud('services', 'volunteerHours', { from, to });
/** 志愿服务时长 as .xlsx, opened in WeChat's viewer. */
export const openVolunteerHours = async (from: string, to: string) => openSharedFile(await callCloud('services', 'exportVolunteerHours', { from, to }));

/** An instant the functions take: a station-local day and time with the station's offset. */
export const stationInstant = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** "2.5 小时" — hours as volunteers count them. */
export const hoursText = (hours: number) => `${hours} 小时`;

/** Staff changes after the fact: a slot's seats, a haircut day called off, a record made by mistake. */
export const setSlotSeats = (slotId: string, seats: number) => callCloud('services', 'setSlotSeats', { slotId, seats });
export const cancelHaircutDay = (day: string, reason: string) => callCloud('services', 'cancelHaircutDay', { day, reason });
export const deleteRecord = (recordId: string) => callCloud('services', 'deleteRecord', { recordId });

/** Which plan indicator (计划指标) each kind's services count toward; null: 拓展服务. */
export type KindIndicator = ActionOutput<'services', 'kinds'>[number];
export const serviceKinds = () => callCloud('services', 'kinds', {});
export const setKindIndicator = (kind: KindId, indicatorId: string | null) => callCloud('services', 'setKindIndicator', { kind, indicatorId });
