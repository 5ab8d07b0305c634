import { _, db } from '../_shared/cloud';
import { defineFunction } from '../_shared/router';
import { localDay, localMonth } from '../_shared/time';
import { statsContract } from './contract';
import {
  buildPlan,
  checkRange,
  countedSource,
  monthlySummary,
  NO_AREA,
  NO_TARGET_GROUP,
  plannedToDate,
  reach,
  readPlan,
  reportRows,
  trend,
  trendMonths,
  type AreaTally,
  type PeopleReached,
  type PlanDoc,
  type RecordOutputs,
  type SourceLine,
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
/** Attendance taken as a headcount without names ('anon~<session>') is in no count of different people. */
const named = (match: Match): Match => ({ ...match, personId: db.RegExp({ regexp: '^(?!anon~)' }) });

async function getPlan(): Promise<PlanDoc | null> {
  const { data } = await db.collection('plans').where({ _id: 'project' }).limit(1).get();
  return data[0] ? readPlan(data[0] as Parameters<typeof readPlan>[0]) : null;
}

/**
 * One line per occasion first: 活动次数 counts occasions (a haircut day for everyone served that
 * day, each service given of a kind counted per service), falling back to the session where the
 * attendance names none. An occasion counts once, toward one source, whoever came.
 */
const perOccasion = {
  _id: { $ifNull: ['$occasionId', '$sessionId'] },
  indicatorId: { $first: '$indicatorId' },
  kind: { $first: '$kind' },
  sourceId: { $first: '$sourceId' },
  title: { $first: '$title' },
  serviceArea: { $first: '$serviceArea' },
  targetGroup: { $first: '$targetGroup' },
  month: { $first: '$month' },
  visits: { $sum: '$headcount' },
};

/** 活动次数 and 受益人次 of the occasions in `match`, summed per `key` (fields of the occasion). */
async function occasionTallies<T>(match: Match, key: Record<string, string>): Promise<T[]> {
  const { data } = await attendance()
    .aggregate()
    .match(match)
    .group(perOccasion)
    .group({ _id: key, title: { $first: '$title' }, sessions: { $sum: 1 }, visits: { $sum: '$visits' } })
    .limit(GROUPED_LINES)
    .end();
  return (data as { _id: object }[]).map(({ _id, ...counts }) => ({ ..._id, ...counts }) as T);
}

/** The fields of each source document the report reads: the indicator it names now, and what it holds. */
const SOURCE_FIELDS = {
  'activity.indicatorId': 1,
  'activity.title': 1,
  'activity.safetyAgreement': 1,
  'activity.sessions.id': 1,
  'group.indicatorId': 1,
  'group.name': 1,
  'serviceKind.indicatorId': 1,
  'record.indicatorId': 1,
  'record.kind': 1,
  'record.title': 1,
  'record.documents': 1,
  'record.days': 1,
  'record.removedAt': 1,
};
const lookup = (from: string, as: string) => ({ from, localField: 'sourceId', foreignField: '_id', as });

/**
 * Per source (activity, series, group, service kind, record), in one aggregation: its occasions and
 * person-times, joined with the source's document as it is now — so a source re-pointed to another
 * indicator counts all its past attendance under the new one (the indicator copied onto attendance
 * is used only where the document is gone).
 */
async function bySource(match: Match): Promise<SourceTally[]> {
  const { data } = await attendance()
    .aggregate()
    .match(match)
    .group(perOccasion)
    .group({
      _id: { kind: '$kind', sourceId: '$sourceId', serviceArea: '$serviceArea', targetGroup: '$targetGroup' },
      title: { $first: '$title' },
      indicatorId: { $first: '$indicatorId' },
      sessions: { $sum: 1 },
      visits: { $sum: '$visits' },
    })
    .project({
      _id: 0,
      kind: '$_id.kind',
      sourceId: '$_id.sourceId',
      serviceArea: '$_id.serviceArea',
      targetGroup: '$_id.targetGroup',
      title: 1,
      indicatorId: 1,
      sessions: 1,
      visits: 1,
    })
    .lookup(lookup('activities', 'activity'))
    .lookup(lookup('groups', 'group'))
    .lookup(lookup('serviceKinds', 'serviceKind'))
    .lookup(lookup('workRecords', 'record'))
    .project({ kind: 1, sourceId: 1, serviceArea: 1, targetGroup: 1, title: 1, indicatorId: 1, sessions: 1, visits: 1, ...SOURCE_FIELDS })
    .limit(GROUPED_LINES)
    .end();
  type Joined = Omit<SourceLine, 'activity' | 'group' | 'serviceKind' | 'record'> & {
    [K in keyof Required<Pick<SourceLine, 'activity' | 'group' | 'serviceKind' | 'record'>>]?: SourceLine[K][];
  };
  return (data as Joined[])
    .map(({ activity, group, serviceKind, record, ...line }) =>
      countedSource({
        ...line,
        targetGroup: line.targetGroup ?? null,
        activity: activity?.[0],
        group: group?.[0],
        serviceKind: serviceKind?.[0],
        record: record?.[0],
      }),
    )
    .filter((s): s is SourceTally => s !== null);
}

/**
 * What the station's records produced (people developed, groups incubated, reports written) and
 * the documents they hold, per indicator, kind and month, from `workRecords` not removed. The
 * indicator is the record's own, so re-pointing a record moves its outputs with it.
 */
async function recordOutputs(match: Match): Promise<RecordOutputs[]> {
  const { data } = await db
    .collection('workRecords')
    .aggregate()
    .match({ ...match, removedAt: _.exists(false) })
    .group({
      _id: { indicatorId: '$indicatorId', kind: '$kind', month: '$month' },
      people: { $sum: '$outputs.people' },
      groups: { $sum: '$outputs.groups' },
      reports: { $sum: '$outputs.reports' },
      documents: { $addToSet: '$documents' },
    })
    .limit(GROUPED_LINES)
    .end();
  return (data as ({ _id: Pick<RecordOutputs, 'indicatorId' | 'kind' | 'month'> } & Omit<RecordOutputs, 'indicatorId' | 'kind' | 'month'>)[]).map(
    ({ _id, ...n }) => ({
      ..._id,
      indicatorId: _id.indicatorId ?? null,
      ...n,
    }),
  );
}

/** Per month, service area and target group: the dashboard and its trend. */
const byMonth = (match: Match) => occasionTallies<AreaTally>(match, { month: '$month', serviceArea: '$serviceArea', targetGroup: '$targetGroup' });

/**
 * Different people checked in, overall, per service area and per target group, in one pass: each
 * (person, area, group) seen is expanded into the three scopes it counts in, and people are then
 * counted once per scope.
 */
async function peopleReached(match: Match): Promise<PeopleReached> {
  const { data } = await attendance()
    .aggregate()
    .match(named(match))
    .group({ _id: { personId: '$personId', serviceArea: '$serviceArea', targetGroup: { $ifNull: ['$targetGroup', NO_TARGET_GROUP] } } })
    .project({ scope: ['all', { $concat: ['area:', '$_id.serviceArea'] }, { $concat: ['group:', '$_id.targetGroup'] }] })
    .unwind('$scope')
    .group({ _id: { scope: '$scope', personId: '$_id.personId' } })
    .group({ _id: '$_id.scope', people: { $sum: 1 } })
    .limit(GROUPED_LINES)
    .end();
  const people = new Map((data as { _id: string; people: number }[]).map((d) => [d._id, d.people]));
  const scoped = (prefix: string, unnamed: string) =>
    new Map([...people].filter(([k]) => k.startsWith(prefix)).map(([k, n]) => [k.slice(prefix.length) || unnamed, n]));
  return { total: people.get('all') ?? 0, byArea: scoped('area:', NO_AREA), byTargetGroup: scoped('group:', NO_TARGET_GROUP) };
}

/**
 * Different residents and their person-times per staff-only tag (`residentTags`, one document per
 * resident), joined inside the database: only the counts per tag come back.
 */
async function peopleByTag(match: Match) {
  const { data } = await attendance()
    .aggregate()
    .match(named(match))
    .group({ _id: '$personId', visits: { $sum: '$headcount' } })
    .lookup({ from: 'residentTags', localField: '_id', foreignField: '_id', as: 'tagged' })
    .unwind('$tagged')
    .unwind('$tagged.tags')
    .group({ _id: '$tagged.tags', people: { $sum: 1 }, visits: { $sum: '$visits' } })
    .limit(GROUPED_LINES)
    .end();
  return (data as { _id: string; people: number; visits: number }[])
    .map(({ _id, ...n }) => ({ tag: _id, ...n }))
    .sort((a, b) => b.people - a.people || a.tag.localeCompare(b.tag, 'zh'));
}

/** The report's rows for a range (its callers check the range first), with the plan to date. */
async function reportOf(from: string, to: string) {
  const match = inDays(from, to);
  const [plan, sources, outputs] = await Promise.all([getPlan(), bySource(match), recordOutputs(match)]);
  return { plan, sources, rows: reportRows(plan?.indicators ?? [], sources, outputs, plan ? plannedToDate(plan, from, to) : undefined) };
}

async function summaryOf(month: string) {
  const [plan, sources, outputs] = await Promise.all([getPlan(), bySource(inMonth(month)), recordOutputs(inMonth(month))]);
  return { plan, summary: monthlySummary(plan, month, sources, outputs) };
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
      period: plan && {
        ...reach(periodTallies, periodPeople),
        from: plan.from,
        to: plan.to,
        plannedSessions: planned('plannedSessions'),
        plannedVisits: planned('plannedVisits'),
      },
      trend: trend(months, periodTallies),
      groups,
      openRequests: requests,
    };
  },

  async report({ from, to }) {
    checkRange(from, to);
    const [{ rows, sources }, people] = await Promise.all([reportOf(from, to), peopleReached(inDays(from, to))]);
    return { from, to, rows, totals: reach(sources, people) };
  },

  async served({ from, to }) {
    checkRange(from, to);
    const match = inDays(from, to);
    const [tallies, people, byTag] = await Promise.all([byMonth(match), peopleReached(match), peopleByTag(match)]);
    const byTargetGroup = reach(tallies, people).byTargetGroup.map(({ targetGroup, people, visits }) => ({ targetGroup, people, visits }));
    return { from, to, people: people.total, byTargetGroup, byTag };
  },

  async monthlySummary({ month }) {
    return (await summaryOf(month)).summary;
  },

  async exportReport({ from, to }, { now }) {
    checkRange(from, to);
    const { plan, rows } = await reportOf(from, to);
    return reportXlsx(plan?.title ?? '', from, to, rows, now);
  },

  async exportMonthlySummary({ month }, { now }) {
    const { plan, summary } = await summaryOf(month);
    return monthlySummaryXlsx(plan?.title ?? '', summary, now);
  },
});
