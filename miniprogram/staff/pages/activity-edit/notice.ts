import type { ActivityDetail, ActivityEdit, NewActivity, ServiceArea } from '../../../services/activities';
import { formatTime, localDay } from '../../../utils/date';
import { now as clockNow } from '../../../utils/clock';

/*
 * The notice form (活动通知): what the worker fills in, checked before anything is sent, and
 * turned into the activities function's input. Days and times are station-local (UTC+8).
 */
export interface SessionForm {
  day: string;
  start: string;
  end: string;
  topic: string;
}

export interface NoticeForm {
  title: string;
  serviceArea: ServiceArea;
  targetGroup: string;
  place: string;
  description: string;
  capacity: string;
  maxParty: string;
  /** 小组: several sessions under one notice. */
  series: boolean;
  sessions: SessionForm[];
  /** Empty: sign-up closes when the activity starts. */
  deadlineDay: string;
  deadlineTime: string;
  safetyAgreement: boolean;
  safetyTerms: string;
  /** '' = counts toward no plan indicator (项目目标未涉及的拓展服务). */
  indicatorId: string;
}

export const MAX_SESSIONS = 20;
const DAY_MS = 86_400_000;

export function emptyNotice(now = clockNow()): NoticeForm {
  return {
    title: '',
    serviceArea: '社区',
    targetGroup: '',
    place: '',
    description: '',
    capacity: '20',
    maxParty: '0',
    series: false,
    sessions: [{ day: localDay(new Date(now.getTime() + 7 * DAY_MS)), start: '09:00', end: '11:00', topic: '' }],
    deadlineDay: '',
    deadlineTime: '',
    safetyAgreement: false,
    safetyTerms: '',
    indicatorId: '',
  };
}

export function noticeFrom(a: ActivityDetail): NoticeForm {
  return {
    title: a.title,
    serviceArea: a.serviceArea as ServiceArea,
    targetGroup: a.targetGroup,
    place: a.place,
    description: a.description,
    capacity: String(a.capacity),
    maxParty: String(a.maxParty),
    series: a.sessions.length > 1,
    sessions: a.sessions.map((s) => ({ day: localDay(s.startAt), start: formatTime(s.startAt), end: formatTime(s.endAt), topic: s.topic })),
    deadlineDay: a.signUpDeadline === a.startAt ? '' : localDay(a.signUpDeadline),
    deadlineTime: a.signUpDeadline === a.startAt ? '' : formatTime(a.signUpDeadline),
    safetyAgreement: a.safetyAgreement,
    safetyTerms: a.safetyTerms,
    indicatorId: a.indicatorId ?? '',
  };
}

/** A station-local day and time as the instant the function takes. */
const instant = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const whole = (s: string, min: number, max: number) => /^\d+$/.test(s.trim()) && Number(s) >= min && Number(s) <= max;

/** What is wrong with the form, in words a worker reads at a glance; '' when it can be saved. */
export function noticeProblem(f: NoticeForm, seatsTaken = 0): string {
  if (!f.title.trim()) return '请填写活动名称';
  if (f.title.trim().length > 40) return '活动名称最多 40 个字';
  if (!whole(f.capacity, 1, 1000)) return '名额请填 1 到 1000 之间的整数';
  if (Number(f.capacity) < seatsTaken) return `已有 ${seatsTaken} 个名额被报走，名额不能少于 ${seatsTaken}`;
  if (!whole(f.maxParty, 0, 9)) return '可带家人数请填 0 到 9';
  if (f.sessions.length === 0) return '请至少安排一次活动';
  for (const [i, s] of f.sessions.entries()) {
    const which = f.series ? `第${i + 1}次活动` : '活动';
    if (!s.day || !s.start || !s.end) return `请选择${which}的日期和时间`;
    if (s.end <= s.start) return `${which}的结束时间要晚于开始时间`;
  }
  if (f.deadlineDay && !f.deadlineTime) return '请选择报名截止的时间';
  const first = [...f.sessions].sort((a, b) => `${a.day}${a.start}`.localeCompare(`${b.day}${b.start}`))[0];
  if (f.deadlineDay && `${f.deadlineDay} ${f.deadlineTime}` > `${first.day} ${first.start}`) return '报名截止时间不能晚于活动开始时间';
  if (f.safetyAgreement && !f.safetyTerms.trim()) return '请填写安全协议的内容';
  return '';
}

/** The form as the create action takes it. */
export function noticeInput(f: NoticeForm): NewActivity {
  const sessions = f.sessions.map((s) => ({
    startAt: instant(s.day, s.start),
    endAt: instant(s.day, s.end),
    ...(s.topic.trim() ? { topic: s.topic.trim() } : {}),
  }));
  return {
    title: f.title.trim(),
    serviceArea: f.serviceArea,
    targetGroup: f.targetGroup.trim(),
    place: f.place.trim(),
    description: f.description.trim(),
    capacity: Number(f.capacity),
    maxParty: Number(f.maxParty),
    safetyAgreement: f.safetyAgreement,
    safetyTerms: f.safetyAgreement ? f.safetyTerms.trim() : '',
    indicatorId: f.indicatorId || null,
    ...(f.series ? { sessions } : { startAt: sessions[0].startAt, endAt: sessions[0].endAt }),
    ...(f.deadlineDay ? { signUpDeadline: instant(f.deadlineDay, f.deadlineTime) } : {}),
  };
}

/**
 * The same, as an edit of an existing notice. A one-off sends its times as its one session; an
 * empty deadline is sent as the (possibly moved) start, so it moves with it.
 */
export function editInput(activityId: string, f: NoticeForm): ActivityEdit {
  const { startAt, endAt, sessions, signUpDeadline, ...rest } = noticeInput(f);
  const all = sessions ?? [{ startAt: startAt!, endAt: endAt! }];
  const firstStart = all.map((s) => s.startAt).sort()[0];
  return { activityId, ...rest, sessions: all, signUpDeadline: signUpDeadline ?? firstStart };
}
