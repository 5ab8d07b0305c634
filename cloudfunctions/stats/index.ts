import { _, db } from '../_shared/cloud';
import { defineFunction } from '../_shared/router';
import { localDay, localMonth } from '../_shared/time';
import { statsContract } from './contract';
import {
  buildPlan,
  checkRange,
  monthlySummary,
  NO_TARGET_GROUP,
  reach,
  reportRows,
  trend,
  trendMonths,
  type AreaTally,
  type PeopleReached,
  type PlanDoc,
  type SourceTally,
} from './rules';
import { groupMembers, heldThisMonth, openRequests, upcomingActivities } from './station';
import { monthlySummaryXlsx, reportXlsx } from './xlsx';

/**
 * Every tally is an aggregation inside the database: attendance is grouped there and only the
 * grouped lines come back, so the number of DB requests of a report does not grow with the data.
 * Each pipeline ends in an explicit limit (the service's default page is small); the grouped
 * lines are bounded by indicators, sources, months and service areas, far below it.
 */
const GROUPED_LINES = 1000;

type Match = Record<string, unknown>;
const attendance = () => db.collection('attendance');
const inDays = (from: string, to: string): Match => ({ day: _.gte(from).and(_.lte(to)) });
const inMonth = (month: string): Match => ({ month });

async function getPlan(): Promise<PlanDoc | null> {
  const { data } = await db.collection('plans').where({ _id: 'project' }).limit(1).get();
  return (data[0] as PlanDoc | undefined) ?? null;
}

/** One line per session first: a session counts once, toward one indicator, whoever came. */
const perSession = {
  _id: '$sessionId',
  indicatorId: { $first: '$indicatorId' },
  kind: { $first: '$kind' },
  sourceId: { $first: '$sourceId' },
  title: { $first: '$title' },
  serviceArea: { $first: '$serviceArea' },
  targetGroup: { $first: '$targetGroup' },
  month: { $first: '$month' },
  visits: { $sum: '$headcount' },
};

/** 活动次数 and 受益人次 of the sessions in `match`, summed per `key` (fields of the session). */
async function sessionTallies<T>(match: Match, key: Record<string, string>): Promise<T[]> {
  const { data } = await attendance()
    .aggregate()
    .match(match)
    .group(perSession)
    .group({ _id: key, title: { $first: '$title' }, sessions: { $sum: 1 }, visits: { $sum: '$visits' } })
    .limit(GROUPED_LINES)
    .end();
  return (data as { _id: object }[]).map(({ _id, ...counts }) => ({ ..._id, ...counts }) as T);
}

/** Per source (activity, series, group, service type): the rows of the planned-vs-achieved table. */
const bySource = (match: Match) =>
  sessionTallies<SourceTally>(match, {
    indicatorId: '$indicatorId',
    kind: '$kind',
    sourceId: '$sourceId',
    serviceArea: '$serviceArea',
    targetGroup: '$targetGroup',
  });

/** Per month, service area and target group: the dashboard and its trend. */
const byMonth = (match: Match) => sessionTallies<AreaTally>(match, { month: '$month', serviceArea: '$serviceArea', targetGroup: '$targetGroup' });

/**
 * Different people checked in, overall, per service area and per target group, in one pass: each
 * (person, area, group) seen is expanded into the three scopes it counts in, and people are then
 * counted once per scope.
 */
async function peopleReached(match: Match): Promise<PeopleReached> {
  const { data } = await attendance()
    .aggregate()
    .match(match)
    .group({ _id: { personId: '$personId', serviceArea: '$serviceArea', targetGroup: { $ifNull: ['$targetGroup', NO_TARGET_GROUP] } } })
    .project({ scope: ['all', { $concat: ['area:', '$_id.serviceArea'] }, { $concat: ['group:', '$_id.targetGroup'] }] })
    .unwind('$scope')
    .group({ _id: { scope: '$scope', personId: '$_id.personId' } })
    .group({ _id: '$_id.scope', people: { $sum: 1 } })
    .limit(GROUPED_LINES)
    .end();
  const people = new Map((data as { _id: string; people: number }[]).map((d) => [d._id, d.people]));
  const scoped = (prefix: string) => new Map([...people].filter(([k]) => k.startsWith(prefix)).map(([k, n]) => [k.slice(prefix.length), n]));
  return { total: people.get('all') ?? 0, byArea: scoped('area:'), byTargetGroup: scoped('group:') };
}

export const main = defineFunction('stats', statsContract, {
  async getPlan() {
    return getPlan();
  },

  async setPlan(input, { caller, now }) {
    const plan = buildPlan(input, caller.openid ?? 'system', now);
    const { _id, ...fields } = plan;
    await db.collection('plans').doc(_id).set(fields);
    return plan;
  },

  async dashboard(_input, { now }) {
    const month = localMonth(now);
    const plan = await getPlan();
    const months = trendMonths(plan, month);
    const periodMatch = inDays(plan?.from ?? `${months[0]}-01`, plan?.to ?? localDay(now));
    const [monthTallies, monthPeople, periodTallies, periodPeople, upcoming, held, groups, requests] = await Promise.all([
      byMonth(inMonth(month)),
      peopleReached(inMonth(month)),
      byMonth(periodMatch),
      peopleReached(periodMatch),
      upcomingActivities(now),
      heldThisMonth(now),
      groupMembers(),
      openRequests(),
    ]);
    const planned = (key: 'plannedSessions' | 'plannedVisits') => (plan?.indicators ?? []).reduce((n, i) => n + i[key], 0);
    return {
      today: localDay(now),
      month,
      upcoming,
      held,
      thisMonth: reach(monthTallies, monthPeople),
      period: plan && { ...reach(periodTallies, periodPeople), from: plan.from, to: plan.to, plannedSessions: planned('plannedSessions'), plannedVisits: planned('plannedVisits') },
      trend: trend(months, periodTallies),
      groups,
      openRequests: requests,
    };
  },

  async report({ from, to }) {
    checkRange(from, to);
    const [plan, sources, people] = await Promise.all([getPlan(), bySource(inDays(from, to)), peopleReached(inDays(from, to))]);
    return { from, to, rows: reportRows(plan?.indicators ?? [], sources), totals: reach(sources, people) };
  },

  async monthlySummary({ month }) {
    const [plan, sources] = await Promise.all([getPlan(), bySource(inMonth(month))]);
    return monthlySummary(plan, month, sources);
  },

  async exportReport({ from, to }) {
    checkRange(from, to);
    const [plan, sources] = await Promise.all([getPlan(), bySource(inDays(from, to))]);
    return reportXlsx(plan?.title ?? '', from, to, reportRows(plan?.indicators ?? [], sources));
  },

  async exportMonthlySummary({ month }) {
    const [plan, sources] = await Promise.all([getPlan(), bySource(inMonth(month))]);
    return monthlySummaryXlsx(plan?.title ?? '', monthlySummary(plan, month, sources));
  },
});
