import { z } from 'zod';

/** Shared field schemas, with Chinese names so a refusal can say which field was wrong. */
export const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/**
 * Characters nobody sees (zero-width spaces and joiners, direction marks, soft hyphen, BOM): taken
 * out, so a name typed as only these is empty, and two names that look alike are alike.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
/** Control characters; a text with lines may keep its line breaks and tabs. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Free text a person types: invisible characters out, trimmed, `min`–`max` characters, no control characters. */
export const text = (max: number, min = 0, opts: { lines?: boolean } = {}) =>
  z
    .string()
    .overwrite((s) => s.replace(INVISIBLE, ''))
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !(opts.lines ? CONTROL_IN_LINES : CONTROL).test(s));

export const personName = text(20, 1);
/** Mainland mobile number: what the station calls. */
export const phone = z
  .string()
  .trim()
  .max(11)
  .regex(/^1[3-9]\d{9}$/);
export const shortText = text(100);
export const longText = text(2000, 0, { lines: true });
/** Years the station's records can plausibly hold; anything else is a typing slip. */
const plausibleYear = (s: string) => Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) <= 2100;
/** A station-local calendar day. */
export const localDay = z.iso.date().refine(plausibleYear);
/** An instant, sent as ISO 8601 with an offset, e.g. '2026-12-05T09:30:00+08:00'. */
export const instant = z.iso
  .datetime({ offset: true })
  .refine(plausibleYear)
  .transform((s) => new Date(s));

/** What an export action returns: the file's name and a temporary link to it in cloud storage (_shared/files.ts). */
export const sharedFile = z.object({ fileName: z.string(), url: z.string() });

/** 服务领域 — the report's service areas. */
export const SERVICE_AREAS = ['老年人', '残障人士', '家庭', '青少年', '社区'] as const;
export const serviceArea = z.enum(SERVICE_AREAS);

/** Household members a resident may bring to an activity (family sign-up). */
export const householdMember = z.object({
  name: personName,
  relation: text(10, 1),
  birthYear: z.number().int().min(1900).max(2100).optional(),
});

/** Field names as a resident reads them in an error message. */
export const FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  phone: '电话',
  building: '楼栋单元',
  household: '家庭成员',
  contact: '联系人',
  party: '同行家人',
  title: '标题',
  serviceArea: '服务领域',
  targetGroup: '服务对象',
  place: '地点',
  description: '介绍',
  capacity: '名额',
  startAt: '开始时间',
  endAt: '结束时间',
  signUpDeadline: '报名截止时间',
  maxParty: '可带家人数',
  sessions: '活动场次',
  safetyTerms: '安全协议内容',
  agreeSafety: '安全协议',
  headcount: '到场人数',
  code: '签到码',
  noticeId: '通知',
  kind: '服务项目',
  slotId: '时段',
  slots: '时段',
  seats: '名额',
  childName: '孩子称呼',
  grade: '年级',
  subjects: '科目',
  subject: '科目',
  preferredTimes: '方便的时间',
  support: '需要的帮助',
  note: '补充说明',
  reason: '原因',
  at: '时间',
  minutes: '时长（分钟）',
  day: '日期',
  from: '开始日期',
  to: '结束日期',
  requestId: '申请',
  volunteerId: '志愿者',
  indicatorId: '计划指标',
  // Work records (records function)
  requestKey: '表单',
  recordId: '记录',
  occasions: '日期',
  attendees: '到场居民',
  unnamed: '人数',
  documents: '已留存的资料',
  meetingType: '会议类型',
  topic: '主题',
  staff: '社工人数',
  communityStaff: '街道、社区工作人员',
  residentLeaders: '居民骨干',
  others: '其他参会人员',
  trainer: '主讲',
  participants: '参加人数',
  purpose: '调研内容',
  route: '路线',
  donor: '资助方',
  items: '资助内容',
  receipt: '签领',
  person: '居民',
  role: '角色',
  foundingMembers: '成立时成员',
  foundingNote: '成立会议纪要',
  activity: '项目',
  staffPresent: '到场社工',
  volunteersPresent: '到场志愿者',
};
