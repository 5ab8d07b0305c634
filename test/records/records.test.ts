import type { TestCloud } from '../support/cloud';
import { replyRefusal } from '../support/refusal';
import { clearOfMidnight, dayIn, startStationCloud } from '../support/station';
import { newKey, recordAttendance, tally, workRecordDocs, type CreateInput } from './helpers';

/* The records function through the real function, SDK and emulator: every kind entered, counted through attendance. */
const ADMIN = 'o_admin';
const WORKER = 'o_worker';
const WORKER_2 = 'o_worker_2';
const SECRETARY = 'o_secretary';
const VOLUNTEER = 'o_volunteer';
const R = (n: number) => `o_r${n}`;

let cloud: TestCloud;
/** A resident without WeChat, recorded by a worker (`off_…`). */
let offline: string;
/** The dates of the series back-entered below (three weeks, two weeks and a week before the day it was entered). */
let seriesDays: string[];

const create = (input: CreateInput, openid = WORKER) => cloud.call('records', 'create', input, openid);
const created = (input: CreateInput, openid = WORKER) => cloud.ok('records', 'create', input, openid);

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [
    [WORKER, ['worker'], { name: '李社工', phone: '13900009001' }],
    [WORKER_2, ['worker'], { name: '王社工', phone: '13900009002' }],
    [SECRETARY, ['secretary']],
    [VOLUNTEER, ['volunteer']],
  ]);
  for (let n = 1; n <= 4; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `1390000100${n}` }, R(n));
  offline = (await cloud.ok('users', 'createOffline', { name: '马奶奶', phone: '13900001009' }, WORKER)).id;
});
afterAll(() => cloud.close());

describe('who may use it', () => {
  test('staff read the kinds; the secretary, a volunteer and a resident may not touch records', async () => {
    const kinds = await cloud.ok('records', 'kinds', {}, WORKER);
    expect(kinds.kinds.map((k) => k.id)).toEqual([
      'heldActivity',
      'meeting',
      'training',
      'householdInterview',
      'communityWalk',
      'needsReport',
      'resourceLinking',
      'residentLeader',
      'groupIncubated',
      'hallVisit',
    ]);
    expect(kinds.today).toBe(dayIn(0));
    const held = kinds.kinds.find((k) => k.id === 'heldActivity')!;
    expect(held.fields.map((f) => [f.key, f.type, f.required])).toEqual([
      ['title', 'text', true],
      ['serviceArea', 'choice', true],
      ['targetGroup', 'text', false],
      ['place', 'text', false],
      ['staffPresent', 'number', false],
      ['volunteersPresent', 'number', false],
      ['note', 'longText', false],
    ]);
    expect(held.attendance.named).toMatchObject({ max: 200 });
    for (const openid of [SECRETARY, VOLUNTEER, R(1)]) {
      for (const action of ['kinds', 'list', 'get', 'remove', 'create'] as const) {
        expect([openid, action, await replyRefusal(cloud.call('records', action, {} as never, openid))]).toEqual([openid, action, 'FORBIDDEN']);
      }
    }
  });
});

