import type { ActionInput } from '../../cloudfunctions/contracts';
import type { TestCloud } from '../support/cloud';
import { replyRefusal as refusal } from '../support/refusal';
import { clearOfMidnight, dayIn, on, startStationCloud } from '../support/station';
import { workbookOf } from '../support/files';

const ADMIN = 'o_admin';
const WORKER = 'o_worker';
const TUTOR = 'o_tutor';
const OTHER_TUTOR = 'o_tutor_2';
const res = (n: number) => `o_res_${n}`;

let cloud: TestCloud;
/** The days the two tutoring sessions were logged on: the hours and the export read them back. */
let tutoredOn: string;
let weekEarlier: string;

type Doc = Record<string, unknown> & { _id: string };
const docs = (collection: string) => (cloud.emulator.dump()[collection] ?? []) as Doc[];
const doc = (collection: string, id: string) => docs(collection).find((d) => d._id === id);
const seatsTaken = (day: string) => (doc('serviceDays', day)?.slots as Array<{ taken: number }>).map((s) => s.taken);

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [
    [WORKER, ['worker'], { name: '社工小周', phone: '13900000001' }],
    [TUTOR, ['volunteer'], { name: '志愿者小林', phone: '13900000002' }],
    [OTHER_TUTOR, ['volunteer'], { name: '志愿者小吴', phone: '13900000003' }],
  ]);
  for (let n = 1; n <= 12; n++) await cloud.ok('users', 'updateProfile', { name: `测试居民${n}`, phone: `1390000${String(1000 + n)}` }, res(n));
});
afterAll(() => cloud.close());

