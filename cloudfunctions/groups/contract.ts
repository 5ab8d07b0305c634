import { z } from 'zod';
import { action, EVERYONE, GROUP_MANAGERS, STAFF } from '../_shared/contract';
import { id, localDay, serviceArea, shortText, text } from '../_shared/schemas';

/**
 * Community groups (社区社会组织): 福源红合唱团, 福源太极健身队 and any group staff add.
 *
 * Who sees what:
 * - anyone: the group, its schedule, how many members, who the 队长/副队长 are (names only),
 *   and their own membership;
 * - the group's 队长/副队长 (named on the group by staff): applications, roster, roll call and
 *   attendance of THEIR group only. Phones reach them masked (138****1234): they recognise a
 *   member by name and the last digits, and the station does the calling. People reach them under
 *   the group's pseudonym (`personId` m_…, rules.pseudonymOf), never their openid, and their
 *   actions take that pseudonym back;
 * - staff (社工, admin): every group, full phone numbers.
 * Staff-only resident tags never leave this function: no output here names them.
 */

/** 'HH:mm', station-local. */
const hhmm = z
  .string()
  .length(5)
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** 1 = 周一 … 7 = 周日, as the station says it. */
const weekday = z.number().int().min(1).max(7);

/** Weekly practice, with exceptions: days it does not take place (春节, bad weather) and extra days. */
export const practiceSchedule = z.object({
  weekdays: z.array(weekday).min(1).max(7),
  startTime: hhmm,
  durationMinutes: z.number().int().min(15).max(480),
  cancelledDays: z.array(localDay).max(200).default([]),
  extraDays: z.array(localDay).max(200).default([]),
});

export const MEMBERSHIP_STATUSES = ['applied', 'approved', 'declined', 'withdrawn', 'left'] as const;
/** 队员, 队长, 副队长. */
export const GROUP_ROLES = ['member', 'leader', 'deputy'] as const;
const status = z.enum(MEMBERSHIP_STATUSES);
const groupRole = z.enum(GROUP_ROLES);

const groupFields = z.object({
  name: text(30, 1),
  description: text(2000, 1, { lines: true }),
  serviceArea,
  place: text(50, 1),
  schedule: practiceSchedule,
  /** The plan indicator (计划指标) practices count toward; null: 项目目标未涉及的拓展服务. */
  indicatorId: id.nullable().default(null),
});

/** Replies travel as JSON: instants go out as ISO strings, days as station-local 'YYYY-MM-DD'. */
const iso = z.date().transform((d) => d.toISOString());

/** One practice: its local day, its instants, and how it reads ('12月5日 周二 19:00'). */
const practice = z.object({ day: z.string(), startAt: iso, endAt: iso, label: z.string() });

const group = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  serviceArea,
  place: z.string(),
  schedule: z.object({
    weekdays: z.array(z.number()),
    startTime: z.string(),
    durationMinutes: z.number(),
    cancelledDays: z.array(z.string()),
    extraDays: z.array(z.string()),
  }),
  /** '每周二、周四 19:00-20:30' */
  scheduleText: z.string(),
  indicatorId: z.string().nullable(),
  memberCount: z.number(),
});

/** What a resident reads back about their own membership. */
const myMembership = z.object({
  status,
  role: groupRole,
  declineReason: z.string().nullable(),
  appliedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  /** Practices they were ticked present at. */
  attendedCount: z.number(),
});

const groupInput = z.object({ groupId: id });
const memberInput = z.object({ groupId: id, personId: id });
const practiceInput = z.object({ groupId: id, day: localDay });

/** A member as the roll call and the roster show them: `phone` masked and `personId` a pseudonym for leaders. */
const member = z.object({
  personId: z.string(),
  name: z.string(),
  phone: z.string(),
  role: groupRole,
  joinedOn: z.string().nullable(),
});

const application = z.object({
  /** Optional: some residents can barely type; the leader's page says 「（未填写）」. */
  why: shortText.default(''),
  experience: shortText.default(''),
  preferredTimes: shortText.default(''),
});

