import type { ActionInput } from '../../cloudfunctions/contracts';
import { createInput } from '../../cloudfunctions/records/contract';
import { KINDS, RECORD_KINDS, type RecordKind } from '../../cloudfunctions/records/kinds';
import {
  assertAttendance,
  assertPlausibleDays,
  assertRemovable,
  attendanceOf,
  buildRecord,
  earliestDay,
  mayRemove,
  outputText,
  type WorkRecordDoc,
} from '../../cloudfunctions/records/rules';
import { localDay } from '../../cloudfunctions/_shared/time';
import { nowMs } from '../support/clock';
import { refusal } from '../support/refusal';

type CreateInput = ActionInput<'records', 'create'>;
const DAY = 86_400_000;
const KEY = 'rulestestkey00001';

/** A checked input, as the function gets it from the contract. */
const parse = (input: CreateInput) => createInput.parse(input);

/** The kinds table (the report's own words): how each counts, what it produces, who attends. */
test('each kind counts by the rule set for it', () => {
  const table = Object.fromEntries(RECORD_KINDS.map((k) => [k, [KINDS[k].title, KINDS[k].countsPer, outputText(KINDS[k].outputs), KINDS[k].attends]]));
  expect(table).toEqual({
    heldActivity: ['补录活动', 'occasion', '', 'residents'],
    meeting: ['会议', 'occasion', '', 'staff'],
    training: ['员工能力提升培训', 'occasion', '', 'staff'],
    householdInterview: ['入户访谈', 'service', '', 'residents'],
    communityWalk: ['社区漫步', 'occasion', '', 'residents'],
    needsReport: ['需求调研报告', 'occasion', '1 份', 'none'],
    resourceLinking: ['家庭救助资源链接', 'service', '', 'residents'],
    residentLeader: ['培育社区居民领袖', 'occasion', '1 人', 'none'],
    groupIncubated: ['孵化社区社会组织', 'occasion', '1 个', 'none'],
    hallVisit: ['便民大厅日间服务', 'occasion', '', 'residents'],
  });
});

test('the compiler names what a kind lacks', () => {
  // @ts-expect-error a meeting needs its type (督导会议, 三方联席会议…)
  const meeting: CreateInput = { kind: 'meeting', requestKey: KEY, staff: 3, occasions: [{ day: '2026-01-05' }] };
  // @ts-expect-error resource linking needs its donor
  const linking: CreateInput = { kind: 'resourceLinking', requestKey: KEY, items: '米面油', occasions: [{ day: '2026-01-05' }] };
  // @ts-expect-error a hall register's activity is one of 手工, 书法, 棋艺, 健身
  const hall: CreateInput = { kind: 'hallVisit', requestKey: KEY, activity: '跳舞', occasions: [{ day: '2026-01-05' }] };
  const fine: CreateInput = { kind: 'training', requestKey: KEY, topic: '个案工作', participants: 4, occasions: [{ day: '2026-01-05' }] };
  expect([meeting, linking, hall].map((i) => createInput.safeParse(i).success)).toEqual([false, false, false]);
  expect(createInput.safeParse(fine).success).toBe(true);
});

describe('plausible days', () => {
  test('today is fine, tomorrow is not (station days)', () => {
    const now = new Date(nowMs());
    const today = localDay(now);
    const tomorrow = localDay(new Date(now.getTime() + DAY));
    expect(refusal(() => assertPlausibleDays([today], now, null))).toBe('no refusal');
    expect(refusal(() => assertPlausibleDays([today, tomorrow], now, null))).toBe('RECORD_IN_FUTURE');
  });

  test('not before the plan period starts; without a plan, not before 2000', () => {
    const now = new Date(nowMs());
    const today = localDay(now);
    const planFrom = localDay(new Date(now.getTime() - 30 * DAY));
    const dayBefore = localDay(new Date(now.getTime() - 31 * DAY));
    expect(refusal(() => assertPlausibleDays([planFrom], now, planFrom))).toBe('no refusal');
    expect(refusal(() => assertPlausibleDays([today, dayBefore], now, planFrom))).toBe('RECORD_BEFORE_PROJECT');
    expect(refusal(() => assertPlausibleDays(['2000-01-01'], now, null))).toBe('no refusal');
    expect(refusal(() => assertPlausibleDays(['1999-12-31'], now, null))).toBe('RECORD_BEFORE_PROJECT');
    expect(earliestDay(null)).toBe('2000-01-01');
    expect(earliestDay('1998-06-01')).toBe('2000-01-01');
  });
});