describe('haircut days (爱心义剪)', () => {
  let day: string;

  beforeAll(async () => {
    day = dayIn(10);
    await cloud.ok(
      'services',
      'publishHaircutDay',
      {
        place: '便民大厅二楼',
        note: '请自带毛巾',
        slots: [
          { startAt: on(day, '09:00'), endAt: on(day, '09:30'), seats: 3 },
          { startAt: on(day, '09:30'), endAt: on(day, '10:00'), seats: 2 },
          { startAt: on(day, '10:00'), endAt: on(day, '10:30'), seats: 2 },
        ],
      },
      WORKER,
    );
  });

  test('staff publish a day with slots; residents see it with the seats left; a day is published once', async () => {
    const { haircutDays, kinds } = await cloud.ok('services', 'overview', {}, res(1));
    expect(kinds.map((k) => k.id)).toEqual(['haircut', 'homeHaircut', 'tutoring', 'homeVisit']);
    expect(haircutDays[0]).toMatchObject({ day, place: '便民大厅二楼', myBooking: null });
    expect(haircutDays[0].slots.map((s) => [s.id, s.seatsLeft])).toEqual([
      [`${day}~0900`, 3],
      [`${day}~0930`, 2],
      [`${day}~1000`, 2],
    ]);
    expect(haircutDays[0].slots[0].startAt).toBe(new Date(on(day, '09:00')).toISOString());
    const again = { place: '大厅', slots: [{ startAt: on(day, '14:00'), endAt: on(day, '15:00'), seats: 2 }] };
    expect(await refusal(cloud.call('services', 'publishHaircutDay', again, WORKER))).toBe('DAY_EXISTS');
    expect(await refusal(cloud.call('services', 'publishHaircutDay', again, res(1)))).toBe('FORBIDDEN');
  });

  test('a resident books a slot, once per day: a second booking that day is refused and takes no seat', async () => {
    const booked = await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0900` }, res(1));
    expect(booked).toMatchObject({
      id: `haircut~${day}~${res(1)}`,
      status: 'scheduled',
      statusText: '已预约',
      canCancel: true,
      summary: expect.stringContaining('09:00–09:30'),
    });
    expect(seatsTaken(day)).toEqual([1, 0, 0]);
    expect(await refusal(cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~0900` }, res(1)))).toBe('ALREADY_BOOKED');
    expect(await refusal(cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(1)))).toBe('ALREADY_BOOKED');
    expect(seatsTaken(day)).toEqual([1, 0, 0]);
    const { haircutDays } = await cloud.ok('services', 'overview', {}, res(1));
    expect(haircutDays[0].myBooking).toEqual({ requestId: booked.id, slotId: `${day}~0900` });
  });

  test('a full slot is refused and nothing is written for the refused resident', async () => {
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(2));
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(3));
    expect(await refusal(cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(4)))).toBe('SLOT_FULL');
    expect(doc('serviceRequests', `haircut~${day}~${res(4)}`)).toBeUndefined();
    expect(seatsTaken(day)).toEqual([1, 2, 0]);
  });

  test('many residents booking the last seats at once: exactly as many bookings as seats', async () => {
    const burst = [5, 6, 7, 8, 9, 10].map((n) => cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~1000` }, res(n)));
    const replies = await Promise.all(burst);
    expect(replies.filter((r) => r.ok)).toHaveLength(2);
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['SLOT_FULL', 'SLOT_FULL', 'SLOT_FULL', 'SLOT_FULL']);
    expect(seatsTaken(day)).toEqual([1, 2, 2]);
    expect(docs('serviceRequests').filter((r) => (r.slot as { slotId?: string } | null)?.slotId === `${day}~1000`)).toHaveLength(2);
  });

  test('a resident may not cancel someone else’s booking; cancelling their own gives the seat back', async () => {
    const id = `haircut~${day}~${res(2)}`;
    // Booking ids are guessable: someone else's is refused exactly as one nobody made, so no reply says who booked.
    const notHers = await cloud.call('services', 'cancel', { requestId: id }, res(3));
    const nobodys = await cloud.call('services', 'cancel', { requestId: `haircut~${day}~o_never_booked` }, res(3));
    expect(notHers).toEqual(nobodys);
    expect(await refusal(Promise.resolve(notHers))).toBe('NOT_FOUND');
    expect(doc('serviceRequests', id)?.status).toBe('scheduled');
    const cancelled = await cloud.ok('services', 'cancel', { requestId: id }, res(2));
    expect(cancelled).toMatchObject({ status: 'cancelled', canCancel: false });
    expect(seatsTaken(day)).toEqual([1, 1, 2]);
    expect(await refusal(cloud.call('services', 'cancel', { requestId: id }, res(2)))).toBe('REQUEST_CLOSED');
    expect(seatsTaken(day)).toEqual([1, 1, 2]);
  });

  test('after cancelling, the same resident may book again that day', async () => {
    const again = await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0900` }, res(2));
    expect(again).toMatchObject({ id: `haircut~${day}~${res(2)}`, status: 'scheduled' });
    expect(seatsTaken(day)).toEqual([2, 1, 2]);
  });

  test('staff book for a resident without WeChat; a resident may not book for someone else', async () => {
    const offline = await cloud.ok('users', 'createOffline', { name: '线下大娘' }, WORKER);
    expect(await refusal(cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~0930`, forPersonId: offline.id }, res(11)))).toBe('FORBIDDEN');
    const booked = await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0930`, forPersonId: offline.id }, WORKER);
    expect(booked.id).toBe(`haircut~${day}~${offline.id}`);
    const queue = await cloud.ok('services', 'queue', { kind: 'haircut', day }, WORKER);
    expect(queue.map((q) => q.person.name)).toContain('线下大娘');
    // In slot order: the 09:00 bookings come first.
    expect(queue[0].summary).toContain('09:00');

    // She joins WeChat later; once the worker links her records, the booking is hers to see and cancel.
    await cloud.ok('users', 'updateProfile', { name: '线下大娘', phone: '13900007777' }, 'o_svc_joined');
    expect((await cloud.ok('services', 'myRequests', {}, 'o_svc_joined')).map((r) => r.id)).toEqual([]);
    await cloud.ok('users', 'linkOffline', { offlineId: offline.id, personId: 'o_svc_joined' }, WORKER);
    expect((await cloud.ok('services', 'myRequests', {}, 'o_svc_joined')).map((r) => r.id)).toEqual([booked.id]);
    expect((await cloud.ok('services', 'cancel', { requestId: booked.id }, 'o_svc_joined')).status).toBe('cancelled');
  });

  test('declining a booking gives its seat back; a haircut given closes the booking and counts one 受益人次', async () => {
    const before = seatsTaken(day);
    await cloud.ok('services', 'decline', { requestId: `haircut~${day}~${res(3)}`, reason: '当天理发师不足' }, WORKER);
    expect(seatsTaken(day)[1]).toBe(before[1] - 1);
    const mine = await cloud.ok('services', 'myRequests', {}, res(3));
    expect(mine[0]).toMatchObject({ status: 'declined', statusText: '未能安排', declineReason: '当天理发师不足' });

    // The day is in the future, so the haircut cannot be logged yet.
    const id = `haircut~${day}~${res(1)}`;
    expect(await refusal(cloud.call('services', 'recordService', { kind: 'haircut', requestId: id, at: on(day, '09:10'), minutes: 20 }, WORKER))).toBe(
      'NOT_YET',
    );
    // Nor closed by hand: a haircut is done when it is recorded as given.
    expect(await refusal(cloud.call('services', 'complete', { requestId: id }, WORKER))).toBe('RECORD_TO_COMPLETE');
    expect(doc('serviceRequests', id)?.status).toBe('scheduled');
  });

  test('a walk-in haircut on the day is recorded for the resident directly, with the volunteer who cut', async () => {
    const today = dayIn(0);
    const record = await cloud.ok(
      'services',
      'recordService',
      { kind: 'haircut', personId: res(11), at: on(today, '07:00'), minutes: 15, volunteerId: OTHER_TUTOR },
      WORKER,
    );
    expect(record).toMatchObject({ title: '爱心义剪', minutes: 15, volunteerName: '志愿者小吴' });
    expect(docs('attendance').filter((a) => a.sessionId === record.id)).toEqual([
      expect.objectContaining({ kind: 'service', sourceId: 'haircut', personId: res(11), headcount: 1, serviceArea: '社区' }),
    ]);
    expect(await refusal(cloud.call('services', 'recordService', { kind: 'haircut', personId: 'o_nobody', at: on(today, '07:00'), minutes: 15 }, WORKER))).toBe(
      'NOT_FOUND',
    );
  });

  test('a resident without a name and phone is asked to complete the profile first', async () => {
    expect(await refusal(cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~0900` }, 'o_no_profile'))).toBe('PROFILE_INCOMPLETE');
  });

  test('booking a slot costs seven DB requests and a refused full slot writes nothing', async () => {
    cloud.emulator.resetCounts();
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(12));
    // roles, profile, day, previous booking, the guarded seat update, the booking, the day again
    expect(cloud.emulator.totalRequests()).toBe(7);
    expect(cloud.emulator.requestCounts()['database.modifyDocument']).toBe(1);
  });
});

describe('home haircuts and home visits (scheduled by staff)', () => {
  let homeHaircut: string;

  test('a resident who cannot come asks for a home haircut; asking twice while it is open is refused', async () => {
    const asked = await cloud.ok('services', 'request', { kind: 'homeHaircut', preferredTimes: ['工作日上午'], note: '腿脚不便' }, res(4));
    expect(asked).toMatchObject({ status: 'submitted', statusText: '等待安排', summary: '希望工作日上午 · 腿脚不便', when: null });
    homeHaircut = asked.id;
    expect(await refusal(cloud.call('services', 'request', { kind: 'homeHaircut', preferredTimes: ['周末上午'] }, res(4)))).toBe('ALREADY_REQUESTED');
  });

  test('staff see it in the queue with how to reach the resident; a resident may not read the queue', async () => {
    const queue = await cloud.ok('services', 'queue', { kind: 'homeHaircut' }, WORKER);
    expect(queue).toEqual([expect.objectContaining({ id: homeHaircut, person: { id: res(4), name: '测试居民4', phone: '13900001004', building: '' } })]);
    expect(await refusal(cloud.call('services', 'queue', {}, res(4)))).toBe('FORBIDDEN');
  });

  test('logging before it is scheduled is refused; a home haircut is scheduled, not matched, and not in the past', async () => {
    // Scheduled for 23:00 today: the test needs the rest of the day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    expect(
      await refusal(cloud.call('services', 'recordService', { kind: 'homeHaircut', requestId: homeHaircut, at: on(today, '08:00'), minutes: 30 }, WORKER)),
    ).toBe('NOT_SCHEDULED');
    expect(await refusal(cloud.call('services', 'match', { requestId: homeHaircut, volunteerId: TUTOR }, WORKER))).toBe('WRONG_KIND');
    expect(await refusal(cloud.call('services', 'schedule', { requestId: homeHaircut, at: on(dayIn(-2), '09:00') }, WORKER))).toBe('SCHEDULE_PAST');
    const scheduled = await cloud.ok('services', 'schedule', { requestId: homeHaircut, at: on(today, '23:00'), note: '志愿者上门' }, WORKER);
    expect(scheduled).toMatchObject({ status: 'scheduled', staffNote: '志愿者上门', when: new Date(on(today, '23:00')).toISOString() });
    const [mine] = await cloud.ok('services', 'myRequests', {}, res(4));
    expect(mine).toMatchObject({ id: homeHaircut, status: 'scheduled', staffNote: '志愿者上门' });
  });

  test('the home haircut given closes the request and is one attendance of a service session', async () => {
    const today = dayIn(0);
    const record = await cloud.ok(
      'services',
      'recordService',
      { kind: 'homeHaircut', requestId: homeHaircut, at: on(today, '08:00'), minutes: 30, volunteerId: OTHER_TUTOR },
      WORKER,
    );
    expect(record).toMatchObject({ title: '上门义剪', minutes: 30, volunteerName: '志愿者小吴' });
    expect(doc('serviceRequests', homeHaircut)?.status).toBe('done');
    const attendance = docs('attendance').filter((a) => a.sessionId === record.id);
    expect(attendance).toEqual([
      expect.objectContaining({ kind: 'service', sourceId: 'homeHaircut', personId: res(4), headcount: 1, serviceArea: '老年人', day: today }),
    ]);
    expect(await refusal(cloud.call('services', 'cancel', { requestId: homeHaircut }, res(4)))).toBe('REQUEST_CLOSED');
  });

  test('staff name only a registered volunteer as the one who helped', async () => {
    const today = dayIn(0);
    expect(
      await refusal(
        cloud.call(
          'services',
          'recordService',
          { kind: 'homeVisit', personId: res(6), at: on(today, '08:00'), minutes: 40, support: ['情感陪伴'], volunteerId: res(7) },
          WORKER,
        ),
      ),
    ).toBe('NOT_VOLUNTEER');
    expect(docs('attendance').filter((a) => a.personId === res(6) && a.sourceId === 'homeVisit')).toHaveLength(0);
  });

  test('a home visit nobody asked for in the app is recorded by staff, once per resident per day', async () => {
    const today = dayIn(0);
    const visit: ActionInput<'services', 'recordService'> = {
      kind: 'homeVisit',
      personId: res(5),
      at: on(today, '08:30'),
      minutes: 40,
      support: ['情感陪伴', '家务帮助'],
    };
    const record = await cloud.ok('services', 'recordService', visit, WORKER);
    expect(record).toMatchObject({ title: '一对一上门服务', minutes: 40, support: ['情感陪伴', '家务帮助'], volunteerName: null });
    expect(await refusal(cloud.call('services', 'recordService', { ...visit, minutes: 30 }, WORKER))).toBe('ALREADY_RECORDED');
    expect(docs('attendance').filter((a) => a.personId === res(5) && a.sourceId === 'homeVisit')).toHaveLength(1);
    // A volunteer records only on requests matched to them, not for any resident.
    expect(await refusal(cloud.call('services', 'recordService', { ...visit, personId: res(8) }, TUTOR))).toBe('NOT_YOUR_MATCH');
    expect(await refusal(cloud.call('services', 'recordService', { ...visit, at: on(dayIn(2), '09:00') }, WORKER))).toBe('NOT_YET');
    expect(await refusal(cloud.call('services', 'recordService', { ...visit, personId: undefined }, WORKER))).toBe('INVALID_INPUT');
    expect(await refusal(cloud.call('services', 'recordService', visit, res(5)))).toBe('FORBIDDEN');
  });

  test('a home visit request is declined with a reason the resident reads; a declined request takes no further step', async () => {
    const asked = await cloud.ok('services', 'request', { kind: 'homeVisit', support: ['生活照料'], preferredTimes: ['周末上午'] }, res(6));
    expect(await refusal(cloud.call('services', 'decline', { requestId: asked.id, reason: '好' }, WORKER))).toBe('INVALID_INPUT');
    await cloud.ok('services', 'decline', { requestId: asked.id, reason: '已转介社区卫生站上门' }, WORKER);
    const [mine] = await cloud.ok('services', 'myRequests', {}, res(6));
    expect(mine).toMatchObject({ status: 'declined', declineReason: '已转介社区卫生站上门', canCancel: false });
    expect(await refusal(cloud.call('services', 'schedule', { requestId: asked.id, at: on(dayIn(1), '09:00') }, WORKER))).toBe('REQUEST_CLOSED');
    expect(await refusal(cloud.call('services', 'decline', { requestId: asked.id, reason: '再次婉拒' }, WORKER))).toBe('REQUEST_CLOSED');
  });

  test('an ongoing home visit request stays scheduled through its visits until staff close it', async () => {
    // Scheduled for 23:30 today: the test needs the rest of the day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    const asked = await cloud.ok('services', 'request', { kind: 'homeVisit', support: ['情感陪伴'], preferredTimes: ['工作日下午'] }, res(7));
    expect(await refusal(cloud.call('services', 'complete', { requestId: asked.id }, WORKER))).toBe('NOT_SCHEDULED');
    await cloud.ok('services', 'schedule', { requestId: asked.id, at: on(today, '23:30') }, WORKER);
    await cloud.ok('services', 'recordService', { kind: 'homeVisit', requestId: asked.id, at: on(today, '08:00'), minutes: 40, support: ['情感陪伴'] }, WORKER);
    expect(doc('serviceRequests', asked.id)?.status).toBe('scheduled');
    expect((await cloud.ok('services', 'complete', { requestId: asked.id }, WORKER)).status).toBe('done');
  });
});

describe('weekend tutoring (周末课业辅导)', () => {
  let tutoring: string;
  const child = {
    kind: 'tutoring' as const,
    childName: '小明',
    grade: '三年级' as const,
    subjects: ['数学' as const, '英语' as const],
    preferredTimes: ['周六上午' as const],
  };

  test('a parent asks for tutoring for a child; a second child is a second request', async () => {
    const asked = await cloud.ok('services', 'request', child, res(8));
    expect(asked).toMatchObject({ status: 'submitted', summary: '小明 · 三年级 · 数学、英语 · 周六上午', volunteerName: null });
    tutoring = asked.id;
    expect(await refusal(cloud.call('services', 'request', child, res(8)))).toBe('ALREADY_REQUESTED');
    await cloud.ok('services', 'request', { ...child, childName: '小红', grade: '初一' }, res(8));
    const bad = await cloud.call('services', 'request', { ...child, grade: '大一' as never }, res(8));
    expect(bad).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '填写的内容有误（年级），请检查后再试', field: '年级' } });
  });

  test('no session is logged on an unmatched request, by staff or a volunteer', async () => {
    const today = dayIn(0);
    const session = { kind: 'tutoring' as const, requestId: tutoring, at: on(today, '09:00'), minutes: 90, subject: '数学' as const };
    expect(await refusal(cloud.call('services', 'recordService', session, WORKER))).toBe('NOT_MATCHED');
    expect(await refusal(cloud.call('services', 'recordService', session, TUTOR))).toBe('NOT_FOUND');
    expect(await refusal(cloud.call('services', 'schedule', { requestId: tutoring, at: on(dayIn(1), '09:00') }, WORKER))).toBe('WRONG_KIND');
  });

  test('staff match a volunteer tutor, never someone without the volunteer role', async () => {
    expect(await refusal(cloud.call('services', 'match', { requestId: tutoring, volunteerId: res(9) }, WORKER))).toBe('NOT_VOLUNTEER');
    expect(await refusal(cloud.call('services', 'match', { requestId: tutoring, volunteerId: TUTOR }, TUTOR))).toBe('FORBIDDEN');
    expect(await cloud.ok('services', 'volunteers', {}, WORKER)).toEqual(
      [
        { id: TUTOR, name: '志愿者小林' },
        { id: OTHER_TUTOR, name: '志愿者小吴' },
      ].sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    );
    const matched = await cloud.ok('services', 'match', { requestId: tutoring, volunteerId: TUTOR, note: '每周六上午9点，便民大厅二楼' }, WORKER);
    expect(matched).toMatchObject({ status: 'matched', volunteer: { id: TUTOR, name: '志愿者小林' } });
    const mine = (await cloud.ok('services', 'myRequests', {}, res(8))).find((r) => r.id === tutoring);
    expect(mine).toMatchObject({ statusText: '已匹配辅导老师', volunteerName: '志愿者小林', staffNote: '每周六上午9点，便民大厅二楼' });
  });

  test('the tutor sees only the requests matched to them, without the family’s phone', async () => {
    const matches = await cloud.ok('services', 'myMatches', {}, TUTOR);
    expect(matches.map((m) => [m.id, m.summary])).toEqual([[tutoring, '小明 · 三年级 · 数学、英语 · 周六上午']]);
    expect(JSON.stringify(matches)).not.toContain('1390000');
    expect(await cloud.ok('services', 'myMatches', {}, OTHER_TUTOR)).toEqual([]);
    expect(await refusal(cloud.call('services', 'myMatches', {}, res(8)))).toBe('FORBIDDEN');
  });

  test('the tutor logs a session: one 受益人次 and the tutor’s hours; the same session logged again by staff is refused', async () => {
    const today = dayIn(0);
    tutoredOn = today;
    const session = { kind: 'tutoring' as const, requestId: tutoring, at: on(today, '09:00'), minutes: 90, subject: '数学' as const, note: '分数加减' };
    // Not theirs reads as not there: a volunteer cannot learn which requests exist.
    const absent = await cloud.call('services', 'sessions', { requestId: 'tutoring~0000000000000000' }, OTHER_TUTOR);
    expect(await cloud.call('services', 'recordService', session, OTHER_TUTOR)).toEqual(absent);
    expect(await cloud.call('services', 'sessions', { requestId: tutoring }, OTHER_TUTOR)).toEqual(absent);
    const booking = docs('serviceRequests').find((r) => r.kind === 'haircut')!._id;
    expect(await cloud.call('services', 'recordService', { ...session, requestId: booking }, OTHER_TUTOR)).toEqual(absent);
    expect(await refusal(Promise.resolve(absent))).toBe('NOT_FOUND');
    const logged = await cloud.ok('services', 'recordService', session, TUTOR);
    expect(logged).toMatchObject({ title: '周末课业辅导', minutes: 90, subject: '数学', note: '分数加减', volunteerName: '志愿者小林' });
    expect(await refusal(cloud.call('services', 'recordService', { ...session, at: on(today, '10:00') }, WORKER))).toBe('ALREADY_RECORDED');
    expect(docs('attendance').filter((a) => a.sessionId === logged.id)).toEqual([
      expect.objectContaining({ personId: res(8), headcount: 1, serviceArea: '青少年' }),
    ]);
    expect(doc('serviceRequests', tutoring)?.status).toBe('matched');
    expect((await cloud.ok('services', 'sessions', { requestId: tutoring }, TUTOR)).map((s) => s.id)).toEqual([logged.id]);
    expect(await refusal(cloud.call('services', 'sessions', { requestId: tutoring }, res(8)))).toBe('FORBIDDEN');
  });

  test('staff log a session for the tutor on another day; the hours are the tutor’s', async () => {
    weekEarlier = dayIn(-7);
    await cloud.ok('services', 'recordService', { kind: 'tutoring', requestId: tutoring, at: on(weekEarlier, '09:00'), minutes: 60, subject: '英语' }, WORKER);
    const hours = await cloud.ok('services', 'myHours', {}, TUTOR);
    expect(hours).toMatchObject({ minutes: 150, hours: 2.5, services: 2 });
    expect(hours.recent.map((r) => r.minutes)).toEqual([90, 60]);
    const months = [...new Set([tutoredOn, weekEarlier].map((d) => d.slice(0, 7)))].sort().reverse();
    expect(hours.byMonth).toEqual(
      months.length === 1
        ? [{ month: months[0], minutes: 150, hours: 2.5 }]
        : [
            { month: months[0], minutes: 90, hours: 1.5 },
            { month: months[1], minutes: 60, hours: 1 },
          ],
    );
    expect(await refusal(cloud.call('services', 'myHours', {}, res(8)))).toBe('FORBIDDEN');
  });

  test('staff close the tutoring; no session is logged on a closed request and the parent cannot cancel it', async () => {
    expect((await cloud.ok('services', 'complete', { requestId: tutoring }, WORKER)).status).toBe('done');
    expect(
      await refusal(
        cloud.call('services', 'recordService', { kind: 'tutoring', requestId: tutoring, at: on(dayIn(-1), '09:00'), minutes: 60, subject: '数学' }, TUTOR),
      ),
    ).toBe('REQUEST_CLOSED');
    expect(await refusal(cloud.call('services', 'cancel', { requestId: tutoring }, res(8)))).toBe('REQUEST_CLOSED');
    expect(await refusal(cloud.call('services', 'complete', { requestId: tutoring }, WORKER))).toBe('REQUEST_CLOSED');
    // Closed: the child's details are no longer the tutor's to read.
    expect(await cloud.ok('services', 'myMatches', {}, TUTOR)).toEqual([]);
  });

  test('a parent cancels an open tutoring request of their own', async () => {
    const second = (await cloud.ok('services', 'myRequests', {}, res(8))).find((r) => r.summary.startsWith('小红'));
    expect(second?.canCancel).toBe(true);
    expect((await cloud.ok('services', 'cancel', { requestId: second!.id }, res(8))).status).toBe('cancelled');
  });
});

describe('what each person sees', () => {
  test('a resident’s list holds only their own requests', async () => {
    const mine = await cloud.ok('services', 'myRequests', {}, res(2));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.id.endsWith(res(2)) || doc('serviceRequests', r.id)?.personId === res(2))).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(res(1));
  });

  test('staff filter the queue by kind and status', async () => {
    const done = await cloud.ok('services', 'queue', { status: 'done' }, WORKER);
    expect(new Set(done.map((r) => r.kind))).toEqual(new Set(['homeHaircut', 'homeVisit', 'tutoring']));
    const open = await cloud.ok('services', 'queue', { kind: 'tutoring' }, WORKER);
    expect(open).toEqual([]);
    const all = await cloud.ok('services', 'queue', { kind: 'tutoring', status: 'all' }, WORKER);
    expect(all.map((r) => r.status).sort()).toEqual(['cancelled', 'done']);
  });

  test('the service records (服务记录) list who was served, for staff only', async () => {
    const today = dayIn(0);
    const records = await cloud.ok('services', 'records', { from: dayIn(-30), to: today }, WORKER);
    expect(records.map((r) => r.title).sort()).toEqual(['一对一上门服务', '一对一上门服务', '上门义剪', '周末课业辅导', '周末课业辅导', '爱心义剪']);
    expect(records.find((r) => r.title === '上门义剪')?.personName).toBe('测试居民4');
    expect(await refusal(cloud.call('services', 'records', { from: today, to: dayIn(-1) }, WORKER))).toBe('BAD_RANGE');
    expect(await refusal(cloud.call('services', 'records', { from: today, to: today }, TUTOR))).toBe('FORBIDDEN');
  });
});

describe('plan indicators and volunteer hours', () => {
  test('staff set the plan indicator a kind counts toward; later services carry it into attendance', async () => {
    const today = dayIn(0);
    await cloud.ok('services', 'setKindIndicator', { kind: 'homeVisit', indicatorId: 'ind-elderly-visits' }, WORKER);
    const kinds = await cloud.ok('services', 'kinds', {}, WORKER);
    expect(kinds.find((k) => k.id === 'homeVisit')?.indicatorId).toBe('ind-elderly-visits');
    expect(kinds.find((k) => k.id === 'tutoring')?.indicatorId).toBeNull();
    const record = await cloud.ok(
      'services',
      'recordService',
      { kind: 'homeVisit', personId: res(9), at: on(today, '07:00'), minutes: 40, support: ['健康提醒'] },
      WORKER,
    );
    expect(docs('attendance').find((a) => a.sessionId === record.id)?.indicatorId).toBe('ind-elderly-visits');
    expect(await refusal(cloud.call('services', 'setKindIndicator', { kind: 'homeVisit', indicatorId: null }, res(9)))).toBe('FORBIDDEN');
  });

  test('staff see every volunteer’s hours and export them as an .xlsx workbook without the people served', async () => {
    const today = dayIn(0);
    const range = { from: dayIn(-30), to: today };
    const hours = await cloud.ok('services', 'volunteerHours', range, WORKER);
    expect(hours.volunteers).toEqual([
      { volunteerId: TUTOR, name: '志愿者小林', minutes: 150, hours: 2.5, services: 2 },
      { volunteerId: OTHER_TUTOR, name: '志愿者小吴', minutes: 45, hours: 0.8, services: 2 },
    ]);
    expect(hours).toMatchObject({ minutes: 195, hours: 3.3 });
    expect(await refusal(cloud.call('services', 'volunteerHours', range, TUTOR))).toBe('FORBIDDEN');

    const file = await cloud.ok('services', 'exportVolunteerHours', range, WORKER);
    expect(file.fileName).toBe(`志愿服务时长_${range.from}_${range.to}.xlsx`);
    const book = await workbookOf(file);
    const rows = (name: string) => (book.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows('汇总').slice(1)).toEqual([
      ['志愿者', '服务次数', '时长（小时）', '时长（分钟）'],
      ['志愿者小林', 2, 2.5, 150],
      ['志愿者小吴', 2, 0.8, 45],
    ]);
    const detail = rows('明细');
    expect(detail).toHaveLength(5);
    expect(detail[1]).toEqual([weekEarlier, '志愿者小林', '周末课业辅导', '英语', 60]);
    expect(JSON.stringify(detail)).not.toContain('测试居民');
  });
});