export const groupsContract = {
  list: action({
    input: z.object({}),
    output: z.array(group.extend({ myStatus: status.nullable(), nextPractice: practice.nullable() })),
    allow: EVERYONE,
  }),
  /** The group's page. */
  get: action({
    input: groupInput,
    output: group.extend({
      nextPractices: z.array(practice),
      /** Practices called off (停练) in the same stretch as `nextPractices`: the page shows them as such. */
      calledOff: z.array(practice),
      leaders: z.array(z.object({ name: z.string(), role: groupRole })),
      mine: myMembership.nullable(),
      /** The caller is staff or this group's 队长/副队长: the page offers the group's admin page. */
      canManage: z.boolean(),
    }),
    allow: EVERYONE,
  }),
  apply: action({ input: groupInput.extend(application.shape), output: myMembership, allow: EVERYONE }),
  /** One tap: withdraws an open application or leaves the group. */
  leave: action({ input: groupInput, output: myMembership, allow: EVERYONE }),

  /** Groups the caller runs: every group for staff, their own for a 队长/副队长. */
  managed: action({
    input: z.object({}),
    output: z.array(z.object({ id: z.string(), name: z.string(), memberCount: z.number(), pendingCount: z.number(), myRole: groupRole.nullable() })),
    allow: EVERYONE,
  }),
  applications: action({
    input: groupInput,
    output: z.array(
      z.object({
        personId: z.string(),
        name: z.string(),
        phone: z.string(),
        why: z.string(),
        experience: z.string(),
        preferredTimes: z.string(),
        appliedOn: z.string().nullable(),
      }),
    ),
    allow: GROUP_MANAGERS,
  }),
  approve: action({ input: memberInput, output: z.object({ personId: z.string(), status }), allow: GROUP_MANAGERS }),
  decline: action({
    input: memberInput.extend({ reason: text(100, 1) }),
    output: z.object({ personId: z.string(), status }),
    allow: GROUP_MANAGERS,
  }),
  roster: action({ input: groupInput, output: z.array(member.extend({ attendedCount: z.number() })), allow: GROUP_MANAGERS }),
  /** Practice days in a window around today, with how many were ticked present. */
  practices: action({
    input: groupInput.extend({ weeksBack: z.number().int().min(0).max(26).default(6), weeksAhead: z.number().int().min(0).max(8).default(2) }),
    output: z.array(practice.extend({ presentCount: z.number(), cancelled: z.boolean() })),
    allow: GROUP_MANAGERS,
  }),
  rollCall: action({
    input: practiceInput,
    output: z.object({ practice: practice.extend({ title: z.string(), canTick: z.boolean() }), members: z.array(member.extend({ present: z.boolean() })) }),
    allow: GROUP_MANAGERS,
  }),
  /** Ticks a member present (签到); ticking twice changes nothing. */
  tick: action({
    input: practiceInput.extend({ personId: id }),
    output: z.object({ personId: z.string(), present: z.boolean(), changed: z.boolean() }),
    allow: GROUP_MANAGERS,
  }),
  /** Unticks a member ticked by mistake: their attendance is removed. */
  untick: action({
    input: practiceInput.extend({ personId: id }),
    output: z.object({ personId: z.string(), present: z.boolean(), changed: z.boolean() }),
    allow: GROUP_MANAGERS,
  }),
  memberHistory: action({
    input: memberInput,
    output: z.object({
      personId: z.string(),
      name: z.string(),
      role: groupRole,
      status,
      joinedOn: z.string().nullable(),
      /** Practices held (someone was ticked) since their record starts: joining, or an earlier roll call. */
      practicesHeld: z.number(),
      attended: z.array(practice),
    }),
    allow: GROUP_MANAGERS,
  }),

  create: action({ input: groupFields, output: group, allow: STAFF }),
  update: action({ input: groupFields.extend({ groupId: id }), output: group, allow: STAFF }),
  /** 队长/副队长 are set by staff; one of each per group, so naming a new one makes the old one a member. */
  setRole: action({ input: memberInput.extend({ role: groupRole }), output: z.object({ personId: z.string(), role: groupRole }), allow: STAFF }),
  /** A worker adds a resident in person (代报名), e.g. one without WeChat: no application needed. */
  addMember: action({ input: memberInput, output: z.object({ personId: z.string(), status }), allow: STAFF }),
};
export type GroupsContract = typeof groupsContract;