describe('the attendance a record writes', () => {
  const at = () => new Date(nowMs());
  // Pure rules, no server: one day two days back on the test clock, fixed for the whole table.
  const twoDaysBack = localDay(new Date(nowMs() - 2 * DAY));
  const day = () => twoDaysBack;
  const written = (input: CreateInput) => {
    const parsed = parse(input);
    assertAttendance(parsed);
    const record = buildRecord(parsed, 'o_worker', at());
    return { record, docs: attendanceOf(record, parsed.occasions, at()) };
  };
  const counts = (docs: { occasionId?: string; sessionId: string; headcount: number }[]) => ({
    sessions: new Set(docs.map((d) => d.occasionId ?? d.sessionId)).size,
    visits: docs.reduce((n, d) => n + d.headcount, 0),
  });

  test.each<[RecordKind, CreateInput, { sessions: number; visits: number }]>([
    [
      'heldActivity',
      {
        kind: 'heldActivity',
        requestKey: KEY,
        title: '理发日',
        serviceArea: '社区',
        occasions: [{ day: day(), attendees: [{ personId: 'p1', headcount: 1 }], unnamed: 29 }],
      },
      { sessions: 1, visits: 30 },
    ],
    ['meeting', { kind: 'meeting', requestKey: KEY, meetingType: '督导会议', staff: 6, occasions: [{ day: day() }] }, { sessions: 1, visits: 0 }],
    ['training', { kind: 'training', requestKey: KEY, topic: '培训', participants: 3, occasions: [{ day: day() }] }, { sessions: 1, visits: 0 }],
    [
      'householdInterview',
      { kind: 'householdInterview', requestKey: KEY, occasions: [{ day: day(), attendees: [{ personId: 'p1', headcount: 2 }], unnamed: 2 }] },
      { sessions: 3, visits: 4 },
    ],
    ['communityWalk', { kind: 'communityWalk', requestKey: KEY, route: '小广场', occasions: [{ day: day(), unnamed: 18 }] }, { sessions: 1, visits: 18 }],
    ['needsReport', { kind: 'needsReport', requestKey: KEY, title: '报告', occasions: [{ day: day() }] }, { sessions: 0, visits: 0 }],
    [
      'resourceLinking',
      {
        kind: 'resourceLinking',
        requestKey: KEY,
        donor: '爱心企业',
        items: '米面油',
        occasions: [
          {
            day: day(),
            attendees: [
              { personId: 'p1', headcount: 4 },
              { personId: 'p2', headcount: 3 },
            ],
          },
        ],
      },
      { sessions: 2, visits: 7 },
    ],
    ['residentLeader', { kind: 'residentLeader', requestKey: KEY, person: 'p1', occasions: [{ day: day() }] }, { sessions: 0, visits: 0 }],
    ['groupIncubated', { kind: 'groupIncubated', requestKey: KEY, name: '太极队', occasions: [{ day: day() }] }, { sessions: 0, visits: 0 }],
    ['hallVisit', { kind: 'hallVisit', requestKey: KEY, activity: '健身', occasions: [{ day: day(), unnamed: 9 }] }, { sessions: 1, visits: 9 }],
  ])('%s', (_kind, input, expected) => {
    const { record, docs } = written(input);
    expect(counts(docs)).toEqual(expected);
    for (const d of docs) {
      expect(d).toMatchObject({ kind: 'record', sourceId: record._id, day: day(), month: day().slice(0, 7), indicatorId: null, recordedBy: 'o_worker' });
    }
  });

  test('a series: one session per date, `${id}~n`, titled as a series', () => {
    const days = [localDay(new Date(nowMs() - 9 * DAY)), localDay(new Date(nowMs() - 2 * DAY))];
    const { record, docs } = written({
      kind: 'heldActivity',
      requestKey: KEY,
      title: '课业辅导',
      serviceArea: '青少年',
      occasions: days.map((d) => ({ day: d, unnamed: 25 })),
    });
    expect(docs.map((d) => [d.sessionId, d.occasionId, d.title, d.personId, d.day])).toEqual([
      [`${record._id}~1`, `${record._id}~1`, '课业辅导（第1次）', `anon~${record._id}~1`, days[0]],
      [`${record._id}~2`, `${record._id}~2`, '课业辅导（第2次）', `anon~${record._id}~2`, days[1]],
    ]);
    expect(counts(docs)).toEqual({ sessions: 2, visits: 50 });
  });

  test('too many check-ins in one call are refused, not cut', () => {
    const input = parse({
      kind: 'householdInterview',
      requestKey: KEY,
      occasions: [
        { day: day(), unnamed: 200 },
        { day: day(), unnamed: 200 },
        { day: day(), unnamed: 1 },
      ],
    });
    expect(refusal(() => assertAttendance(input))).toBe('RECORD_TOO_BIG');
  });
});

describe('removing a record entered by mistake', () => {
  const record = (enteredAt: Date): Pick<WorkRecordDoc, 'enteredBy' | 'enteredAt' | 'removedAt'> => ({ enteredBy: 'o_author', enteredAt });
  test('by its author or an admin, within 7 days', () => {
    const now = new Date(nowMs());
    const sixDays = record(new Date(now.getTime() - 6 * DAY));
    expect(refusal(() => assertRemovable(sixDays, { id: 'o_author', isAdmin: false }, now))).toBe('no refusal');
    expect(refusal(() => assertRemovable(sixDays, { id: 'o_admin', isAdmin: true }, now))).toBe('no refusal');
    expect(refusal(() => assertRemovable(sixDays, { id: 'o_other', isAdmin: false }, now))).toBe('NOT_YOUR_RECORD');
    const exactly = record(new Date(now.getTime() - 7 * DAY));
    expect(refusal(() => assertRemovable(exactly, { id: 'o_author', isAdmin: false }, now))).toBe('no refusal');
    const late = record(new Date(now.getTime() - 7 * DAY - 1));
    expect(refusal(() => assertRemovable(late, { id: 'o_author', isAdmin: false }, now))).toBe('TOO_LATE_TO_REMOVE');
    expect(mayRemove(late, { id: 'o_author', isAdmin: true }, now)).toBe(false);
    expect(mayRemove({ ...sixDays, removedAt: now }, { id: 'o_author', isAdmin: false }, now)).toBe(false);
  });
});
