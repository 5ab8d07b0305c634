import { KINDS, requestForms, recordForms } from '../../cloudfunctions/services/kinds';
import {
  assertBookable,
  assertCancellable,
  assertDeletable,
  assertGiven,
  earliestRecordDay,
  assertMayCancel,
  assertMayServe,
  assertSchedulable,
  assertSeatsChange,
  bookingId,
  describeRequest,
  findSlot,
  haircutCancelledNotice,
  holdsSeat,
  hoursOf,
  isRepeatRequest,
  mayBookAgain,
  nextStatus,
  planHaircutDay,
  serviceAttendance,
  serviceRecord,
  servedTarget,
  slotId,
  statusAfterService,
  statusAfterUndo,
  statusText,
  totalsByVolunteer,
  type RequestEvent,
  type Status,
} from '../../cloudfunctions/services/rules';
import { refusal as code } from '../support/refusal';

const at = (s: string) => new Date(s);

describe('the request lifecycle', () => {
  const events: RequestEvent[] = ['schedule', 'match', 'complete', 'cancel', 'decline'];

  it.each([
    ['homeHaircut', 'submitted', 'schedule', 'scheduled'],
    ['homeHaircut', 'scheduled', 'schedule', 'scheduled'],
    ['homeVisit', 'submitted', 'schedule', 'scheduled'],
    ['tutoring', 'submitted', 'match', 'matched'],
    ['tutoring', 'matched', 'match', 'matched'],
    ['tutoring', 'matched', 'complete', 'done'],
    ['homeVisit', 'scheduled', 'complete', 'done'],
    ['haircut', 'scheduled', 'cancel', 'cancelled'],
    ['tutoring', 'submitted', 'cancel', 'cancelled'],
    ['tutoring', 'matched', 'decline', 'declined'],
    ['homeHaircut', 'submitted', 'decline', 'declined'],
  ] as const)('%s: %s --%s--> %s', (kind, from, event, to) => {
    expect(nextStatus(KINDS[kind], from, event)).toBe(to);
  });

  it.each(['done', 'cancelled', 'declined'] as Status[])('a %s request takes no further step', (from) => {
    for (const event of events) expect(code(() => nextStatus(KINDS.tutoring, from, event))).toBe('REQUEST_CLOSED');
  });

  it('matches only kinds served by a volunteer, schedules only kinds staff schedule', () => {
    expect(code(() => nextStatus(KINDS.homeVisit, 'submitted', 'match'))).toBe('WRONG_KIND');
    expect(code(() => nextStatus(KINDS.tutoring, 'submitted', 'schedule'))).toBe('WRONG_KIND');
    expect(code(() => nextStatus(KINDS.haircut, 'scheduled', 'schedule'))).toBe('WRONG_KIND');
  });

  it('a one-off service is completed by recording it, never by hand', () => {
    expect(code(() => nextStatus(KINDS.haircut, 'scheduled', 'complete'))).toBe('RECORD_TO_COMPLETE');
    expect(code(() => nextStatus(KINDS.homeHaircut, 'scheduled', 'complete'))).toBe('RECORD_TO_COMPLETE');
  });

  it('cannot complete a request nobody has taken up', () => {
    expect(code(() => nextStatus(KINDS.tutoring, 'submitted', 'complete'))).toBe('NOT_MATCHED');
    expect(code(() => nextStatus(KINDS.homeVisit, 'submitted', 'complete'))).toBe('NOT_SCHEDULED');
  });

  it('a service given closes a one-off request and leaves an ongoing one open', () => {
    expect(statusAfterService(KINDS.haircut, 'scheduled')).toBe('done');
    expect(statusAfterService(KINDS.homeHaircut, 'scheduled')).toBe('done');
    expect(statusAfterService(KINDS.tutoring, 'matched')).toBe('matched');
    expect(statusAfterService(KINDS.homeVisit, 'scheduled')).toBe('scheduled');
  });

  it('refuses a session on an unmatched or closed request', () => {
    expect(code(() => statusAfterService(KINDS.tutoring, 'submitted'))).toBe('NOT_MATCHED');
    expect(code(() => statusAfterService(KINDS.homeHaircut, 'submitted'))).toBe('NOT_SCHEDULED');
    expect(code(() => statusAfterService(KINDS.tutoring, 'done'))).toBe('REQUEST_CLOSED');
    expect(code(() => statusAfterService(KINDS.haircut, 'cancelled'))).toBe('REQUEST_CLOSED');
  });

  it('a booked haircut holds its seat only while scheduled', () => {
    const slot = { day: '2026-12-05', slotId: '2026-12-05~0900', index: 0, startAt: at('2026-12-05T01:00:00Z'), endAt: at('2026-12-05T01:30:00Z') };
    expect(holdsSeat({ kind: 'haircut', status: 'scheduled', slot })).toBe(true);
    expect(holdsSeat({ kind: 'haircut', status: 'cancelled', slot })).toBe(false);
    expect(holdsSeat({ kind: 'haircut', status: 'done', slot })).toBe(false);
    expect(holdsSeat({ kind: 'homeHaircut', status: 'scheduled', slot: null })).toBe(false);
  });

  it('status texts speak the kind’s words', () => {
    expect(statusText('haircut', 'scheduled')).toBe('已预约');
    expect(statusText('tutoring', 'matched')).toBe('已匹配辅导老师');
    expect(statusText('homeVisit', 'declined')).toBe('未能安排');
  });
});

