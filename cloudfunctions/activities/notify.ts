import { app, db } from '../_shared/cloud';
import { addNotice, type NoticeKind as AnyNoticeKind, type OutboxDoc as Outbox } from '../_shared/outbox';

/**
 * What residents are told: promoted off the waitlist, the day-before reminder, an activity
 * called off. Every notice is first written to the `outbox` collection (_shared/outbox.ts), then
 * sent as a WeChat subscribe message where one can be. Residents without WeChat (offline records)
 * have no openid: their notices stay in the outbox for the worker to phone them.
 */
export type NoticeKind = Exclude<AnyNoticeKind, 'haircutCancelled'>;

/** An activity's notice: the outbox's shape, with the activity the subscribe message opens. */
export interface OutboxDoc extends Outbox {
  kind: NoticeKind;
  activityId: string;
}

const NOTES: Record<NoticeKind, string> = {
  promoted: '有名额空出，您已从候补转为报名成功',
  reminder: '活动明天举行，请准时参加',
  activityCancelled: '很抱歉，这个活动取消了',
};

/**
 * Template ids come from the function's environment, set once the templates are chosen in the
 * mini-program admin console. Template fields: thing1 活动名称, time2 活动时间, thing3 活动地点,
 * thing4 温馨提示. Locally none is set and notices stay in the outbox.
 */
const TEMPLATE_ENV: Record<NoticeKind, string> = {
  promoted: 'TEMPLATE_PROMOTED',
  reminder: 'TEMPLATE_REMINDER',
  activityCancelled: 'TEMPLATE_CANCELLED',
};

const outbox = () => db.collection('outbox');

/** WeChat's thing.DATA fields take at most 20 characters. */
const thing = (s: string) => ({ value: s.length > 20 ? `${s.slice(0, 19)}…` : s || '—' });

type Notice = Omit<OutboxDoc, 'sentAt' | 'sendResult'>;

/** The one place that calls WeChat's subscribeMessage.send (declared in config.json). */
async function sendSubscribeMessage(doc: Notice, templateId: string, openid: string): Promise<string> {
  const reply = await app.callWxOpenApi({
    apiName: '/cgi-bin/message/subscribe/send',
    requestData: {
      touser: openid,
      template_id: templateId,
      page: `pages/activity/index?id=${doc.activityId}`,
      data: { thing1: thing(doc.title), time2: { value: doc.timeText }, thing3: thing(doc.place), thing4: thing(NOTES[doc.kind]) },
    },
  });
  const errcode = (reply.result as { errcode?: number } | undefined)?.errcode;
  return errcode ? String(errcode) : 'ok';
}

/** Records a notice and sends it; returns false when this notice was already given. */
export async function notify(doc: Notice): Promise<boolean> {
  if (!(await addNotice(doc))) return false;
  const templateId = process.env[TEMPLATE_ENV[doc.kind]];
  if (templateId && doc.openid) {
    // A failed message must not undo a sign-up: the outcome is recorded for the worker instead.
    const sendResult = await sendSubscribeMessage(doc, templateId, doc.openid).catch(() => 'failed');
    await outbox().doc(doc._id).update({ sentAt: db.serverDate(), sendResult });
  }
  return true;
}
