import { isDuplicate } from './attendance';
import { db } from './cloud';
import type { PersonDoc } from './people';

/**
 * The `outbox` collection: every notice a resident is given is written here first — the record of
 * what went out, what `users.myData` shows them and what tests read — whichever function gives it.
 * A function that can send WeChat subscribe messages sends it afterwards and records the outcome;
 * a notice nobody could send stays here for the worker to phone the resident.
 */
/** Every kind of notice, as the resident reads it in 我的全部资料. */
export const NOTICE_KINDS = {
  promoted: '候补转为报名成功的通知',
  reminder: '活动前一天的提醒',
  activityCancelled: '活动取消的通知',
  haircutCancelled: '义剪取消的通知',
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export interface OutboxDoc {
  /** A natural key per notice, so a re-run (a timer fired twice, a retried step) tells no one twice. */
  _id: string;
  kind: NoticeKind;
  personId: string;
  openid: string | null;
  title: string;
  timeText: string;
  place: string;
  createdAt: Date;
  sentAt: Date | null;
  /** 'ok', or WeChat's errcode when sending failed (43101: the resident did not subscribe). */
  sendResult: string | null;
}

/** Where a resident's notice goes: their own account, or the account an offline record was linked to. */
export const openidOf = (person: PersonDoc | null) => person?.openid ?? person?.linkedTo ?? null;

/** Writes a notice not yet sent; returns false when this notice was already written. */
export async function addNotice(doc: Omit<OutboxDoc, 'sentAt' | 'sendResult'>): Promise<boolean> {
  try {
    await db.collection('outbox').add({ ...doc, sentAt: null, sendResult: null });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}