describe('who may act on a request', () => {
  const resident = { id: 'r1', isStaff: false };
  const worker = { id: 'w1', isStaff: true };

  // Someone else's request is refused as one that does not exist: booking ids are guessable.
  it('a resident cancels only their own request; staff may cancel for them', () => {
    expect(code(() => assertMayCancel({ personId: 'r1' }, resident))).toBe('no refusal');
    expect(code(() => assertMayCancel({ personId: 'r2' }, resident))).toBe('NOT_FOUND');
    expect(code(() => assertMayCancel({ personId: 'r2' }, worker))).toBe('no refusal');
  });

  it('a volunteer serves only requests matched to them', () => {
    expect(code(() => assertMayServe({ volunteerId: 'v1' }, { id: 'v1', isStaff: false }))).toBe('no refusal');
    expect(code(() => assertMayServe({ volunteerId: 'v1' }, { id: 'v2', isStaff: false }))).toBe('NOT_FOUND');
    expect(code(() => assertMayServe({ volunteerId: null }, { id: 'v2', isStaff: false }))).toBe('NOT_FOUND');
    expect(code(() => assertMayServe({ volunteerId: 'v1' }, worker))).toBe('no refusal');
  });

  it('schedules from today on, in station time', () => {
    const now = at('2026-12-05T15:30:00Z'); // 23:30 on the 5th in 兰州
    expect(code(() => assertSchedulable(at('2026-12-05T01:00:00Z'), now))).toBe('no refusal');
    expect(code(() => assertSchedulable(at('2026-12-04T15:59:00Z'), now))).toBe('SCHEDULE_PAST');
  });
});

describe('request forms and their one-line summary', () => {
  it('keeps a child’s tutoring request to what the tutor needs', () => {
    const form = requestForms.tutoring.parse({
      childName: ' 小明 ',
      grade: '三年级',
      subjects: ['数学', '数学', '英语'],
      preferredTimes: ['周六上午'],
      school: '某小学',
    });
    expect(form).toEqual({ childName: '小明', grade: '三年级', subjects: ['数学', '英语'], preferredTimes: ['周六上午'], note: '' });
    expect(describeRequest({ kind: 'tutoring', form, slot: null })).toBe('小明 · 三年级 · 数学、英语 · 周六上午');
  });

  it('refuses a subject, grade or time that is not offered', () => {
    expect(requestForms.tutoring.safeParse({ childName: '小明', grade: '大一', subjects: ['数学'], preferredTimes: ['周六上午'] }).success).toBe(false);
    expect(requestForms.tutoring.safeParse({ childName: '小明', grade: '三年级', subjects: [], preferredTimes: ['周六上午'] }).success).toBe(false);
    expect(requestForms.homeVisit.safeParse({ support: ['聊天'], preferredTimes: ['工作日上午'] }).success).toBe(false);
  });

  it('describes a haircut by its slot in station time, a visit by the support asked for', () => {
    const slot = { day: '2026-12-05', slotId: '2026-12-05~0900', index: 0, startAt: at('2026-12-05T01:00:00Z'), endAt: at('2026-12-05T01:30:00Z') };
    expect(describeRequest({ kind: 'haircut', form: { slotId: slot.slotId }, slot })).toBe('12月5日 09:00–09:30');
    const visit = requestForms.homeVisit.parse({ support: ['情感陪伴', '家务帮助'], preferredTimes: ['工作日上午'], note: '腿脚不便' });
    expect(describeRequest({ kind: 'homeVisit', form: visit, slot: null })).toBe('情感陪伴、家务帮助 · 希望工作日上午 · 腿脚不便');
  });

  it('a repeat of an open request is caught; a second child is a new request', () => {
    const mine = requestForms.tutoring.parse({ childName: '小明', grade: '三年级', subjects: ['数学'], preferredTimes: ['周六上午'] });
    const open = [{ kind: 'tutoring' as const, form: mine, status: 'matched' as Status }];
    expect(isRepeatRequest(open, { kind: 'tutoring', form: mine })).toBe(true);
    expect(isRepeatRequest(open, { kind: 'tutoring', form: { ...mine, childName: '小红' } })).toBe(false);
    expect(isRepeatRequest([{ ...open[0], status: 'done' }], { kind: 'tutoring', form: mine })).toBe(false);
    const home = requestForms.homeHaircut.parse({ preferredTimes: ['周末上午'] });
    expect(isRepeatRequest([{ kind: 'homeHaircut', form: home, status: 'submitted' }], { kind: 'homeHaircut', form: home })).toBe(true);
  });
});

