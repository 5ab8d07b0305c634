import { z } from 'zod';
import { action, EVERYONE, STAFF, type Audience } from '../_shared/contract';
import { householdMember, id, instant, longText, personName, phone, serviceArea, sharedFile, shortText, text } from '../_shared/schemas';

/**
 * Activities (活动): notices, sign-up (报名) with family members, the waitlist (候补), sign-up on a
 * resident's behalf (代报名), check-in at the door (签到) and the paper trail (报名表, 签到表).
 *
 * Who sees what:
 * - residents: published activities, seat counts, and their own sign-ups. No list shown to a
 *   resident names another resident.
 * - staff (社工, admin): drafts, the roster with full phone numbers (they call people), check-in,
 *   exports. Family members in a party travel as name and relation only (minors among them).
 * - volunteers helping at the door: the roster with phones masked, and check-in.
 */

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;
/** What a sign-up means to the resident: 已报名, 候补, 已取消. */
export const SIGN_UP_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export const MAX_SESSIONS = 20;
/** Who works the door on the day: staff, and volunteers helping them. */
const DOOR: readonly Audience[] = [...STAFF, 'volunteer'];
export const MAX_PARTY = 9;

/** Replies travel as JSON: instants go out as ISO strings; `…Text` fields are station-local display. */
const iso = z.date().transform((d) => d.toISOString());

const title = text(40, 1);
const capacity = z.number().int().min(1).max(1000);
/** Family members one sign-up may bring along (0: the resident only). */
const maxParty = z.number().int().min(0).max(MAX_PARTY);
const sessionInput = z.object({ startAt: instant, endAt: instant, topic: shortText.optional() });
const personRef = z.object({ activityId: id, personId: id });

/** A party member as anyone but the resident sees them: name and relation, nothing else. */
const partyMember = z.object({ name: z.string(), relation: z.string() });
const party = z.array(householdMember).max(MAX_PARTY);

/**
 * The notice. A one-off activity gives `startAt`/`endAt`; a series (小组) gives `sessions`
 * instead — one notice, members enrol once, attendance is kept per session.
 */
const notice = {
  title,
  serviceArea,
  /** 服务对象, e.g. '社区老年人', '10组亲子家庭'. */
  targetGroup: shortText,
  place: shortText,
  description: longText,
  capacity,
  /** Defaults to the start of the first session. */
  signUpDeadline: instant,
  maxParty,
  /** Whether residents must accept the safety agreement (安全协议) to sign up: outings. */
  safetyAgreement: z.boolean(),
  /** The agreement's text, shown before the resident accepts. */
  safetyTerms: longText,
  /** The plan indicator (计划指标) its attendance counts toward; null: 项目目标未涉及的拓展服务. */
  indicatorId: id.nullable(),
  startAt: instant,
  endAt: instant,
  sessions: z.array(sessionInput).min(1).max(MAX_SESSIONS),
};
const newNotice = z
  .object({
    ...notice,
    targetGroup: shortText.default(''),
    place: shortText.default(''),
    description: longText.default(''),
    signUpDeadline: instant.optional(),
    maxParty: maxParty.default(0),
    safetyAgreement: z.boolean().default(false),
    safetyTerms: longText.default(''),
    indicatorId: id.nullable().default(null),
    startAt: instant.optional(),
    endAt: instant.optional(),
    sessions: notice.sessions.optional(),
  })
  .refine((v) => v.sessions !== undefined || (v.startAt !== undefined && v.endAt !== undefined), { path: ['startAt'] });

const session = z.object({ id: z.string(), startAt: iso, endAt: iso, topic: z.string(), timeText: z.string() });

/** What every list shows about an activity. `myStatus`: the caller's own sign-up, if any. */
const summary = z.object({
  id: z.string(),
  title: z.string(),
  serviceArea: z.string(),
  targetGroup: z.string(),
  place: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  startAt: iso,
  endAt: iso,
  timeText: z.string(),
  sessionCount: z.number(),
  capacity: z.number(),
  seatsTaken: z.number(),
  seatsLeft: z.number(),
  signUpOpen: z.boolean(),
  myStatus: z.enum(SIGN_UP_STATUSES).nullable(),
});

/** The caller's own sign-up. */
const mySignUp = z.object({
  activityId: z.string(),
  status: z.enum(SIGN_UP_STATUSES),
  seats: z.number(),
  party: z.array(partyMember),
  /** Sessions they were checked in at. */
  checkedIn: z.array(z.string()),
});

const detail = summary.extend({
  description: z.string(),
  signUpDeadline: iso,
  deadlineText: z.string(),
  maxParty: z.number(),
  safetyAgreement: z.boolean(),
  safetyTerms: z.string(),
  indicatorId: z.string().nullable(),
  sessions: z.array(session),
  waitlisted: z.number(),
  /** `waitlistPosition`: 1 for the first in line, while the caller's own sign-up waits (候补); otherwise null. */
  mine: mySignUp.extend({ waitlistPosition: z.number().nullable() }).nullable(),
});

/** One line of the 报名表: full phone for staff, masked for volunteers; party as name and relation. */
const rosterEntry = z.object({
  personId: z.string(),
  name: z.string(),
  phone: z.string(),
  /** 楼栋, as the resident gave it, to find them on the list: staff only ('' for volunteers). */
  building: z.string(),
  /** A resident without WeChat, recorded by a worker: call them instead of messaging. */
  offline: z.boolean(),
  status: z.enum(SIGN_UP_STATUSES),
  seats: z.number(),
  party: z.array(partyMember),
  /** Signed up by a worker (代报名) rather than by themselves. */
  proxy: z.boolean(),
  signedUpAt: iso,
  attendance: z.array(z.object({ sessionId: z.string(), headcount: z.number() })),
  noShow: z.array(z.string()),
});

