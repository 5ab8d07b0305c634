import { z } from 'zod';
import { action, STAFF, type Audience } from '../_shared/contract';
import { id, localDay, serviceArea, sharedFile, shortText, text } from '../_shared/schemas';
import { dayjs } from '../_shared/time';

/** Who reads the tallies: the community secretary (read-only), social workers and the project lead. */
export const REPORT_READERS: readonly Audience[] = ['secretary', 'worker', 'admin'];

/** A real station-local calendar day, 'YYYY-MM-DD' (the regex alone would let 2026-02-30 through). */
export const calendarDay = localDay.max(10).refine((s) => dayjs(s, 'YYYY-MM-DD', true).isValid());
export const calendarMonth = z
  .string()
  .max(7)
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** Planned counts; monthly targets may be fractional (“完成老年人个案服务 1.5 个”, “培育 0.5 个社区组织”). */
const plannedCount = z.number().finite().min(0).max(1_000_000);

/**
 * What a monthly target measures: 活动次数 (sessions held), 受益人次 (person-times served), or what
 * the station's records produce — people developed (人), groups incubated (个), reports written (份).
 * `cases` (个案) is kept for the casework records to come: it counts nothing yet.
 */
export const MEASURES = ['sessions', 'visits', 'people', 'groups', 'reports', 'cases'] as const;
/** What an indicator is measured in, as the plan writes it: 次, 人次, 人, 个, 份. */
export const UNITS = ['次', '人次', '人', '个', '份'] as const;

const indicator = z.object({
  /** Stable id the activities and services point at; given by the page, or made from the name when absent. */
  id: id.optional(),
  name: text(40, 1),
  serviceArea: serviceArea.nullable().default(null),
  /** 次 and 人次 indicators are planned in sessions and person-times; 人, 个 and 份 in `plannedOutput`. */
  unit: z.enum(UNITS).default('次'),
  plannedSessions: plannedCount.default(0),
  plannedVisits: plannedCount.default(0),
  /** The whole project's figure in the indicator's unit when it is 人, 个 or 份 (培育社区居民领袖 4 人). */
  plannedOutput: plannedCount.default(0),
});

const monthlyTarget = z.object({
  /** Given by the page, or made from the target's month, indicator, measure and wording. */
  id: id.optional(),
  month: calendarMonth,
  indicatorId: id,
  measure: z.enum(MEASURES),
  /** The number to reach; none for an ongoing target. */
  target: plannedCount.nullable().default(null),
  /** The line as the plan words it (“每周1次团队督导”); the indicator, number and unit when absent. */
  text: text(60).optional(),
  /** 持续进行: work that goes on all month with no number to reach (“持续进行开展入户工作”). */
  ongoing: z.boolean().default(false),
});

/**
 * The project plan (计划指标): the period, its indicators and the targets of each month. Plans saved
 * before units, target ids and ongoing targets existed read back with the defaults.
 */
const plan = z.object({
  title: z.string(),
  from: z.string(),
  to: z.string(),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      serviceArea: z.string().nullable(),
      unit: z.enum(UNITS),
      plannedSessions: z.number(),
      plannedVisits: z.number(),
      plannedOutput: z.number(),
    }),
  ),
  monthlyTargets: z.array(
    z.object({
      id: z.string(),
      month: z.string(),
      indicatorId: z.string(),
      measure: z.enum(MEASURES),
      target: z.number().nullable(),
      text: z.string().optional(),
      ongoing: z.boolean(),
    }),
  ),
  updatedAt: z.date().transform((d) => d.toISOString()),
});

/** Counts, never people: 活动次数, 受益人次 and how many different residents were reached. */
const tally = { sessions: z.number(), visits: z.number(), people: z.number() };
const reach = z.object({
  ...tally,
  byArea: z.array(z.object({ serviceArea: z.string(), ...tally })),
  byTargetGroup: z.array(z.object({ targetGroup: z.string(), ...tally })),
});

/**
 * One line of the planned-vs-achieved table (§3.3): an indicator with everything done under it, or
 * a named line of extension work. Planned figures are the plan's *to date* for the range, null when
 * the plan says nothing for it (see rules.plannedToDate); extension lines have no plan.
 */
const reportRow = z.object({
  indicatorId: z.string().nullable(),
  /** The indicator's name, or 项目目标未涉及的拓展服务 for work no indicator covers. */
  indicator: z.string(),
  /** What was actually run: the indicator's name (with the groups under it), or the extension line's name. */
  title: z.string(),
  serviceArea: z.string().nullable(),
  extension: z.boolean(),
  unit: z.enum(UNITS),
  plannedSessions: z.number().nullable(),
  plannedVisits: z.number().nullable(),
  /** In the unit, for an indicator counted in 人, 个 or 份; otherwise null. */
  plannedOutput: z.number().nullable(),
  /** The plan has a 持续进行 target for it in the range (需求调研评估: 持续进行). */
  ongoing: z.boolean(),
  sessions: z.number(),
  visits: z.number(),
  /** People developed, groups incubated or reports written, in the unit; null for 次 and 人次 indicators. */
  output: z.number().nullable(),
  /** 已留存的资料内容: the documents the product holds for the row's sources. */
  documents: z.array(z.string()),
});

