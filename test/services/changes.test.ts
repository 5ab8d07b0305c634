import tcb from '@cloudbase/node-sdk';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { replyRefusal as refusal } from '../support/refusal';
import { clearOfMidnight, dayIn, on, startStationCloud } from '../support/station';

/* Changes after the fact: a haircut day's seats changed or the day called off, a service recorded by mistake deleted. */
const ADMIN = 'o_chg_admin';
const WORKER = 'o_chg_worker';
const TUTOR = 'o_chg_tutor';
const res = (n: number) => `o_chg_res_${n}`;

let cloud: TestCloud;

type Doc = Record<string, unknown> & { _id: string };
const docs = (collection: string) => (cloud.emulator.dump()[collection] ?? []) as Doc[];
const doc = (collection: string, id: string) => docs(collection).find((d) => d._id === id);
const slotsOf = (day: string) => (doc('serviceDays', day)?.slots as Array<{ seats: number; taken: number }>).map((s) => [s.seats, s.taken]);
/** Written straight to the database: test setup only (a crash halfway, time passing). */
const database = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();

async function publish(day: string, seats = 2) {
  await cloud.ok(
    'services',
    'publishHaircutDay',
    {
      place: '便民大厅二楼',
      slots: [
        { startAt: on(day, '09:00'), endAt: on(day, '09:30'), seats },
        { startAt: on(day, '09:30'), endAt: on(day, '10:00'), seats },
      ],
    },
    WORKER,
  );
}
const book = (n: number, slotId: string) => cloud.ok('services', 'request', { kind: 'haircut', slotId }, res(n));

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [
    [WORKER, ['worker'], { name: '社工小陈', phone: '13900002001' }],
    [TUTOR, ['volunteer'], { name: '志愿者小郑', phone: '13900002002' }],
  ]);
  for (let n = 1; n <= 8; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `1390000${String(2100 + n)}` }, res(n));
});
afterAll(() => cloud.close());

describe('a haircut slot’s seats changed', () => {
  let day: string;
  beforeAll(async () => {
    day = dayIn(12);
    await publish(day);
    await book(1, `${day}~0900`);
    await book(2, `${day}~0900`);
  });

  test('never below the bookings a slot holds: refused clearly and nothing written', async () => {
    const reply = await cloud.call('services', 'setSlotSeats', { slotId: `${day}~0900`, seats: 1 }, WORKER);
    expect(reply).toEqual({ ok: false, error: { code: 'SEATS_BELOW_BOOKINGS', message: '这个时段已经有 2 人预约了，名额不能少于 2 个' } });
    expect(slotsOf(day)).toEqual([
      [2, 2],
      [2, 0],
    ]);
  });

  test('staff raise a full slot’s seats and residents can book again; a slot with no bookings can be closed with 0', async () => {
    const changed = await cloud.ok('services', 'setSlotSeats', { slotId: `${day}~0900`, seats: 4 }, WORKER);
    expect(changed.slots.map((s) => [s.id, s.seats, s.seatsLeft])).toEqual([
      [`${day}~0900`, 4, 2],
      [`${day}~0930`, 2, 2],
    ]);
    await book(3, `${day}~0900`);
    await cloud.ok('services', 'setSlotSeats', { slotId: `${day}~0930`, seats: 0 }, WORKER);
    expect(await refusal(cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(4)))).toBe('SLOT_FULL');
    expect(slotsOf(day)).toEqual([
      [4, 3],
      [0, 0],
    ]);
  });

  test('only staff change seats, of a slot that exists', async () => {
    expect(await refusal(cloud.call('services', 'setSlotSeats', { slotId: `${day}~0900`, seats: 10 }, res(1)))).toBe('FORBIDDEN');
    expect(await refusal(cloud.call('services', 'setSlotSeats', { slotId: `${day}~0900`, seats: 10 }, TUTOR))).toBe('FORBIDDEN');
    expect(await refusal(cloud.call('services', 'setSlotSeats', { slotId: `${day}~1100`, seats: 3 }, WORKER))).toBe('NOT_FOUND');
    expect(await refusal(cloud.call('services', 'setSlotSeats', { slotId: `${dayIn(13)}~0900`, seats: 3 }, WORKER))).toBe('NOT_FOUND');
    expect(await refusal(cloud.call('services', 'setSlotSeats', { slotId: `${day}~0900`, seats: 51 }, WORKER))).toBe('INVALID_INPUT');
    expect(slotsOf(day)[0]).toEqual([4, 3]);
  });
});