const statusReply = z.object({ id: z.string(), status: z.enum(ACTIVITY_STATUSES) });

export const activitiesContract = {
  create: action({
    input: newNotice,
    output: z.object({ id: z.string() }),
    allow: STAFF,
  }),
  /** Edits a draft or a published notice; capacity never below the seats already taken. */
  update: action({
    input: z.object(notice).partial().extend({ activityId: id }),
    output: detail,
    allow: STAFF,
  }),
  publish: action({ input: z.object({ activityId: id }), output: statusReply, allow: STAFF }),
  /** Calls the whole activity off; everyone signed up is told. */
  cancelActivity: action({ input: z.object({ activityId: id }), output: statusReply, allow: STAFF }),
  /** Closes it after it took place; whoever was not checked in is marked no-show. */
  finish: action({ input: z.object({ activityId: id }), output: statusReply, allow: STAFF }),

  get: action({ input: z.object({ activityId: id }), output: detail, allow: EVERYONE }),
  /** Upcoming published activities, soonest first. */
  list: action({ input: z.object({ serviceArea: serviceArea.optional() }), output: z.array(summary), allow: EVERYONE }),
  /** Every activity, drafts included, newest first: the staff workbench. */
  listForStaff: action({
    input: z.object({ status: z.enum(ACTIVITY_STATUSES).optional() }),
    output: z.array(summary),
    allow: [...DOOR, 'secretary'],
  }),

  /**
   * Signs the caller up, with family members from their household. `contact` fills an empty
   * profile, as the sign-up form does for a first-time user. Full: the sign-up waits (候补).
   */
  signUp: action({
    input: z.object({
      activityId: id,
      contact: z.object({ name: personName, phone: phone.optional() }).optional(),
      party: party.default([]),
      agreeSafety: z.boolean().optional(),
    }),
    output: mySignUp,
    allow: EVERYONE,
  }),
  /** 代报名: a worker signs up a resident who cannot do it themselves, also one without WeChat. */
  proxySignUp: action({
    input: personRef.extend({ party: party.default([]), agreeSafety: z.boolean().optional() }),
    output: mySignUp,
    allow: STAFF,
  }),
  /** The caller withdraws before the deadline; staff may withdraw anyone (`personId`) at any time. */
  cancel: action({
    input: z.object({ activityId: id, personId: id.optional() }),
    output: z.object({ activityId: z.string(), status: z.literal('cancelled') }),
    allow: EVERYONE,
  }),
  /**
   * Moves a waiting sign-up onto the list by hand. When their party does not fit, it is refused
   * (FULL) unless `addSeats`: the worker's decision to raise the capacity just enough for them.
   */
  promote: action({ input: personRef.extend({ addSeats: z.boolean().optional() }), output: mySignUp, allow: STAFF }),
  /** My sign-ups, newest first, and the personal check-in code the worker scans at the door. */
  mine: action({
    input: z.object({}),
    output: z.object({
      checkinCode: z.string(),
      items: z.array(z.object({ activity: summary, signUp: mySignUp.extend({ waitlistPosition: z.number().nullable() }) })),
    }),
    allow: EVERYONE,
  }),

  roster: action({ input: z.object({ activityId: id }), output: z.array(rosterEntry), allow: DOOR }),
  /**
   * 签到: by the resident's scanned code or by ticking the roster (personId). `headcount` is the
   * resident plus the family members who came (default: the whole party). For a series, the
   * session is today's unless `sessionId` says otherwise.
   */
  checkIn: action({
    input: z
      .object({
        activityId: id,
        personId: id.optional(),
        code: text(32, 4).optional(),
        sessionId: id.optional(),
        headcount: z
          .number()
          .int()
          .min(1)
          .max(MAX_PARTY + 1)
          .optional(),
      })
      .refine((v) => v.personId !== undefined || v.code !== undefined, { path: ['code'] }),
    output: z.object({
      personId: z.string(),
      name: z.string(),
      sessionId: z.string(),
      headcount: z.number(),
      alreadyCheckedIn: z.boolean(),
    }),
    allow: DOOR,
  }),
  /** Undoes a tick made by mistake. */
  undoCheckIn: action({
    input: personRef.extend({ sessionId: id.optional() }),
    output: z.object({ removed: z.boolean() }),
    allow: DOOR,
  }),
  /** After a session: everyone registered and not checked in is marked no-show (缺席). */
  markNoShows: action({
    input: z.object({ activityId: id, sessionId: id.optional() }),
    output: z.object({ sessionId: z.string(), marked: z.number() }),
    allow: STAFF,
  }),
  /** 报名表 or 签到表 as an .xlsx file in cloud storage, behind a temporary link. */
  exportRoster: action({
    input: z.object({ activityId: id, sheet: z.enum(['roster', 'signin']).default('roster'), sessionId: id.optional() }),
    output: sharedFile,
    allow: STAFF,
  }),
  /** The day-before reminder, run by the timer trigger in config.json. */
  remind: action({ input: z.object({}), output: z.object({ reminded: z.number() }), allow: ['system'] }),
};
export type ActivitiesContract = typeof activitiesContract;
