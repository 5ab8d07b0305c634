import type { ActionInput, ActionOutput } from '../../cloudfunctions/contracts';
import { nowMs } from '../utils/clock';
import { callCloud } from './cloud';

/** The records function, one wrapper per action (see cloudfunctions/records/contract.ts). */
export type RecordKinds = ActionOutput<'records', 'kinds'>;
export type RecordKind = RecordKinds['kinds'][number];
export type RecordKindId = RecordKind['id'];
export type FieldSpec = RecordKind['fields'][number];
export type RecordSummary = ActionOutput<'records', 'list'>['records'][number];
export type RecordDetail = ActionOutput<'records', 'get'>;
export type RecordInput = ActionInput<'records', 'create'>;

export const recordKinds = () => callCloud('records', 'kinds', {});
export const createRecord = (input: RecordInput) => callCloud('records', 'create', input);
export const listRecords = (from: string, to: string, kind?: RecordKindId) => callCloud('records', 'list', kind ? { from, to, kind } : { from, to });
export const getRecord = (recordId: string) => callCloud('records', 'get', { recordId });
export const removeRecord = (recordId: string) => callCloud('records', 'remove', { recordId });

/**
 * The key of one filling of the form, made when it opens: the record is stored under it, so a
 * second tap of 保存, or a retry after a lost reply, saves the same record once.
 */
export const newRequestKey = () => `${nowMs().toString(36)}${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`;