describe('补录: an activity already held, from the paper sign-in sheets', () => {
  test('a series of past dates: each date one 次, residents with their families, an offline resident, a public headcount', async () => {
    const days = (seriesDays = [dayIn(-21), dayIn(-14), dayIn(-7)]);
    const record = await created({
      kind: 'heldActivity',
      requestKey: newKey(),
      indicatorId: 'ind_elderly_group',
      title: '智能手机学习小组',
      serviceArea: '老年人',
      targetGroup: '社区老年人',
      place: '便民大厅二楼',
      staffPresent: 2,
      volunteersPresent: 3,
      documents: ['签到表', '活动策划'],
      occasions: [
        // 居民1 came with her husband (2); 居民2 signed up for two and came alone ("1 of 2 came" = 1).
        {
          day: days[0],
          attendees: [
            { personId: R(1), headcount: 2 },
            { personId: R(2), headcount: 1 },
            { personId: offline, headcount: 1 },
          ],
        },
        { day: days[1], attendees: [{ personId: R(1), headcount: 1 }], unnamed: 5 },
        { day: days[2], attendees: [{ personId: R(3), headcount: 1 }] },
      ],
    });
    expect(record).toMatchObject({
      kind: 'heldActivity',
      title: '智能手机学习小组',
      firstDay: days[0],
      lastDay: days[2],
      occasionCount: 3,
      sessions: 3,
      visits: 4 + 6 + 1,
      backEntered: true,
      enteredByName: '李社工',
      canRemove: true,
      removed: false,
      serviceArea: '老年人',
      targetGroup: '社区老年人',
      staffPresent: 2,
      volunteersPresent: 3,
      documents: ['签到表', '活动策划'],
      details: [{ label: '地点', value: '便民大厅二楼' }],
    });
    expect(record.occasions.map((o) => [o.day, o.sessions, o.visits, o.attendees.map((a) => `${a.name}×${a.headcount}`), o.unnamed])).toEqual([
      [days[0], 1, 4, ['居民1×2', '居民2×1', '马奶奶×1'], 0],
      [days[1], 1, 6, ['居民1×1'], 5],
      [days[2], 1, 1, ['居民3×1'], 0],
    ]);

    const docs = recordAttendance(cloud, record.id);
    expect(docs).toHaveLength(6);
    for (const d of docs) {
      expect(d).toMatchObject({ kind: 'record', sourceId: record.id, indicatorId: 'ind_elderly_group', serviceArea: '老年人', targetGroup: '社区老年人' });
      // Per occasion: everyone at one date shares its occasion, which is the session.
      expect(d.occasionId).toBe(d.sessionId);
      expect(d.day).toBe(days[Number(d.sessionId.split('~').at(-1)) - 1]);
      expect(d.month).toBe(String(d.day).slice(0, 7));
    }
    expect(docs.map((d) => d.sessionId).sort()).toEqual([
      `${record.id}~1`,
      `${record.id}~1`,
      `${record.id}~1`,
      `${record.id}~2`,
      `${record.id}~2`,
      `${record.id}~3`,
    ]);
    // The public headcount is ONE attendance, named so that unique-people counts skip it.
    expect(docs.filter((d) => d.personId.startsWith('anon~'))).toEqual([expect.objectContaining({ personId: `anon~${record.id}~2`, headcount: 5 })]);
    expect(docs.find((d) => d.sessionId === `${record.id}~2`)!.title).toBe('智能手机学习小组（第2次）');
    expect(tally(docs)).toEqual({ sessions: 3, visits: 11 });

    const stored = workRecordDocs(cloud).find((d) => d._id === record.id)!;
    expect(stored).toMatchObject({ enteredBy: WORKER, backEntered: true, day: days[0], lastDay: days[2], days, month: days[0].slice(0, 7), outputs: {} });
    expect((stored.personIds as string[]).sort()).toEqual([R(1), R(2), R(3), offline].sort());
    // The list holds counts only: nobody who came is named in it.
    const list = await cloud.ok('records', 'list', { from: days[0], to: days[2] }, WORKER);
    expect(list.records.find((r) => r.id === record.id)).toMatchObject({ sessions: 3, visits: 11, summary: '便民大厅二楼' });
    expect(JSON.stringify(list)).not.toMatch(/居民1|马奶奶|o_r1|off_/);
  });

  test('a public event where names were not taken: one 次, its headcount in 人次', async () => {
    const record = await created({
      kind: 'heldActivity',
      requestKey: newKey(),
      title: '社工宣传日',
      serviceArea: '社区',
      occasions: [{ day: dayIn(-3), unnamed: 120 }],
    });
    expect(record).toMatchObject({ sessions: 1, visits: 120, occasionCount: 1 });
    expect(recordAttendance(cloud, record.id)).toEqual([
      expect.objectContaining({ sessionId: record.id, occasionId: record.id, personId: `anon~${record.id}`, headcount: 120 }),
    ]);
  });

  test('a double tap of 保存 writes one record and counts once; the same key with other content is refused', async () => {
    const input: CreateInput = {
      kind: 'heldActivity',
      requestKey: newKey(),
      title: '冬至包饺子',
      serviceArea: '社区',
      occasions: [{ day: dayIn(-1), attendees: [{ personId: R(4), headcount: 3 }] }],
    };
    const [a, b] = await Promise.all([create(input), create(input)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const id = a.ok ? a.data.id : '';
    expect(b.ok && b.data.id).toBe(id);
    expect(workRecordDocs(cloud).filter((d) => d._id === id)).toHaveLength(1);
    expect(tally(recordAttendance(cloud, id))).toEqual({ sessions: 1, visits: 3 });

    expect(await replyRefusal(create({ ...input, title: '冬至包汤圆' }))).toBe('ALREADY_RECORDED');
    expect(await replyRefusal(create(input, WORKER_2))).toBe('ALREADY_RECORDED');
    expect(tally(recordAttendance(cloud, id))).toEqual({ sessions: 1, visits: 3 });
  });

  test('a retry after a lost reply finishes the attendance the first call did not write', async () => {
    const input: CreateInput = {
      kind: 'heldActivity',
      requestKey: newKey(),
      title: '手工小组',
      serviceArea: '社区',
      occasions: [
        {
          day: dayIn(-2),
          attendees: [
            { personId: R(1), headcount: 1 },
            { personId: R(2), headcount: 1 },
          ],
        },
      ],
    };
    // The first call's attendance writes fail after the record went in (a crash half-way); the router logs it.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    cloud.emulator.faults.inject({ action: 'database.insertDocument', collection: 'attendance', fail: true, times: 1 });
    expect(await replyRefusal(create(input))).toBe('INTERNAL');
    cloud.emulator.faults.clear();
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    expect(recordAttendance(cloud, `wr_${input.requestKey}`).length).toBeLessThan(2);
    const again = await created(input);
    expect(again).toMatchObject({ sessions: 1, visits: 2 });
    expect(recordAttendance(cloud, again.id)).toHaveLength(2);
  });
});

describe('dates stay plausible', () => {
  test('not after today; today and the past are fine; no plan: from 2000 on', async () => {
    clearOfMidnight(cloud.clock);
    const input = (day: string): CreateInput => ({ kind: 'training', requestKey: newKey(), topic: '个案记录写作', participants: 6, occasions: [{ day }] });
    expect(await replyRefusal(create(input(dayIn(1))))).toBe('RECORD_IN_FUTURE');
    expect(await replyRefusal(create(input('1999-12-31')))).toBe('INVALID_INPUT');
    expect(await replyRefusal(create(input('2026-02-30')))).toBe('INVALID_INPUT');
    expect(await replyRefusal(create(input(dayIn(0))))).toBe('ok');
    expect(await replyRefusal(create(input('2000-01-01')))).toBe('ok');
    expect((await cloud.ok('records', 'kinds', {}, WORKER)).earliestDay).toBe('2000-01-01');
  });

  test('with a plan, not before the project period starts', async () => {
    const from = dayIn(-120);
    await cloud.ok(
      'stats',
      'setPlan',
      { title: '测试项目', from, to: dayIn(200), indicators: [{ id: 'ind_supervision', name: '督导会议', plannedSessions: 30, plannedVisits: 0 }] },
      ADMIN,
    );
    const input = (day: string): CreateInput => ({ kind: 'meeting', requestKey: newKey(), meetingType: '督导会议', staff: 4, occasions: [{ day }] });
    expect(await replyRefusal(create(input(dayIn(-121))))).toBe('RECORD_BEFORE_PROJECT');
    expect(await replyRefusal(create(input(from)))).toBe('ok');
    const kinds = await cloud.ok('records', 'kinds', {}, WORKER);
    expect(kinds.earliestDay).toBe(from);
    expect(kinds.indicators).toEqual([{ id: 'ind_supervision', name: '督导会议' }]);
  });
});

describe('every kind counts by its own rule', () => {
  test('meetings and trainings: 1 次 each, no 受益人次; who came kept as details', async () => {
    const meeting = await created({
      kind: 'meeting',
      requestKey: newKey(),
      indicatorId: 'ind_supervision',
      meetingType: '三方联席会议',
      topic: '第三次三方联席会议',
      staff: 3,
      communityStaff: 2,
      residentLeaders: 4,
      documents: ['会议记录', '新闻稿'],
      occasions: [{ day: dayIn(-5) }],
    });
    expect(meeting).toMatchObject({ title: '三方联席会议', sessions: 1, visits: 0, serviceArea: null, summary: '第三次三方联席会议' });
    expect(meeting.details).toEqual([
      { label: '会议类型', value: '三方联席会议' },
      { label: '议题', value: '第三次三方联席会议' },
      { label: '社工', value: '3 人' },
      { label: '街道、社区工作人员', value: '2 人' },
      { label: '居民骨干', value: '4 人' },
    ]);
    expect(recordAttendance(cloud, meeting.id)).toEqual([
      expect.objectContaining({ personId: `anon~${meeting.id}`, headcount: 0, occasionId: meeting.id, indicatorId: 'ind_supervision' }),
    ]);
    expect(await replyRefusal(create({ kind: 'meeting', requestKey: newKey(), meetingType: '评估会', occasions: [{ day: dayIn(-5) }] }))).toBe(
      'NO_PARTICIPANTS',
    );
    expect(
      await replyRefusal(
        create({ kind: 'meeting', requestKey: newKey(), meetingType: '评估会', staff: 1, occasions: [{ day: dayIn(-5) }, { day: dayIn(-4) }] }),
      ),
    ).toBe('INVALID_INPUT');

    const training = await created({
      kind: 'training',
      requestKey: newKey(),
      topic: '三社联动试点培训班',
      trainer: '市民政局',
      participants: 3,
      occasions: [{ day: dayIn(-6) }],
    });
    expect(training).toMatchObject({ title: '员工能力提升培训', sessions: 1, visits: 0, summary: '三社联动试点培训班 · 市民政局' });
  });

  test('household interviews count per service: each household 1 次, its people in 人次; unnamed households 1 人次 each', async () => {
    const record = await created({
      kind: 'householdInterview',
      requestKey: newKey(),
      purpose: '老年人服务需求',
      occasions: [
        {
          day: dayIn(-10),
          attendees: [
            { personId: R(1), headcount: 2 },
            { personId: offline, headcount: 1 },
          ],
          unnamed: 3,
        },
        { day: dayIn(-9), attendees: [{ personId: R(2), headcount: 1 }] },
      ],
    });
    expect(record).toMatchObject({ title: '入户访谈', serviceArea: '社区', sessions: 6, visits: 7 });
    const docs = recordAttendance(cloud, record.id);
    expect(new Set(docs.map((d) => d.occasionId)).size).toBe(6);
    expect(docs.filter((d) => d.personId.startsWith('anon~')).map((d) => d.headcount)).toEqual([1, 1, 1]);
    expect(record.occasions.map((o) => [o.sessions, o.visits, o.unnamed])).toEqual([
      [5, 6, 3],
      [1, 1, 0],
    ]);
  });

  test('a community walk counts per occasion: 1 次, the people reached in 人次', async () => {
    const record = await created({
      kind: 'communityWalk',
      requestKey: newKey(),
      route: '1-5号楼、小广场',
      occasions: [{ day: dayIn(-8), unnamed: 25, attendees: [{ personId: R(3), headcount: 1 }] }],
    });
    expect(record).toMatchObject({ title: '社区漫步', sessions: 1, visits: 26, summary: '1-5号楼、小广场' });
  });

  test('outputs: a needs report is 1 份, a resident leader 1 人, a group founded 1 个 — and no attendance', async () => {
    const report = await created({
      kind: 'needsReport',
      requestKey: newKey(),
      title: '福源小镇老年人需求调研报告',
      documents: ['调研问卷', '调研评估报告'],
      occasions: [{ day: dayIn(-4) }],
    });
    expect(report).toMatchObject({
      title: '福源小镇老年人需求调研报告',
      outputs: { reports: 1, people: 0, groups: 0 },
      outputText: '1 份',
      sessions: 0,
      visits: 0,
    });
    const leader = await created({ kind: 'residentLeader', requestKey: newKey(), person: R(2), role: '楼栋长', occasions: [{ day: dayIn(-4) }] });
    expect(leader).toMatchObject({ title: '培育社区居民领袖', outputs: { people: 1 }, outputText: '1 人', summary: '居民2 · 楼栋长' });
    expect(workRecordDocs(cloud).find((d) => d._id === leader.id)).toMatchObject({ personIds: [R(2)], details: { person: R(2), role: '楼栋长', note: '' } });
    const group = await created({
      kind: 'groupIncubated',
      requestKey: newKey(),
      name: '福源太极健身队',
      foundingMembers: 16,
      foundingNote: '座谈会定了队名，选了队长和副队长',
      occasions: [{ day: dayIn(-4) }],
    });
    expect(group).toMatchObject({ title: '孵化社区社会组织（福源太极健身队）', outputs: { groups: 1 }, outputText: '1 个', firstDay: dayIn(-4) });
    for (const r of [report, leader, group]) expect(recordAttendance(cloud, r.id)).toEqual([]);
    expect(await replyRefusal(create({ kind: 'residentLeader', requestKey: newKey(), person: 'o_nobody', occasions: [{ day: dayIn(-4) }] }))).toBe(
      'UNKNOWN_PERSON',
    );
  });

  test('resource linking counts per family helped, with donor, items and the receipt', async () => {
    const record = await created({
      kind: 'resourceLinking',
      requestKey: newKey(),
      donor: '兰州某爱心企业',
      items: '米面油各一份',
      documents: ['资助方信息', '受助方信息', '物资签领表'],
      occasions: [
        {
          day: dayIn(-12),
          attendees: [
            { personId: R(4), headcount: 4 },
            { personId: offline, headcount: 2 },
          ],
        },
      ],
    });
    expect(record).toMatchObject({ title: '家庭救助资源链接', serviceArea: '家庭', sessions: 2, visits: 6 });
    expect(record.details).toContainEqual({ label: '签领', value: '已签领' });
    expect(
      await replyRefusal(create({ kind: 'resourceLinking', requestKey: newKey(), donor: 'x', items: 'y', occasions: [{ day: dayIn(-1), unnamed: 3 }] })),
    ).toBe('INVALID_INPUT');
  });

  test('the hall: one 次 per day and activity, however many registers were entered for it', async () => {
    const day = dayIn(-2);
    const morning = await created({ kind: 'hallVisit', requestKey: newKey(), activity: '书法', occasions: [{ day, unnamed: 6 }] });
    const afternoon = await created(
      { kind: 'hallVisit', requestKey: newKey(), activity: '书法', occasions: [{ day, attendees: [{ personId: R(1), headcount: 1 }] }] },
      WORKER_2,
    );
    const chess = await created({ kind: 'hallVisit', requestKey: newKey(), activity: '棋艺', occasions: [{ day, unnamed: 4 }] });
    const docs = [morning, afternoon, chess].flatMap((r) => recordAttendance(cloud, r.id));
    expect(tally(docs)).toEqual({ sessions: 2, visits: 11 });
    expect(new Set(docs.map((d) => d.occasionId))).toEqual(new Set([`hallVisit~${day}~书法`, `hallVisit~${day}~棋艺`]));
  });
});

describe('input is checked before anything is written', () => {
  test('what a kind lacks, nobody at an occasion, a resident twice, an unknown resident, too many at once', async () => {
    const before = cloud.emulator.dump();
    const day = dayIn(-1);
    const cases: [CreateInput, string][] = [
      [{ kind: 'heldActivity', requestKey: newKey(), title: '', serviceArea: '社区', occasions: [{ day, unnamed: 1 }] }, 'INVALID_INPUT'],
      [{ kind: 'heldActivity', requestKey: newKey(), title: '活动', serviceArea: '社区', occasions: [] }, 'INVALID_INPUT'],
      [{ kind: 'heldActivity', requestKey: 'short', title: '活动', serviceArea: '社区', occasions: [{ day, unnamed: 1 }] }, 'INVALID_INPUT'],
      [{ kind: 'heldActivity', requestKey: newKey(), title: '活动', serviceArea: '社区', occasions: [{ day }] }, 'NOBODY_CAME'],
      [
        { kind: 'heldActivity', requestKey: newKey(), title: '活动', serviceArea: '社区', occasions: [{ day, attendees: [{ personId: R(1), headcount: 0 }] }] },
        'INVALID_INPUT',
      ],
      [
        {
          kind: 'heldActivity',
          requestKey: newKey(),
          title: '活动',
          serviceArea: '社区',
          occasions: [
            {
              day,
              attendees: [
                { personId: R(1), headcount: 1 },
                { personId: R(1), headcount: 2 },
              ],
            },
          ],
        },
        'ATTENDEE_TWICE',
      ],
      [
        {
          kind: 'heldActivity',
          requestKey: newKey(),
          title: '活动',
          serviceArea: '社区',
          occasions: [{ day, attendees: [{ personId: 'o_stranger', headcount: 1 }] }],
        },
        'UNKNOWN_PERSON',
      ],
      [{ kind: 'householdInterview', requestKey: newKey(), occasions: Array.from({ length: 3 }, () => ({ day, unnamed: 150 })) }, 'RECORD_TOO_BIG'],
      [{ kind: 'hallVisit', requestKey: newKey(), activity: '跳舞' as never, occasions: [{ day, unnamed: 1 }] }, 'INVALID_INPUT'],
    ];
    for (const [input, code] of cases) expect([input.kind, await replyRefusal(create(input))]).toEqual([input.kind, code]);
    expect(cloud.emulator.dump()).toEqual(before);
  });
});

describe('list, get and remove', () => {
  test('the list: a range and a kind, latest first; get shows one record', async () => {
    const from = dayIn(-30);
    const to = dayIn(0);
    const all = await cloud.ok('records', 'list', { from, to }, ADMIN);
    expect(all.more).toBe(false);
    const firstDays = all.records.map((r) => r.firstDay);
    expect(firstDays).toEqual([...firstDays].sort().reverse());
    // A series is listed in a range that holds any of its dates, not only its first.
    const seriesOnly = await cloud.ok('records', 'list', { from: seriesDays[1], to: seriesDays[1], kind: 'heldActivity' }, WORKER);
    expect(seriesOnly.records.map((r) => r.title)).toEqual(['智能手机学习小组']);
    const meetings = await cloud.ok('records', 'list', { from, to, kind: 'meeting' }, WORKER);
    expect(meetings.records.map((r) => r.title)).toEqual(['三方联席会议']);
    expect(meetings.records[0].canRemove).toBe(true);
    expect((await cloud.ok('records', 'list', { from, to, kind: 'meeting' }, WORKER_2)).records[0].canRemove).toBe(false);
    expect(await replyRefusal(cloud.call('records', 'list', { from: to, to: from }, WORKER))).toBe('RANGE_INVALID');
    expect(await replyRefusal(cloud.call('records', 'list', { from: dayIn(-400), to }, WORKER))).toBe('RANGE_TOO_LONG');

    const detail = await cloud.ok('records', 'get', { recordId: meetings.records[0].id }, WORKER_2);
    expect(detail).toMatchObject({ title: '三方联席会议', indicatorId: 'ind_supervision', indicator: '督导会议', documents: ['会议记录', '新闻稿'] });
    expect(await replyRefusal(cloud.call('records', 'get', { recordId: 'wr_nosuchrecord00000' }, WORKER))).toBe('NOT_FOUND');
  });

  test('removed by its author or an admin: the record and its attendance go, so counts drop', async () => {
    const input = (): CreateInput => ({ kind: 'communityWalk', requestKey: newKey(), route: '6号楼', occasions: [{ day: dayIn(-1), unnamed: 10 }] });
    const mine = await created(input());
    expect(await replyRefusal(cloud.call('records', 'remove', { recordId: mine.id }, WORKER_2))).toBe('NOT_YOUR_RECORD');
    expect(recordAttendance(cloud, mine.id)).toHaveLength(1);
    expect(await cloud.ok('records', 'remove', { recordId: mine.id }, WORKER)).toEqual({ id: mine.id, removed: true });
    expect(recordAttendance(cloud, mine.id)).toEqual([]);
    expect((await cloud.ok('records', 'list', { from: dayIn(-1), to: dayIn(0), kind: 'communityWalk' }, WORKER)).records.map((r) => r.id)).not.toContain(
      mine.id,
    );
    // Removing twice is harmless; the record stays readable, marked removed, with who removed it.
    expect(await cloud.ok('records', 'remove', { recordId: mine.id }, WORKER)).toEqual({ id: mine.id, removed: true });
    expect(await cloud.ok('records', 'get', { recordId: mine.id }, WORKER)).toMatchObject({ removed: true, canRemove: false, sessions: 0, visits: 0 });
    expect(workRecordDocs(cloud).find((d) => d._id === mine.id)).toMatchObject({ removedBy: WORKER });
    // A retry of the create after the removal does not bring the counts back.
    const again = { ...input(), requestKey: mine.id.slice(3) };
    expect(await replyRefusal(create(again))).toBe('ok');
    expect(recordAttendance(cloud, mine.id)).toEqual([]);

    const theirs = await created(input(), WORKER_2);
    expect(await cloud.ok('records', 'remove', { recordId: theirs.id }, ADMIN)).toEqual({ id: theirs.id, removed: true });
    expect(recordAttendance(cloud, theirs.id)).toEqual([]);
  });

  test('after 7 days a record can no longer be removed', async () => {
    const old = await created({ kind: 'communityWalk', requestKey: newKey(), route: '7号楼', occasions: [{ day: dayIn(-1), unnamed: 3 }] });
    cloud.clock.advance(7 * 86_400_000 + 60_000);
    expect(await replyRefusal(cloud.call('records', 'remove', { recordId: old.id }, WORKER))).toBe('TOO_LATE_TO_REMOVE');
    expect(await replyRefusal(cloud.call('records', 'remove', { recordId: old.id }, ADMIN))).toBe('TOO_LATE_TO_REMOVE');
    expect(recordAttendance(cloud, old.id)).toHaveLength(1);
  });
});

describe('erasure', () => {
  test('an erased resident stays counted on the work records that name them, under the pseudonym, and the leader’s note goes', async () => {
    const leader = await created({
      kind: 'residentLeader',
      requestKey: newKey(),
      person: R(3),
      role: '文艺骨干',
      note: '爱唱歌，家住3号楼',
      occasions: [{ day: dayIn(-2) }],
    });
    const before = await cloud.ok('stats', 'report', { from: dayIn(-30), to: dayIn(0) }, ADMIN);
    expect(await cloud.call('users', 'erasePerson', { personId: R(3), confirm: true }, ADMIN)).toMatchObject({ ok: true });
    const doc = workRecordDocs(cloud).find((d) => d._id === leader.id)!;
    expect(JSON.stringify(doc)).not.toContain(R(3));
    expect(doc).toMatchObject({ personIds: [expect.stringMatching(/^erased_/)], details: { note: '' } });
    expect(await cloud.ok('stats', 'report', { from: dayIn(-30), to: dayIn(0) }, ADMIN)).toEqual(before);
  });
});