const targetLine = z.object({
  id: z.string(),
  indicatorId: z.string(),
  indicator: z.string(),
  measure: z.enum(MEASURES),
  unit: z.enum(UNITS),
  target: z.number().nullable(),
  ongoing: z.boolean(),
  /** How the line reads: the plan's wording, or '老年人一对一上门服务 22 次'. */
  text: z.string(),
});

const monthlySummary = z.object({
  month: z.string(),
  items: z.array(
    targetLine.extend({
      achieved: z.number(),
      /** What was done, in the target's unit ('1.5 个'); for an ongoing target, the month's work under it. */
      achievedText: z.string(),
      status: z.enum(['已完成', '持续进行']),
    }),
  ),
  /** Work held this month that no target of the month covers (extension work included). */
  otherWork: z.array(reportRow.pick({ indicator: true, title: true, sessions: true, visits: true })),
  nextMonth: z.string(),
  nextPlan: z.array(targetLine),
});

const dayRange = z.object({ from: calendarDay, to: calendarDay });

/** Different people and person-times, per target group or per tag: counts, never names. */
const servedCount = { people: z.number(), visits: z.number() };

export const statsContract = {
  getPlan: action({ input: z.object({}), output: plan.nullable(), allow: REPORT_READERS }),
  setPlan: action({
    input: z.object({
      title: shortText.default(''),
      from: calendarDay,
      to: calendarDay,
      indicators: z.array(indicator).max(60),
      monthlyTargets: z.array(monthlyTarget).max(1000).default([]),
    }),
    output: plan,
    allow: ['admin'],
  }),
  /** The secretary's dashboard: one screen, read-only. */
  dashboard: action({
    input: z.object({}),
    output: z.object({
      today: z.string(),
      month: z.string(),
      upcoming: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          startAt: z.date().transform((d) => d.toISOString()),
          seatsTaken: z.number(),
          capacity: z.number(),
          waitlist: z.number(),
        }),
      ),
      /**
       * This month's activities already held (ended, or closed by a worker), latest first: seats
       * taken and 到场 — the people checked in with their families (headcount; person-times over
       * the sessions of a series).
       */
      held: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          startAt: z.date().transform((d) => d.toISOString()),
          sessions: z.number(),
          seatsTaken: z.number(),
          attended: z.number(),
        }),
      ),
      thisMonth: reach,
      /** Null until the project lead has set a plan. */
      period: reach.extend({ from: z.string(), to: z.string(), plannedSessions: z.number(), plannedVisits: z.number() }).nullable(),
      /** Month by month over the project period (or the last 12 months without a plan). */
      trend: z.array(z.object({ month: z.string(), sessions: z.number(), visits: z.number() })),
      groups: z.array(z.object({ groupId: z.string(), name: z.string(), members: z.number() })),
      openRequests: z.array(z.object({ kind: z.string(), count: z.number() })),
    }),
    allow: REPORT_READERS,
  }),
  /** Planned (to date) vs achieved for any date range (inclusive, Asia/Shanghai). */
  report: action({
    input: dayRange,
    output: z.object({ from: z.string(), to: z.string(), rows: z.array(reportRow), totals: reach }),
    allow: REPORT_READERS,
  }),
  /**
   * Who was served in a range: different residents and person-times per target group and per
   * staff-only tag (老年人, 残障, 低保, 空巢…). Counts only; the tags are staff's, so the secretary
   * does not get this.
   */
  served: action({
    input: dayRange,
    output: z.object({
      from: z.string(),
      to: z.string(),
      /** Different residents checked in (a headcount taken without names is in no count of people). */
      people: z.number(),
      byTargetGroup: z.array(z.object({ targetGroup: z.string(), ...servedCount })),
      /** Residents reached who carry each tag; a resident with two tags counts under both. */
      byTag: z.array(z.object({ tag: z.string(), ...servedCount })),
    }),
    allow: STAFF,
  }),
  /** 月度工作总结 / 下月工作计划. */
  monthlySummary: action({ input: z.object({ month: calendarMonth }), output: monthlySummary, allow: REPORT_READERS }),
  exportReport: action({ input: dayRange, output: sharedFile, allow: REPORT_READERS }),
  exportMonthlySummary: action({ input: z.object({ month: calendarMonth }), output: sharedFile, allow: REPORT_READERS }),
};
export type StatsContract = typeof statsContract;
