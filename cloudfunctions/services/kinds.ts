import { z } from 'zod';
import { id, instant, type SERVICE_AREAS } from '../_shared/schemas';

/**
 * The services the station offers, as data. A new kind is an entry here plus its two forms — what a
 * resident fills in to ask for it, and what staff fill in when it is given — not new plumbing: every
 * kind goes through the same requests collection, lifecycle (rules.ts) and attendance record.
 */
export const KIND_IDS = ['haircut', 'homeHaircut', 'tutoring', 'homeVisit'] as const;
export type KindId = (typeof KIND_IDS)[number];

/**
 * How an open request is taken up: a seat in a published time slot (the request is scheduled the
 * moment it is booked), a visit staff put in the calendar, or a volunteer staff match to it.
 */
export type Intake = 'slot' | 'schedule' | 'match';

export interface ServiceKind {
  id: KindId;
  title: string;
  /** One line a resident reads on the services page. */
  blurb: string;
  serviceArea: (typeof SERVICE_AREAS)[number];
  intake: Intake;
  /** A haircut closes its request; tutoring and home visits go on until staff close the request. */
  oneOff: boolean;
  /** What the record form starts with (the report: home visits take 40 minutes). */
  defaultMinutes: number;
}

export const KINDS: Record<KindId, ServiceKind> = {
  haircut: {
    id: 'haircut',
    title: '爱心义剪',
    blurb: '每月一次，志愿者在便民大厅免费理发，先约时段',
    serviceArea: '社区',
    intake: 'slot',
    oneOff: true,
    defaultMinutes: 20,
  },
  homeHaircut: {
    id: 'homeHaircut',
    title: '上门义剪',
    blurb: '行动不便来不了大厅的，志愿者上门理发',
    serviceArea: '老年人',
    intake: 'schedule',
    oneOff: true,
    defaultMinutes: 30,
  },
  tutoring: {
    id: 'tutoring',
    title: '周末课业辅导',
    blurb: '大学生志愿者一对一辅导孩子功课，周末在便民大厅二楼',
    serviceArea: '青少年',
    intake: 'match',
    oneOff: false,
    defaultMinutes: 90,
  },
  homeVisit: {
    id: 'homeVisit',
    title: '一对一上门服务',
    blurb: '社工上门陪老人聊天、帮忙做家务，每次约 40 分钟',
    serviceArea: '老年人',
    intake: 'schedule',
    oneOff: false,
    defaultMinutes: 40,
  },
};

/** Choices the forms offer; the mini-program reads them from the overview, so they live only here. */
export const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '初一', '初二', '初三', '高一', '高二', '高三'] as const;
export const SUBJECTS = ['语文', '数学', '英语', '物理', '化学', '其他'] as const;
export const WEEKEND_TIMES = ['周六上午', '周六下午', '周日上午', '周日下午'] as const;
export const HOME_TIMES = ['工作日上午', '工作日下午', '周末上午', '周末下午'] as const;
export const SUPPORT_KINDS = ['情感陪伴', '家务帮助', '生活照料', '健康提醒', '政策咨询', '其他'] as const;

const note = z.string().trim().max(200).default('');
const choices = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .min(1)
    .max(values.length)
    .transform((picked) => [...new Set(picked)]);

/** A haircut slot id: the day and the slot's start, e.g. '2026-12-05~0900'. */
export const slotKey = z
  .string()
  .max(15)
  .regex(/^\d{4}-\d{2}-\d{2}~\d{4}$/);

/**
 * What a resident fills in to ask for each kind. A child's tutoring asks only what the tutor needs:
 * how to call the child (称呼, not the full name), the grade, the subjects and the times.
 */
export const requestForms = {
  haircut: z.object({ slotId: slotKey }),
  homeHaircut: z.object({ preferredTimes: choices(HOME_TIMES), note }),
  tutoring: z.object({
    childName: z.string().trim().min(1).max(10),
    grade: z.enum(GRADES),
    subjects: choices(SUBJECTS),
    preferredTimes: choices(WEEKEND_TIMES),
    note,
  }),
  homeVisit: z.object({ support: choices(SUPPORT_KINDS), preferredTimes: choices(HOME_TIMES), note }),
} satisfies Record<KindId, z.ZodType>;

export type RequestForm<K extends KindId = KindId> = z.output<(typeof requestForms)[K]>;

const minutes = z.number().int().min(5).max(480);

/**
 * Who was served: the request it answers, or — for a walk-in haircut or a visit nobody asked for
 * in the app — the resident directly. Exactly one of the two (checked in rules.servedBy).
 */
const served = { requestId: z.string().trim().min(1).max(160).optional(), personId: id.optional() };

/** What is written down when a service is given (服务记录). */
export const recordForms = {
  haircut: z.object({ ...served, at: instant, minutes, volunteerId: id.optional(), note }),
  homeHaircut: z.object({ ...served, at: instant, minutes, volunteerId: id.optional(), note }),
  /** Always on a matched request: the tutor is the matched volunteer. */
  tutoring: z.object({ requestId: z.string().trim().min(1).max(160), at: instant, minutes, subject: z.enum(SUBJECTS), note }),
  homeVisit: z.object({ ...served, at: instant, minutes, support: choices(SUPPORT_KINDS), volunteerId: id.optional(), note }),
} satisfies Record<KindId, z.ZodType>;

export type RecordForm<K extends KindId = KindId> = z.output<(typeof recordForms)[K]>;
