import { z } from 'zod';
import { action, EVERYONE, ROLES, STAFF } from '../_shared/contract';
import { householdMember, id, personName, phone, shortText, text } from '../_shared/schemas';
import { SIGN_UP_STATUSES } from '../activities/contract';
import { GROUP_ROLES, MEMBERSHIP_STATUSES } from '../groups/contract';

const grantable = z.enum(ROLES).exclude(['resident']);

/** What a resident reads back about themselves: never the staff-only tags. */
const profile = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  building: z.string(),
  household: z.array(householdMember),
  roles: z.array(z.enum(ROLES)),
  checkinCode: z.string(),
  profileComplete: z.boolean(),
});

/** What staff see when they look a resident up to sign them up or call them. */
const residentForStaff = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  building: z.string(),
  offline: z.boolean(),
  tags: z.array(z.string()),
});

/** Replies travel as JSON: instants go out as ISO strings. */
const iso = z.date().transform((d) => d.toISOString());

/**
 * Everything the station holds about the caller (个人信息保护法 第45条: the right to see and copy
 * one's own data). It includes the staff-only tags: they are personal data about the resident,
 * often sensitive (残障, 低保), and the law gives no exception for notes kept for service. They
 * are shown only here, on request, never in the everyday profile reply or any list.
 */
const myData = z.object({
  profile: profile.omit({ id: true, profileComplete: true }).extend({ createdAt: iso }),
  /** Records a worker made for the resident before they used the app (代报名), now linked to them. */
  offlineRecords: z.array(z.object({ name: z.string(), phone: z.string(), building: z.string(), createdAt: iso })),
  tags: z.array(z.string()),
  signUps: z.array(
    z.object({
      title: z.string(),
      timeText: z.string(),
      status: z.enum(SIGN_UP_STATUSES),
      party: z.array(z.object({ name: z.string(), relation: z.string() })),
      /** Signed up by a worker (代报名). */
      byWorker: z.boolean(),
      agreedSafety: z.boolean(),
      signedUpAt: iso,
    }),
  ),
  groups: z.array(
    z.object({
      name: z.string(),
      status: z.enum(MEMBERSHIP_STATUSES),
      role: z.enum(GROUP_ROLES),
      application: z.object({ why: z.string(), experience: z.string(), preferredTimes: z.string() }).nullable(),
      declineReason: z.string().nullable(),
    }),
  ),
  serviceRequests: z.array(
    z.object({ title: z.string(), statusText: z.string(), summary: z.string(), staffNote: z.string(), declineReason: z.string(), createdAt: iso }),
  ),
  /** Services given to the resident (服务记录), with the note the worker wrote. */
  servicesReceived: z.array(z.object({ title: z.string(), day: z.string(), minutes: z.number(), note: z.string() })),
  /** Every check-in: the day and what it was. */
  attendance: z.array(z.object({ day: z.string(), title: z.string(), headcount: z.number() })),
  notices: z.array(z.object({ title: z.string(), what: z.string(), sentAt: iso })),
});

/** An outbox `_id`: a natural key such as `activityCancelled~<activityId>~<personId>`. */
const noticeId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_~-]+$/);

/** A notice nobody could send (no WeChat, or the message failed): the worker phones the resident. */
const noticeToPhone = z.object({
  id: z.string(),
  /** What kind of notice, as the resident reads it (_shared/outbox.ts NOTICE_KINDS). */
  kindLabel: z.string(),
  title: z.string(),
  timeText: z.string(),
  place: z.string(),
  createdAt: iso,
  name: z.string(),
  /** Full number: staff call them. '' when none was left. */
  phone: z.string(),
  /** They have WeChat (their own account, or an offline record linked to one): the message may simply have failed. */
  hasWeChat: z.boolean(),
});

/**
 * Erasure is irreversible: the page asks twice in plain words and then sends `confirm: true`, so
 * a call by mistake (or with an empty input) erases nothing.
 */
const confirmed = z.literal(true);

export const RESIDENT_TAGS = ['老年人', '空巢', '失独', '残障', '低保', '单亲', '困境家庭', '青少年', '社区矫正'] as const;
export type ResidentTag = (typeof RESIDENT_TAGS)[number];

export const usersContract = {
  me: action({ input: z.object({}), output: profile, allow: EVERYONE, whileErasing: true }),
  updateProfile: action({
    input: z.object({
      name: personName.optional(),
      phone: phone.optional(),
      building: shortText.optional(),
      household: z.array(householdMember).max(10).optional(),
    }),
    output: profile,
    allow: EVERYONE,
  }),
  /** The first admin of a fresh deployment: whoever knows the ADMIN_INVITE_CODE set on this function. */
  claimAdmin: action({ input: z.object({ code: z.string().min(6).max(64) }), output: profile, allow: EVERYONE }),
  setRoles: action({
    input: z.object({ personId: id, roles: z.array(grantable).max(4) }),
    output: z.object({ personId: z.string(), roles: z.array(z.enum(ROLES)) }),
    allow: ['admin'],
  }),
  listStaff: action({
    input: z.object({}),
    output: z.array(z.object({ personId: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) })),
    allow: ['admin'],
  }),
  findResidents: action({
    input: z.object({ query: text(20, 1) }),
    output: z.array(residentForStaff),
    allow: STAFF,
  }),
  /** A resident without WeChat, recorded by a worker so they can be signed up (代报名). */
  createOffline: action({
    input: z.object({ name: personName, phone: phone.optional(), building: shortText.optional() }),
    output: residentForStaff,
    allow: STAFF,
  }),
  /** Joins an offline record to the account the resident later made, so their history follows them. */
  linkOffline: action({
    input: z.object({ offlineId: id, personId: id }),
    output: z.object({ personId: z.string(), aliases: z.array(z.string()) }),
    allow: STAFF,
  }),
  setTags: action({
    input: z.object({ personId: id, tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length) }),
    output: z.object({ personId: z.string(), tags: z.array(z.string()) }),
    allow: STAFF,
  }),
  /** Notices not delivered and not yet phoned, newest first (at most 200): the worker calls these residents. */
  noticesToPhone: action({ input: z.object({}), output: z.array(noticeToPhone), allow: STAFF }),
  /** The worker has told the resident by phone; marking twice is harmless. */
  markPhoned: action({
    input: z.object({ noticeId }),
    output: z.object({ noticeId: z.string(), phonedAt: iso }),
    allow: STAFF,
  }),
  myData: action({ input: z.object({}), output: myData, allow: EVERYONE, whileErasing: true }),
  /** The resident erases their own data (see erase.ts for what stays: anonymous counts only). */
  eraseMe: action({ input: z.object({ confirm: confirmed }), output: z.object({ erased: z.literal(true) }), allow: EVERYONE, whileErasing: true }),
  /** An admin erases a resident's data on their written or spoken request, e.g. one without WeChat. */
  erasePerson: action({ input: z.object({ personId: id, confirm: confirmed }), output: z.object({ erased: z.literal(true) }), allow: ['admin'] }),
  /** The nightly timer finishes erasures cut short by a crash or a closed phone. */
  sweepErasures: action({ input: z.object({}), output: z.object({ finished: z.number(), waiting: z.number() }), allow: ['system'] }),
};
export type UsersContract = typeof usersContract;
