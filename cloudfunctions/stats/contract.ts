import { z } from 'zod';
import { action, type Audience } from '../_shared/contract';
import { id, localDay, serviceArea, shortText, text } from '../_shared/schemas';
import { dayjs } from '../_shared/time';

/** Who reads the tallies: the community secretary (read-only), social workers and the project lead. */
export const REPORT_READERS: readonly Audience[] = ['secretary', 'worker', 'admin'];

/** A real station-local calendar day, 'YYYY-MM-DD' (the regex alone would let 2026-02-30 through). */
export const calendarDay = localDay.max(10).refine((s) => dayjs(s, 'YYYY-MM-DD', true).isValid());
export const calendarMonth = z.string().max(7).regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** Planned counts; monthly targets may be fractional (“完成老年人个案服务 1.5 个”). */
const plannedCount = z.number().finite().min(0).max(1_000_000);

/** What a monthly target measures: 活动次数 (sessions held) or 受益人次 (person-times served). */
export const MEASURES = ['sessions', 'visits'] as const;

const indicator = z.object({
  /** Stable id the activities and services point at; given by the page, or made from the name when absent. */
  id: id.optional(),
  name: text(40, 1),
  serviceArea: serviceArea.nullable().default(null),
  plannedSessions: plannedCount,
  plannedVisits: plannedCount,
});

const monthlyTarget = z.object({
  month: calendarMonth,
  indicatorId: id,
  measure: z.enum(MEASURES),
  target: plannedCount,
});

/** The project plan (计划指标): the period, its indicators and the targets of each month. */
const plan = z.object({
  title: z.string(),
  from: z.string(),
  to: z.string(),
  indicators: z.array(indicator.required({ id: true })),
  monthlyTargets: z.array(monthlyTarget),
  updatedAt: z.date().transform((d) => d.toISOString()),
});

/** Counts, never people: 活动次数, 受益人次 and how many different residents were reached. */
const tally = { sessions: z.number(), visits: z.number(), people: z.number() };
const reach = z.object({
  ...tally,
  byArea: z.array(z.object({ serviceArea: z.string(), ...tally })),
  byTargetGroup: z.array(z.object({ targetGroup: z.string(), ...tally })),
});

/** One line of the planned-vs-achieved table (§3.3); extension rows have no plan. */
const reportRow = z.object({
  indicatorId: z.string().nullable(),
  /** The indicator's name, or 项目目标未涉及的拓展服务 for work no indicator covers. */
  indicator: z.string(),
  /** What was actually run: the indicator's name, or the activity, group or service for an extension row. */
  title: z.string(),
  serviceArea: z.string().nullable(),
  extension: z.boolean(),
  plannedSessions: z.number(),
  plannedVisits: z.number(),
  sessions: z.number(),
  visits: z.number(),
});

const targetLine = z.object({
  indicatorId: z.string(),
  indicator: z.string(),
  measure: z.enum(MEASURES),
  target: z.number(),
});

const monthlySummary = z.object({
  month: z.string(),
  items: z.array(targetLine.extend({ achieved: z.number(), status: z.enum(['已完成', '持续进行']) })),
  /** Work held this month that no target of the month covers (extension work included). */
  otherWork: z.array(reportRow.pick({ indicator: true, title: true, sessions: true, visits: true })),
  nextMonth: z.string(),
  nextPlan: z.array(targetLine),
});

const xlsxFile = z.object({ fileName: z.string(), base64: z.string() });
const dayRange = z.object({ from: calendarDay, to: calendarDay });

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
  /** Planned vs achieved for any date range (inclusive, Asia/Shanghai). */
  report: action({
    input: dayRange,
    output: z.object({ from: z.string(), to: z.string(), rows: z.array(reportRow), totals: reach }),
    allow: REPORT_READERS,
  }),
  /** 月度工作总结 / 下月工作计划. */
  monthlySummary: action({ input: z.object({ month: calendarMonth }), output: monthlySummary, allow: REPORT_READERS }),
  exportReport: action({ input: dayRange, output: xlsxFile, allow: REPORT_READERS }),
  exportMonthlySummary: action({ input: z.object({ month: calendarMonth }), output: xlsxFile, allow: REPORT_READERS }),
};
export type StatsContract = typeof statsContract;
