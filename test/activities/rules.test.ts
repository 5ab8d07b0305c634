import {
  absentees,
  attendanceSession,
  checkCancel,
  checkCapacity,
  checkParty,
  checkCheckIn,
  checkSignUp,
  checkTransition,
  deadlineFor,
  firstThatFits,
  headcountFor,
  partyOf,
  pickSession,
  planSessions,
  profileFill,
  promotionOpen,
  rosterOrder,
  staffOrder,
  seatsFor,
  seatsLeft,
  seatsToRelease,
  sessionForSheet,
  sessionsTomorrow,
  statusOf,
  timeText,
  type ActivityDoc,
} from '../../cloudfunctions/activities/rules';

const at = (s: string) => new Date(s);
const NOW = at('2026-12-01T10:00:00+08:00');

function activity(over: Partial<ActivityDoc> = {}): ActivityDoc {
  const sessions = planSessions('a1', { startAt: at('2026-12-05T09:00:00+08:00'), endAt: at('2026-12-05T11:30:00+08:00') });
  return {
    _id: 'a1',
    title: '秋游',
    serviceArea: '老年人',
    targetGroup: '社区老年人',
    place: '社区广场集合',
    description: '',
    sessions,
    startAt: sessions[0].startAt,
    endAt: sessions[0].endAt,
    signUpDeadline: at('2026-12-04T18:00:00+08:00'),
    capacity: 20,
    maxParty: 1,
    safetyAgreement: false,
    safetyTerms: '',
    indicatorId: null,
    status: 'published',
    seatsTaken: 0,
    seatHolders: [],
    seatsHeld: {},
    createdBy: 'w',
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'passed';
};

describe('sessions and deadline', () => {
  test('a one-off activity is one session; a series keeps its sessions in time order with stable ids', () => {
    expect(planSessions('x', { startAt: at('2026-12-05T09:00:00Z'), endAt: at('2026-12-05T10:00:00Z') })).toEqual([
      { id: 'x-1', startAt: at('2026-12-05T09:00:00Z'), endAt: at('2026-12-05T10:00:00Z'), topic: '' },
    ]);
    const series = planSessions('g', {
      sessions: [
        { startAt: at('2026-12-12T09:00:00Z'), endAt: at('2026-12-12T10:00:00Z'), topic: '微信视频' },
        { startAt: at('2026-12-05T09:00:00Z'), endAt: at('2026-12-05T10:00:00Z'), topic: '认识手机' },
      ],
    });
    expect(series.map((s) => [s.id, s.topic])).toEqual([
      ['g-1', '认识手机'],
      ['g-2', '微信视频'],
    ]);
  });

  test('an end before the start, or no time at all, is refused', () => {
    expect(code(() => planSessions('x', { startAt: at('2026-12-05T10:00:00Z'), endAt: at('2026-12-05T09:00:00Z') }))).toBe('BAD_SCHEDULE');
    expect(code(() => planSessions('x', {}))).toBe('BAD_SCHEDULE');
  });

  test('the deadline defaults to the first start and may not be later', () => {
    const s = activity().sessions;
    expect(deadlineFor(s)).toEqual(s[0].startAt);
    expect(deadlineFor(s, at('2026-12-04T18:00:00+08:00'))).toEqual(at('2026-12-04T18:00:00+08:00'));
    expect(code(() => deadlineFor(s, at('2026-12-06T00:00:00+08:00')))).toBe('BAD_DEADLINE');
  });
});

describe('seats and derived status', () => {
  test('a sign-up takes one seat for the resident plus one per family member', () => {
    expect(seatsFor([])).toBe(1);
    expect(seatsFor([{ name: '小宝', relation: '儿子' }])).toBe(2);
  });

  test('status comes from the sign-up and the activity seat holders together', () => {
    const a = activity({ seatHolders: ['p1'] });
    expect(statusOf({ personId: 'p1', active: true }, a)).toBe('registered');
    expect(statusOf({ personId: 'p2', active: true }, a)).toBe('waitlisted');
    expect(statusOf({ personId: 'p1', active: false }, a)).toBe('cancelled');
  });

  test('seats held for a sign-up that no longer asks for them are the ones a repair releases, as many as are held', () => {
    const a = activity({ seatHolders: ['p1', 'p2', 'p4', 'p5'], seatsHeld: { p1: 2, p2: 1, p4: 3, p5: 1 }, seatsTaken: 7 });
    const found = seatsToRelease(a, [
      { personId: 'p1', active: false, seats: 2 }, // withdrawn
      { personId: 'p2', active: true, seats: 1 }, // as held
      { personId: 'p3', active: false, seats: 1 }, // holds nothing
      { personId: 'p4', active: true, seats: 1 }, // signed up again with a smaller party
    ]);
    // p5 has no sign-up here: an erasure is moving both to a pseudonym, so it is left alone.
    expect(found).toEqual([
      { personId: 'p1', seats: 2 },
      { personId: 'p4', seats: 3 },
    ]);
  });

  test('seats left never goes negative', () => {
    expect(seatsLeft({ capacity: 30, seatsTaken: 28 })).toBe(2);
    expect(seatsLeft({ capacity: 10, seatsTaken: 12 })).toBe(0);
  });

  test('a freed seat goes to the first waiting sign-up whose party fits', () => {
    const waitlist = [
      { personId: 'big', seats: 3 },
      { personId: 'pair', seats: 2 },
      { personId: 'one', seats: 1 },
    ];
    expect(firstThatFits(waitlist, 3)?.personId).toBe('big');
    expect(firstThatFits(waitlist, 2)?.personId).toBe('pair');
    expect(firstThatFits(waitlist, 1)?.personId).toBe('one');
    expect(firstThatFits(waitlist, 0)).toBeNull();
  });

  test('capacity may not go below the seats already taken', () => {
    expect(code(() => checkCapacity(10, 12))).toBe('CAPACITY_BELOW_TAKEN');
    expect(code(() => checkCapacity(12, 12))).toBe('passed');
  });

  test('promotion from the waitlist runs until the activity starts', () => {
    expect(promotionOpen(activity(), NOW)).toBe(true);
    expect(promotionOpen(activity(), at('2026-12-05T09:00:00+08:00'))).toBe(false);
    expect(promotionOpen(activity({ status: 'cancelled' }), NOW)).toBe(false);
  });
});

describe('signing up', () => {
  const ok = (over: Partial<ActivityDoc>, req: Partial<Parameters<typeof checkSignUp>[1]> = {}) =>
    code(() => checkSignUp(activity(over), { partySize: 0, now: NOW, ...req }));

  test('an open activity takes a sign-up', () => {
    expect(ok({})).toBe('passed');
  });

  test('after the deadline, cancelled, finished or draft is refused', () => {
    expect(ok({}, { now: at('2026-12-04T18:00:00+08:00') })).toBe('SIGNUP_CLOSED');
    expect(ok({ status: 'cancelled' })).toBe('ACTIVITY_CANCELLED');
    expect(ok({ status: 'finished' })).toBe('SIGNUP_CLOSED');
    expect(ok({ status: 'draft' })).toBe('NOT_FOUND');
  });

  test('beyond the party limit is refused, with the limit in the message', () => {
    expect(ok({ maxParty: 1 }, { partySize: 2 })).toBe('PARTY_TOO_LARGE');
    expect(() => checkSignUp(activity({ maxParty: 1 }), { partySize: 2, now: NOW })).toThrow('最多带 1 位家人');
    expect(() => checkSignUp(activity({ maxParty: 0 }), { partySize: 1, now: NOW })).toThrow('只能本人报名');
  });

  test('a party larger than the whole activity is refused rather than left waiting forever', () => {
    expect(ok({ capacity: 2, maxParty: 3 }, { partySize: 2 })).toBe('PARTY_TOO_LARGE');
  });

  test('the safety agreement must be accepted when the activity asks for it', () => {
    expect(ok({ safetyAgreement: true })).toBe('SAFETY_AGREEMENT_REQUIRED');
    expect(ok({ safetyAgreement: true }, { agreeSafety: false })).toBe('SAFETY_AGREEMENT_REQUIRED');
    expect(ok({ safetyAgreement: true }, { agreeSafety: true })).toBe('passed');
  });

  test('contact details fill only what the profile lacks; a name is required', () => {
    expect(profileFill(null, { name: '李阿姨', phone: '13900000001' })).toEqual({ name: '李阿姨', phone: '13900000001' });
    expect(profileFill({ name: '李阿姨', phone: '' }, { name: '别的名字', phone: '13900000001' })).toEqual({ phone: '13900000001' });
    expect(profileFill({ name: '李阿姨', phone: '13900000001' }, undefined)).toEqual({});
    expect(code(() => profileFill({ name: '', phone: '' }, undefined))).toBe('PROFILE_INCOMPLETE');
  });

  test('family members are kept as name and relation only', () => {
    expect(partyOf([{ name: '小宝', relation: '儿子', birthYear: 2018 } as { name: string; relation: string }])).toEqual([{ name: '小宝', relation: '儿子' }]);
  });
});

describe('cancelling', () => {
  test('a resident cancels before the deadline; after it only a worker can', () => {
    const late = at('2026-12-04T19:00:00+08:00');
    expect(code(() => checkCancel(activity(), NOW, false))).toBe('passed');
    expect(code(() => checkCancel(activity(), late, false))).toBe('CANCEL_CLOSED');
    expect(code(() => checkCancel(activity(), late, true))).toBe('passed');
    expect(code(() => checkCancel(activity({ status: 'finished' }), late, true))).toBe('ACTIVITY_FINISHED');
  });
});

describe('the notice life cycle', () => {
  test('draft → published → finished, or cancelled; never back', () => {
    expect(code(() => checkTransition(activity({ status: 'draft' }), 'published', NOW))).toBe('passed');
    expect(code(() => checkTransition(activity({ status: 'draft' }), 'published', at('2026-12-05T00:00:00+08:00')))).toBe('DEADLINE_PASSED');
    expect(code(() => checkTransition(activity(), 'finished', NOW))).toBe('NOT_STARTED');
    expect(code(() => checkTransition(activity(), 'finished', at('2026-12-05T12:00:00+08:00')))).toBe('passed');
    expect(code(() => checkTransition(activity({ status: 'draft' }), 'finished', at('2026-12-05T12:00:00+08:00')))).toBe('NOT_PUBLISHED');
    expect(code(() => checkTransition(activity({ status: 'cancelled' }), 'published', NOW))).toBe('ACTIVITY_CANCELLED');
    expect(code(() => checkTransition(activity({ status: 'finished' }), 'cancelled', NOW))).toBe('ACTIVITY_FINISHED');
    expect(code(() => checkTransition(activity(), 'published', at('2026-12-06T00:00:00+08:00')))).toBe('passed');
  });
});

describe('check-in', () => {
  const series = activity({
    sessions: planSessions('a1', {
      sessions: [
        { startAt: at('2026-12-05T09:00:00+08:00'), endAt: at('2026-12-05T10:00:00+08:00') },
        { startAt: at('2026-12-12T09:00:00+08:00'), endAt: at('2026-12-12T10:00:00+08:00') },
      ],
    }),
  });

  test("a series checks in at today's session, or the one named", () => {
    expect(pickSession(series, undefined, at('2026-12-12T08:50:00+08:00')).id).toBe('a1-2');
    expect(pickSession(series, 'a1-1', NOW).id).toBe('a1-1');
    expect(code(() => pickSession(series, undefined, NOW))).toBe('SESSION_REQUIRED');
    expect(code(() => pickSession(series, 'a1-9', NOW))).toBe('NOT_FOUND');
    expect(pickSession(activity(), undefined, NOW).id).toBe('a1-1');
  });

  test("the sign-in sheet is for today's session, else the next, else the last", () => {
    expect(sessionForSheet(series, undefined, NOW).id).toBe('a1-1');
    expect(sessionForSheet(series, undefined, at('2026-12-06T09:00:00+08:00')).id).toBe('a1-2');
    expect(sessionForSheet(series, undefined, at('2026-12-20T09:00:00+08:00')).id).toBe('a1-2');
  });

  test('only registered people are checked in', () => {
    expect(code(() => checkCheckIn(activity(), 'registered'))).toBe('passed');
    expect(code(() => checkCheckIn(activity(), 'waitlisted'))).toBe('ON_WAITLIST');
    expect(code(() => checkCheckIn(activity(), 'cancelled'))).toBe('NOT_SIGNED_UP');
    expect(code(() => checkCheckIn(activity({ status: 'cancelled' }), 'registered'))).toBe('ACTIVITY_CANCELLED');
  });

  test('headcount is the whole party unless fewer came, never more', () => {
    expect(headcountFor(2, undefined)).toBe(2);
    expect(headcountFor(2, 1)).toBe(1);
    expect(code(() => headcountFor(2, 3))).toBe('HEADCOUNT_TOO_LARGE');
  });

  test('each session of a series is its own attendance session, counting toward the activity indicator', () => {
    const s = attendanceSession({ ...series, indicatorId: 'ind-3' }, series.sessions[1]);
    expect(s).toMatchObject({ id: 'a1-2', kind: 'activity', sourceId: 'a1', indicatorId: 'ind-3', title: '秋游（第2次）', targetGroup: '社区老年人' });
    expect(attendanceSession(activity(), activity().sessions[0]).title).toBe('秋游');
  });

  test('no-shows are the registered people not checked in', () => {
    expect(absentees(['p1', 'p2', 'p3'], new Set(['p2']))).toEqual(['p1', 'p3']);
  });
});

describe('reminders and display', () => {
  test("the day-before reminder picks tomorrow's sessions, by the station's calendar", () => {
    // 2026-12-04 17:00 in Shanghai is 09:00 UTC; the session on the 5th is "tomorrow" there.
    expect(sessionsTomorrow(activity(), at('2026-12-04T17:00:00+08:00')).map((s) => s.id)).toEqual(['a1-1']);
    expect(sessionsTomorrow(activity(), at('2026-12-03T17:00:00+08:00'))).toEqual([]);
    // Late on the 4th UTC is already the 5th in Shanghai: no longer the day before.
    expect(sessionsTomorrow(activity(), at('2026-12-04T17:00:00Z'))).toEqual([]);
  });

  test('times read in station-local time whatever the server clock', () => {
    expect(timeText(at('2026-12-05T01:00:00Z'), at('2026-12-05T03:30:00Z'))).toBe('12月5日 周六 09:00-11:30');
    expect(timeText(at('2026-12-05T01:00:00Z'), at('2026-12-06T03:30:00Z'))).toBe('12月5日 周六 09:00 至 12月6日 周日 11:30');
  });

  test('the roster lists registered, then waiting in queue order, then withdrawn', () => {
    const e = (id: string, status: 'registered' | 'waitlisted' | 'cancelled', t: string) => ({ id, status, signedUpAt: at(t) });
    const order = rosterOrder([
      e('c', 'cancelled', '2026-12-01T00:00:00Z'),
      e('w2', 'waitlisted', '2026-12-01T03:00:00Z'),
      e('r', 'registered', '2026-12-01T05:00:00Z'),
      e('w1', 'waitlisted', '2026-12-01T02:00:00Z'),
    ]);
    expect(order.map((x) => x.id)).toEqual(['r', 'w1', 'w2', 'c']);
  });
});

describe('staffOrder', () => {
  const act = (id: string, ...starts: string[]) => ({
    id,
    sessions: starts.map((s, i) => ({ id: `${id}${i}`, startAt: at(s), endAt: new Date(at(s).getTime() + 2 * 3600_000) })),
    endAt: new Date(at(starts[starts.length - 1]).getTime() + 2 * 3600_000),
  });
  const now = at('2026-12-04T10:00:00+08:00');
  test("today's activities first, then upcoming soonest first, then the past latest first", () => {
    const list = [
      act('nextWeek', '2026-12-11T09:00:00+08:00'),
      act('tomorrow', '2026-12-05T09:00:00+08:00'),
      act('lastWeek', '2026-11-27T09:00:00+08:00'),
      act('thisAfternoon', '2026-12-04T15:00:00+08:00'),
      act('yesterday', '2026-12-03T09:00:00+08:00'),
      act('thisMorning', '2026-12-04T08:00:00+08:00'),
    ];
    expect(staffOrder(list, now).map((a) => a.id)).toEqual(['thisMorning', 'thisAfternoon', 'tomorrow', 'nextWeek', 'yesterday', 'lastWeek']);
  });
  test('a series counts as today by a session today, else by its next session', () => {
    const series = act('series', '2026-11-20T09:00:00+08:00', '2026-12-04T19:00:00+08:00', '2026-12-18T09:00:00+08:00');
    const running = act('running', '2026-11-27T09:00:00+08:00', '2026-12-06T09:00:00+08:00');
    const soon = act('soon', '2026-12-05T09:00:00+08:00');
    expect(staffOrder([running, soon, series], now).map((a) => a.id)).toEqual(['series', 'soon', 'running']);
  });
  test('the station day decides "today", not the UTC day', () => {
    const early = at('2026-12-05T07:30:00+08:00'); // still 4 December in UTC
    const list = [act('lastNight', '2026-12-04T20:00:00+08:00'), act('thisEvening', '2026-12-05T18:00:00+08:00')];
    expect(staffOrder(list, early).map((a) => a.id)).toEqual(['thisEvening', 'lastNight']);
  });
});

describe('checkParty', () => {
  test('a party naming one family member twice is refused', () => {
    expect(() =>
      checkParty([
        { name: '刘小雨', relation: '女儿' },
        { name: '刘小雨', relation: '女儿' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_MEMBER', message: expect.stringContaining('刘小雨（女儿）报了两次') }));
    expect(() =>
      checkParty([
        { name: '刘小雨', relation: '女儿' },
        { name: '刘小雨 ', relation: ' 女儿' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_MEMBER' }));
  });
  test('different members, or none, are fine', () => {
    expect(() => checkParty([])).not.toThrow();
    expect(() =>
      checkParty([
        { name: '刘小雨', relation: '女儿' },
        { name: '刘小雨', relation: '孙女' },
      ]),
    ).not.toThrow();
  });
});