describe('haircut days', () => {
  const now = at('2026-11-20T02:00:00Z');
  const slot = (start: string, end: string, seats = 3) => ({ startAt: at(start), endAt: at(end), seats });

  it('plans a day keyed by its station-local date, slots in order with no seat taken', () => {
    const day = planHaircutDay(
      {
        place: '便民大厅二楼',
        note: '',
        slots: [slot('2026-12-05T09:30:00+08:00', '2026-12-05T10:00:00+08:00', 2), slot('2026-12-05T09:00:00+08:00', '2026-12-05T09:30:00+08:00')],
      },
      'w1',
      now,
    );
    expect(day._id).toBe('2026-12-05');
    expect(day.slots.map((s) => [s.id, s.seats, s.taken])).toEqual([
      ['2026-12-05~0900', 3, 0],
      ['2026-12-05~0930', 2, 0],
    ]);
  });

  it('refuses slots that end before they start, overlap, span two days or lie in the past', () => {
    const plan =
      (...slots: ReturnType<typeof slot>[]) =>
      () =>
        planHaircutDay({ place: '大厅', note: '', slots }, 'w1', now);
    expect(code(plan(slot('2026-12-05T10:00:00+08:00', '2026-12-05T09:00:00+08:00')))).toBe('SLOT_TIME');
    expect(code(plan(slot('2026-12-05T09:00:00+08:00', '2026-12-05T10:00:00+08:00'), slot('2026-12-05T09:30:00+08:00', '2026-12-05T10:30:00+08:00')))).toBe(
      'SLOTS_OVERLAP',
    );
    expect(code(plan(slot('2026-12-05T09:00:00+08:00', '2026-12-05T10:00:00+08:00'), slot('2026-12-06T09:00:00+08:00', '2026-12-06T10:00:00+08:00')))).toBe(
      'SLOTS_SPAN_DAYS',
    );
    expect(code(plan(slot('2026-12-05T23:30:00+08:00', '2026-12-06T00:30:00+08:00')))).toBe('SLOTS_SPAN_DAYS');
    expect(code(plan(slot('2026-11-20T09:00:00+08:00', '2026-11-20T09:30:00+08:00')))).toBe('DAY_PAST');
  });

  it('a slot ending at midnight still belongs to its day', () => {
    const day = planHaircutDay({ place: '大厅', note: '', slots: [slot('2026-12-05T23:30:00+08:00', '2026-12-06T00:00:00+08:00')] }, 'w1', now);
    expect(day.day).toBe('2026-12-05');
  });

  it('one booking per person per day, keyed naturally; booking again only after it was cancelled or declined', () => {
    expect(bookingId('2026-12-05', 'r1')).toBe('haircut~2026-12-05~r1');
    expect([undefined, 'cancelled', 'declined', 'scheduled', 'done'].map((s) => mayBookAgain(s as Status | undefined))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(slotId(at('2026-12-05T01:00:00Z'))).toBe('2026-12-05~0900');
  });

  it('books an open slot; refuses a full one or one already started', () => {
    const day = planHaircutDay({ place: '大厅', note: '', slots: [slot('2026-12-05T09:00:00+08:00', '2026-12-05T09:30:00+08:00', 1)] }, 'w1', now);
    const { slot: s, index } = findSlot(day, '2026-12-05~0900');
    expect(index).toBe(0);
    expect(code(() => assertBookable(s, now))).toBe('no refusal');
    expect(code(() => assertBookable({ ...s, taken: 1 }, now))).toBe('SLOT_FULL');
    expect(code(() => assertBookable(s, at('2026-12-05T01:00:00Z')))).toBe('BOOKING_CLOSED');
    expect(code(() => findSlot(day, '2026-12-05~1000'))).toBe('NOT_FOUND');
  });
});

describe('a haircut day changed or called off', () => {
  const now = at('2026-11-20T02:00:00Z');
  const day = planHaircutDay(
    { place: '便民大厅二楼', note: '', slots: [{ startAt: at('2026-12-05T09:00:00+08:00'), endAt: at('2026-12-05T09:30:00+08:00'), seats: 3 }] },
    'w1',
    now,
  );
  const booked = { ...day.slots[0], taken: 2 };

  it('changes a slot’s seats down to the bookings it holds, or to 0 when none; never after it starts or on a day called off', () => {
    expect(code(() => assertSeatsChange(day, booked, 2, now))).toBe('no refusal');
    expect(code(() => assertSeatsChange(day, booked, 10, now))).toBe('no refusal');
    expect(code(() => assertSeatsChange(day, { ...booked, taken: 0 }, 0, now))).toBe('no refusal');
    expect(code(() => assertSeatsChange(day, booked, 1, now))).toBe('SEATS_BELOW_BOOKINGS');
    expect(code(() => assertSeatsChange(day, booked, 4, at('2026-12-05T01:00:00Z')))).toBe('SLOT_STARTED');
    expect(code(() => assertSeatsChange({ cancelledAt: now }, booked, 4, now))).toBe('DAY_CANCELLED');
  });

  it('calls a day off until its first slot starts; a day already called off may be called off again to finish', () => {
    expect(code(() => assertCancellable(day, now))).toBe('no refusal');
    expect(code(() => assertCancellable(day, at('2026-12-05T01:00:00Z')))).toBe('DAY_STARTED');
    expect(code(() => assertCancellable({ ...day, cancelledAt: now }, at('2026-12-05T01:00:00Z')))).toBe('no refusal');
  });

  it('tells each booked resident once, keyed by the booking, with the slot and place', () => {
    const slot = { day: '2026-12-05', slotId: '2026-12-05~0900', index: 0, startAt: booked.startAt, endAt: booked.endAt };
    const notice = haircutCancelledNotice({ _id: 'haircut~2026-12-05~r1', personId: 'r1', slot }, day, 'o_r1', now);
    expect(notice).toEqual({
      _id: 'haircutCancelled~haircut~2026-12-05~r1',
      kind: 'haircutCancelled',
      personId: 'r1',
      openid: 'o_r1',
      requestId: 'haircut~2026-12-05~r1',
      title: '爱心义剪',
      timeText: '12月5日 09:00–09:30',
      place: '便民大厅二楼',
      createdAt: now,
    });
  });
});

describe('a service recorded by mistake', () => {
  it('is deleted within 7 days of being recorded, not later', () => {
    const recordedAt = at('2026-12-01T02:00:00Z');
    expect(code(() => assertDeletable({ recordedAt }, at('2026-12-08T02:00:00Z')))).toBe('no refusal');
    expect(code(() => assertDeletable({ recordedAt }, at('2026-12-08T02:00:01Z')))).toBe('TOO_LATE_TO_DELETE');
  });

  it('reopens the one-off request it closed as scheduled; an ongoing request stays where it is', () => {
    expect(statusAfterUndo(KINDS.haircut, 'done')).toBe('scheduled');
    expect(statusAfterUndo(KINDS.homeHaircut, 'done')).toBe('scheduled');
    // Tutoring and home visits were closed by staff, not by the record: deleting a session leaves them.
    expect(statusAfterUndo(KINDS.tutoring, 'done')).toBe('done');
    expect(statusAfterUndo(KINDS.tutoring, 'matched')).toBe('matched');
    expect(statusAfterUndo(KINDS.homeVisit, 'scheduled')).toBe('scheduled');
    // A request staff moved on after the record (a retry finds it already reopened) is left as it is.
    expect(statusAfterUndo(KINDS.haircut, 'scheduled')).toBe('scheduled');
    expect(statusAfterUndo(KINDS.homeHaircut, 'cancelled')).toBe('cancelled');
  });
});

describe('services given', () => {
  const now = at('2026-12-06T04:00:00Z');

  it('is given to exactly one of a request or a resident', () => {
    expect(servedTarget({ requestId: 'x' })).toEqual({ requestId: 'x' });
    expect(servedTarget({ personId: 'p' })).toEqual({ personId: 'p' });
    expect(code(() => servedTarget({}))).toBe('INVALID_INPUT');
    expect(code(() => servedTarget({ requestId: 'x', personId: 'p' }))).toBe('INVALID_INPUT');
  });

  it('cannot be recorded before the day it is given', () => {
    const entered = at('2026-11-01T00:00:00Z');
    expect(code(() => assertGiven(at('2026-12-06T15:00:00Z'), now, entered))).toBe('no refusal'); // 23:00 the same day
    expect(code(() => assertGiven(at('2026-12-06T16:00:00Z'), now, entered))).toBe('NOT_YET');
  });

  it('is dated at most 62 days before what it answers was entered: the paper log, never 2000-01-01', () => {
    const entered = at('2026-12-06T02:00:00Z'); // the request made at 10:00 station time
    expect(earliestRecordDay(entered)).toBe('2026-10-05');
    expect(code(() => assertGiven(at('2026-10-05T00:30:00+08:00'), now, entered))).toBe('no refusal');
    expect(code(() => assertGiven(at('2026-10-04T23:30:00+08:00'), now, entered))).toBe('RECORD_TOO_EARLY');
    expect(code(() => assertGiven(at('2000-01-01T09:00:00+08:00'), now, entered))).toBe('RECORD_TOO_EARLY');
    expect(code(() => assertGiven(at('1970-01-01T00:00:00Z'), now, entered))).toBe('RECORD_TOO_EARLY');
  });

  it('takes no instant from before 2000 at all: a year like 0001 or 1970 is a typing slip', () => {
    const form = { requestId: 'tutoring~abc', minutes: 90, subject: '数学' };
    expect(recordForms.tutoring.safeParse({ ...form, at: '0001-01-01T09:00:00+08:00' }).success).toBe(false);
    expect(recordForms.tutoring.safeParse({ ...form, at: '1970-01-01T09:00:00+08:00' }).success).toBe(false);
    expect(recordForms.tutoring.safeParse({ ...form, at: '2026-12-05T09:00:00+08:00' }).success).toBe(true);
  });

  it('is one attendance of headcount 1 in a service session, counted toward the kind’s indicator', () => {
    const form = recordForms.tutoring.parse({ requestId: 'tutoring~abc', at: '2026-12-05T09:00:00+08:00', minutes: 90, subject: '数学', note: '分数' });
    const record = serviceRecord({ ...form, kind: 'tutoring' }, { requestId: 'tutoring~abc', personId: 'parent1', volunteerId: 'v1' }, 'v1', now);
    expect(record).toMatchObject({
      _id: 'tutoring~tutoring~abc~2026-12-05',
      day: '2026-12-05',
      month: '2026-12',
      minutes: 90,
      subject: '数学',
      support: [],
      volunteerId: 'v1',
    });
    const attendance = serviceAttendance(record, 'ind-3', now);
    expect(attendance).toMatchObject({
      _id: 'tutoring~tutoring~abc~2026-12-05~parent1',
      kind: 'service',
      sourceId: 'tutoring',
      title: '周末课业辅导',
      serviceArea: '青少年',
      indicatorId: 'ind-3',
      personId: 'parent1',
      headcount: 1,
      day: '2026-12-05',
    });
  });

  it('the same session logged twice has the same key', () => {
    const a = serviceRecord(
      { ...recordForms.homeVisit.parse({ personId: 'p', at: '2026-12-05T09:00:00+08:00', minutes: 40, support: ['情感陪伴'] }), kind: 'homeVisit' },
      { requestId: null, personId: 'p', volunteerId: null },
      'w1',
      now,
    );
    const b = serviceRecord(
      { ...recordForms.homeVisit.parse({ personId: 'p', at: '2026-12-05T15:00:00+08:00', minutes: 30, support: ['家务帮助'] }), kind: 'homeVisit' },
      { requestId: null, personId: 'p', volunteerId: null },
      'w2',
      now,
    );
    expect(a._id).toBe(b._id);
  });
});

describe('volunteer hours', () => {
  const records = [
    { volunteerId: 'v1', minutes: 90, month: '2026-12' },
    { volunteerId: 'v2', minutes: 40, month: '2026-12' },
    { volunteerId: 'v1', minutes: 60, month: '2026-11' },
    { volunteerId: null, minutes: 20, month: '2026-11' },
  ];

  it('totals each volunteer’s minutes, most first, leaving out services no volunteer gave', () => {
    expect(totalsByVolunteer(records)).toEqual([
      { volunteerId: 'v1', minutes: 150, services: 2 },
      { volunteerId: 'v2', minutes: 40, services: 1 },
    ]);
  });

  it('shows hours with one decimal', () => {
    expect(hoursOf(150)).toBe(2.5);
    expect(hoursOf(40)).toBe(0.7);
  });
});