describe('a haircut day called off', () => {
  let day: string;
  beforeAll(async () => {
    day = dayIn(14);
    await publish(day);
    await book(1, `${day}~0900`);
    await book(2, `${day}~0930`);
    const offline = await cloud.ok('users', 'createOffline', { name: '线下大爷' }, WORKER);
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0930`, forPersonId: offline.id }, WORKER);
    // A booking the resident cancelled themselves is not told again.
    await book(3, `${day}~0900`);
    await cloud.ok('services', 'cancel', { requestId: `haircut~${day}~${res(3)}` }, res(3));
  });

  test('refused for a resident, a volunteer, a day never published, a reason too short: nothing written', async () => {
    const callOff = { day, reason: '理发师临时有事' };
    expect(await refusal(cloud.call('services', 'cancelHaircutDay', callOff, res(1)))).toBe('FORBIDDEN');
    expect(await refusal(cloud.call('services', 'cancelHaircutDay', callOff, TUTOR))).toBe('FORBIDDEN');
    expect(await refusal(cloud.call('services', 'cancelHaircutDay', { ...callOff, day: dayIn(15) }, WORKER))).toBe('NOT_FOUND');
    expect(await refusal(cloud.call('services', 'cancelHaircutDay', { ...callOff, reason: '无' }, WORKER))).toBe('INVALID_INPUT');
    expect(doc('serviceDays', day)?.cancelledAt).toBeNull();
    expect(docs('outbox')).toEqual([]);
    expect(docs('serviceRequests').filter((r) => r._id.startsWith(`haircut~${day}`) && r.status === 'scheduled')).toHaveLength(3);
  });

  test('every booking is cancelled with the reason, each resident told once in the outbox, and the day leaves the calendar', async () => {
    const result = await cloud.ok('services', 'cancelHaircutDay', { day, reason: '理发师临时有事' }, WORKER);
    expect(result).toEqual({ day, cancelled: 3, told: 3 });
    expect(slotsOf(day)).toEqual([
      [2, 0],
      [2, 0],
    ]);

    const [mine] = (await cloud.ok('services', 'myRequests', {}, res(1))).filter((r) => r.id === `haircut~${day}~${res(1)}`);
    expect(mine).toMatchObject({ status: 'cancelled', statusText: '已取消', staffNote: '义剪取消：理发师临时有事', canCancel: false });

    const notices = docs('outbox').filter((o) => o.kind === 'haircutCancelled');
    expect(notices.map((n) => n.personId).sort()).toEqual([res(1), res(2), expect.stringMatching(/^off_/)]);
    expect(notices.find((n) => n.personId === res(1))).toMatchObject({
      _id: `haircutCancelled~haircut~${day}~${res(1)}`,
      openid: res(1),
      title: '爱心义剪',
      timeText: expect.stringContaining('09:00–09:30'),
      place: '便民大厅二楼',
      sentAt: null,
      sendResult: null,
    });
    // A resident without WeChat has no openid: the worker phones them from the outbox.
    expect(notices.find((n) => String(n.personId).startsWith('off_'))?.openid).toBeNull();

    const { haircutDays } = await cloud.ok('services', 'overview', {}, res(5));
    expect(haircutDays.map((d) => d.day)).not.toContain(day);
    expect(await refusal(cloud.call('services', 'request', { kind: 'haircut', slotId: `${day}~0900` }, res(5)))).toBe('DAY_CANCELLED');
    expect(await refusal(cloud.call('services', 'setSlotSeats', { slotId: `${day}~0900`, seats: 5 }, WORKER))).toBe('DAY_CANCELLED');
  });

  test('calling it off again tells nobody twice', async () => {
    expect(await cloud.ok('services', 'cancelHaircutDay', { day, reason: '再点一次' }, WORKER)).toEqual({ day, cancelled: 0, told: 0 });
    expect(docs('outbox').filter((o) => o.kind === 'haircutCancelled')).toHaveLength(3);
  });

  test('a call cut short after closing the day, or after telling one resident, is finished by the next', async () => {
    const other = dayIn(16);
    await publish(other);
    await book(6, `${other}~0900`);
    await book(7, `${other}~0930`);
    // The first call closed the day and told resident 6, then crashed.
    await database().collection('serviceDays').doc(other).update({ cancelledAt: cloud.clock.now(), cancelReason: '场地停电' });
    await database()
      .collection('outbox')
      .add({
        _id: `haircutCancelled~haircut~${other}~${res(6)}`,
        kind: 'haircutCancelled',
        personId: res(6),
        openid: res(6),
        title: '爱心义剪',
        timeText: '',
        place: '',
        createdAt: cloud.clock.now(),
        sentAt: null,
        sendResult: null,
      });

    expect(await cloud.ok('services', 'cancelHaircutDay', { day: other, reason: '重试' }, WORKER)).toEqual({ day: other, cancelled: 2, told: 1 });
    expect(doc('serviceRequests', `haircut~${other}~${res(7)}`)).toMatchObject({ status: 'cancelled', staffNote: '义剪取消：场地停电' });
    expect(docs('outbox').filter((o) => String(o._id).includes(other))).toHaveLength(2);
  });

  test('a booking that lands just after the day was called off is undone, not left for nobody to tell', async () => {
    const late = dayIn(18);
    await publish(late);
    // The booking's write is slow: the seat is taken, then the day is called off, then the booking lands.
    cloud.emulator.faults.inject({ action: 'database.insertDocument', collection: 'serviceRequests', delayMs: 1500, times: 1 });
    const booking = cloud.call('services', 'request', { kind: 'haircut', slotId: `${late}~0900` }, res(8));
    const deadline = Date.now() + 10_000;
    while (slotsOf(late)[0][1] === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await cloud.ok('services', 'cancelHaircutDay', { day: late, reason: '理发师生病' }, WORKER)).toEqual({ day: late, cancelled: 0, told: 0 });
    expect(await refusal(booking)).toBe('DAY_CANCELLED');
    expect(doc('serviceRequests', `haircut~${late}~${res(8)}`)?.status).toBe('cancelled');
    expect(slotsOf(late)).toEqual([
      [2, 0],
      [2, 0],
    ]);
  });
});

describe('a service recorded by mistake', () => {
  /** The day the story's services are given on, and the 30 days up to it that they count in. */
  let today: string;
  let range: { from: string; to: string };
  const visits = async () => (await cloud.ok('stats', 'report', range, ADMIN)).totals.visits;
  const tutorMinutes = async () => (await cloud.ok('services', 'volunteerHours', range, WORKER)).volunteers.find((v) => v.volunteerId === TUTOR)?.minutes ?? 0;
  let homeHaircut: string;
  let recordId: string;

  beforeAll(async () => {
    // The home haircut is scheduled for 23:00 today, then given, deleted and given again today.
    clearOfMidnight(cloud.clock);
    today = dayIn(0);
    range = { from: dayIn(-30), to: today };
    homeHaircut = (await cloud.ok('services', 'request', { kind: 'homeHaircut', preferredTimes: ['工作日上午'] }, res(5))).id;
    await cloud.ok('services', 'schedule', { requestId: homeHaircut, at: on(today, '23:00') }, WORKER);
    recordId = (
      await cloud.ok(
        'services',
        'recordService',
        { kind: 'homeHaircut', requestId: homeHaircut, at: on(today, '08:00'), minutes: 30, volunteerId: TUTOR },
        WORKER,
      )
    ).id;
    await cloud.ok(
      'services',
      'recordService',
      { kind: 'homeVisit', personId: res(6), at: on(today, '08:00'), minutes: 40, support: ['情感陪伴'], volunteerId: TUTOR },
      WORKER,
    );
  });

  test('only staff delete a record: not the resident, not the volunteer who gave it; nothing changes', async () => {
    expect(await refusal(cloud.call('services', 'deleteRecord', { recordId }, res(5)))).toBe('FORBIDDEN');
    expect(await refusal(cloud.call('services', 'deleteRecord', { recordId }, TUTOR))).toBe('FORBIDDEN');
    expect(await refusal(cloud.call('services', 'deleteRecord', { recordId: 'homeVisit~nobody~2026-01-01' }, WORKER))).toBe('NOT_FOUND');
    expect(doc('serviceRecords', recordId)).toBeDefined();
    expect(doc('serviceRequests', homeHaircut)?.status).toBe('done');
  });

  test('deleting it takes one 受益人次 off the report and its minutes off the volunteer; the home haircut it closed reopens', async () => {
    const [visitsBefore, minutesBefore] = [await visits(), await tutorMinutes()];
    expect(minutesBefore).toBe(70);

    expect(await cloud.ok('services', 'deleteRecord', { recordId }, WORKER)).toEqual({ id: recordId, requestStatus: 'scheduled' });
    expect(await visits()).toBe(visitsBefore - 1);
    expect(await tutorMinutes()).toBe(40);
    expect(doc('serviceRecords', recordId)).toBeUndefined();
    expect(docs('attendance').filter((a) => a.sessionId === recordId)).toEqual([]);
    const [mine] = await cloud.ok('services', 'myRequests', {}, res(5));
    expect(mine).toMatchObject({ id: homeHaircut, status: 'scheduled', canCancel: true });

    // Recorded again correctly, it counts once more.
    await cloud.ok('services', 'recordService', { kind: 'homeHaircut', requestId: homeHaircut, at: on(today, '08:00'), minutes: 25 }, WORKER);
    expect(await visits()).toBe(visitsBefore);
    expect(doc('serviceRequests', homeHaircut)?.status).toBe('done');
  });

  test('a session of ongoing tutoring is deleted without moving its request', async () => {
    const asked = await cloud.ok(
      'services',
      'request',
      { kind: 'tutoring', childName: '小芳', grade: '二年级', subjects: ['语文'], preferredTimes: ['周六上午'] },
      res(7),
    );
    await cloud.ok('services', 'match', { requestId: asked.id, volunteerId: TUTOR }, WORKER);
    const session = await cloud.ok(
      'services',
      'recordService',
      { kind: 'tutoring', requestId: asked.id, at: on(today, '09:00'), minutes: 60, subject: '语文' },
      TUTOR,
    );
    expect(await cloud.ok('services', 'deleteRecord', { recordId: session.id }, WORKER)).toEqual({ id: session.id, requestStatus: 'matched' });
    expect(doc('serviceRequests', asked.id)?.status).toBe('matched');
  });

  test('a delete cut short after the attendance went is finished by the next; then the record is gone', async () => {
    const walkIn = await cloud.ok('services', 'recordService', { kind: 'haircut', personId: res(8), at: on(today, '07:00'), minutes: 15 }, WORKER);
    await database()
      .collection('attendance')
      .doc(`${walkIn.id}~${res(8)}`)
      .remove();
    expect(await cloud.ok('services', 'deleteRecord', { recordId: walkIn.id }, WORKER)).toEqual({ id: walkIn.id, requestStatus: null });
    expect(doc('serviceRecords', walkIn.id)).toBeUndefined();
    expect(await refusal(cloud.call('services', 'deleteRecord', { recordId: walkIn.id }, WORKER))).toBe('NOT_FOUND');
  });

  test('a record more than 7 days old is refused, and its counts stay', async () => {
    const old = await cloud.ok(
      'services',
      'recordService',
      { kind: 'homeVisit', personId: res(8), at: on(dayIn(-8), '09:00'), minutes: 40, support: ['家务帮助'] },
      WORKER,
    );
    await database()
      .collection('serviceRecords')
      .doc(old.id)
      .update({ recordedAt: new Date(nowMs() - 8 * 86_400_000) });
    const before = await visits();
    expect(await refusal(cloud.call('services', 'deleteRecord', { recordId: old.id }, WORKER))).toBe('TOO_LATE_TO_DELETE');
    expect(doc('serviceRecords', old.id)).toBeDefined();
    expect(docs('attendance').filter((a) => a.sessionId === old.id)).toHaveLength(1);
    expect(await visits()).toBe(before);
  });
});
