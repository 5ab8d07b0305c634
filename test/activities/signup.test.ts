import type { TestCloud } from '../support/cloud';
import {
  activityDoc,
  arrived,
  explained,
  fromNow,
  outbox,
  passDeadline,
  personOnRoster,
  published,
  resident,
  seatCount,
  signUpDocs,
  startActivitiesCloud,
  until,
  WORKER,
} from './helpers';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startActivitiesCloud();
});
afterAll(() => cloud.close());

describe('notices', () => {
  test('a worker creates and publishes; residents see it with seat counts, never a draft', async () => {
    const { id } = await cloud.ok(
      'activities',
      'create',
      { title: '社区大讲堂', serviceArea: '社区', capacity: 30, startAt: fromNow(30), endAt: fromNow(32), indicatorId: 'ind-2-1' },
      WORKER,
    );
    expect(await cloud.call('activities', 'get', { activityId: id }, 'o_su_r1')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await cloud.ok('activities', 'list', {}, 'o_su_r1')).map((a) => a.id)).not.toContain(id);

    expect(await cloud.ok('activities', 'publish', { activityId: id }, WORKER)).toEqual({ id, status: 'published' });
    const seen = await cloud.ok('activities', 'get', { activityId: id }, 'o_su_r1');
    expect(seen).toMatchObject({
      title: '社区大讲堂',
      status: 'published',
      capacity: 30,
      seatsTaken: 0,
      seatsLeft: 30,
      waitlisted: 0,
      signUpOpen: true,
      mine: null,
      indicatorId: 'ind-2-1',
    });
    expect(seen.sessions).toHaveLength(1);
    expect((await cloud.ok('activities', 'list', {}, 'o_su_r1')).map((a) => a.id)).toContain(id);
  });

  test('only staff create notices', async () => {
    expect(
      await cloud.call('activities', 'create', { title: '我想办活动', serviceArea: '社区', capacity: 5, startAt: fromNow(30), endAt: fromNow(31) }, 'o_su_r1'),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('the list filters by service area', async () => {
    const elders = await published(cloud, { title: '老年人茶话会', serviceArea: '老年人' });
    const families = await published(cloud, { title: '亲子游', serviceArea: '家庭' });
    const ids = (await cloud.ok('activities', 'list', { serviceArea: '老年人' }, 'o_su_r1')).map((a) => a.id);
    expect(ids).toContain(elders);
    expect(ids).not.toContain(families);
  });
});

describe('signing up', () => {
  test("a first-time resident's contact fills the empty profile, and the party counts in seats", async () => {
    const id = await published(cloud, { maxParty: 2 });
    const mine = await cloud.ok(
      'activities',
      'signUp',
      { activityId: id, contact: { name: '首次报名', phone: '13911112222' }, party: [{ name: '小明', relation: '孙子' }] },
      'o_su_new',
    );
    expect(mine).toEqual({ activityId: id, status: 'registered', seats: 2, party: [{ name: '小明', relation: '孙子' }], checkedIn: [] });
    expect(await cloud.ok('users', 'me', {}, 'o_su_new')).toMatchObject({ name: '首次报名', phone: '13911112222', profileComplete: true });
    expect(await cloud.ok('activities', 'get', { activityId: id }, 'o_su_new')).toMatchObject({
      seatsTaken: 2,
      seatsLeft: 8,
      myStatus: 'registered',
      mine: { status: 'registered', seats: 2 },
    });
  });

  test('contact never overwrites a profile the resident already filled', async () => {
    await resident(cloud, 'o_su_filled', '原来的名字');
    const id = await published(cloud);
    await cloud.ok('activities', 'signUp', { activityId: id, contact: { name: '别的名字' } }, 'o_su_filled');
    expect((await cloud.ok('users', 'me', {}, 'o_su_filled')).name).toBe('原来的名字');
  });

  test('without a name there is no sign-up', async () => {
    const id = await published(cloud);
    expect(await cloud.call('activities', 'signUp', { activityId: id }, 'o_su_noname')).toMatchObject({ ok: false, error: { code: 'PROFILE_INCOMPLETE' } });
    expect(signUpDocs(cloud, id)).toHaveLength(0);
  });

  test('a full activity puts the sign-up on the waitlist, and get counts it', async () => {
    const id = await published(cloud, { capacity: 1 });
    await resident(cloud, 'o_su_a');
    await resident(cloud, 'o_su_b');
    expect((await cloud.ok('activities', 'signUp', { activityId: id }, 'o_su_a')).status).toBe('registered');
    expect((await cloud.ok('activities', 'signUp', { activityId: id }, 'o_su_b')).status).toBe('waitlisted');
    expect(await cloud.ok('activities', 'get', { activityId: id }, 'o_su_b')).toMatchObject({
      seatsTaken: 1,
      capacity: 1,
      waitlisted: 1,
      mine: { status: 'waitlisted' },
    });
  });

  test('a double tap makes one sign-up and takes the seats once', async () => {
    const id = await published(cloud, { maxParty: 1 });
    await resident(cloud, 'o_su_double');
    const input = { activityId: id, party: [{ name: '老伴', relation: '配偶' }] };
    const replies = await Promise.all([1, 2, 3].map(() => cloud.ok('activities', 'signUp', input, 'o_su_double')));
    expect(replies.map((r) => r.status)).toEqual(['registered', 'registered', 'registered']);
    expect(signUpDocs(cloud, id)).toHaveLength(1);
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 2, seatHolders: ['o_su_double'] });
  });

  test('capacity holds under a burst: 40 residents at once for 10 seats', async () => {
    const id = await published(cloud, { capacity: 10 });
    const people = Array.from({ length: 40 }, (_, i) => `o_burst_${i}`);
    const replies = await Promise.all(people.map((p) => cloud.ok('activities', 'signUp', { activityId: id, contact: { name: `居民${p.slice(-2)}` } }, p)));
    expect(replies.filter((r) => r.status === 'registered')).toHaveLength(10);
    expect(replies.filter((r) => r.status === 'waitlisted')).toHaveLength(30);
    const a = activityDoc(cloud, id);
    expect(a.seatsTaken).toBe(10);
    expect(new Set(a.seatHolders).size).toBe(10);
    expect(signUpDocs(cloud, id)).toHaveLength(40);
  });

  test('a sign-up costs a small constant number of DB requests', async () => {
    const id = await published(cloud, { capacity: 1 });
    await resident(cloud, 'o_su_cost1');
    await resident(cloud, 'o_su_cost2');
    cloud.emulator.resetCounts();
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_su_cost1');
    // roles, activity, profile, the sign-up itself, the guarded seat update, and the sign-up read
    // back with its activity and person (withdrawn, called off or erased meanwhile?) in one request
    expect(cloud.emulator.totalRequests()).toBe(6);
    cloud.emulator.resetCounts();
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_su_cost2');
    // full: no seat update is even tried
    expect(cloud.emulator.totalRequests()).toBe(5);
    cloud.emulator.resetCounts();
    await cloud.ok('activities', 'signUp', { activityId: id, contact: { name: '新来的' } }, 'o_su_cost3');
    // a first-time resident (the activity is full): their profile is created from the contact details
    expect(cloud.emulator.totalRequests()).toBe(6);
  });

  test('refused sign-ups say why and write nothing', async () => {
    await resident(cloud, 'o_su_refused');
    const outing = await published(cloud, { title: '秋游', maxParty: 1, safetyAgreement: true, safetyTerms: '听从领队安排' });
    const closed = await published(cloud);
    await passDeadline(closed);
    const cancelled = await published(cloud);
    await cloud.ok('activities', 'cancelActivity', { activityId: cancelled }, WORKER);

    const cases: [Record<string, unknown>, string][] = [
      [{ activityId: outing }, 'SAFETY_AGREEMENT_REQUIRED'],
      [
        {
          activityId: outing,
          agreeSafety: true,
          party: [
            { name: '甲', relation: '配偶' },
            { name: '乙', relation: '女儿' },
          ],
        },
        'PARTY_TOO_LARGE',
      ],
      [{ activityId: closed }, 'SIGNUP_CLOSED'],
      [{ activityId: cancelled }, 'ACTIVITY_CANCELLED'],
      [{ activityId: 'no-such-activity' }, 'NOT_FOUND'],
    ];
    for (const [input, code] of cases) {
      const before = JSON.stringify(cloud.emulator.dump());
      const reply = await cloud.call('activities', 'signUp', input as never, 'o_su_refused');
      expect(reply).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
      expect(JSON.stringify(cloud.emulator.dump())).toBe(before);
    }
    expect((await cloud.ok('activities', 'signUp', { activityId: outing, agreeSafety: true }, 'o_su_refused')).status).toBe('registered');
  });
});

describe('cancelling and the waitlist', () => {
  const FAMILY = [
    { name: '老伴', relation: '配偶' },
    { name: '大孙子', relation: '孙子' },
    { name: '小孙女', relation: '孙女' },
  ];

  test('a cancel whose seat release lands after the resident cancelled again and signed up alone frees only what it held', async () => {
    const id = await published(cloud, { capacity: 12, maxParty: 3 });
    await resident(cloud, 'o_taps_late');
    await cloud.ok('activities', 'signUp', { activityId: id, party: FAMILY }, 'o_taps_late');
    expect(seatCount(cloud, id)).toEqual(explained(4));

    // The first cancel records the withdrawal, then its seat release is held up on the way to the database...
    cloud.emulator.resetCounts();
    cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', delayMs: 300, times: 1 });
    const cancelling = cloud.ok('activities', 'cancel', { activityId: id }, 'o_taps_late');
    await until(() => arrived(cloud, 'database.modifyDocument') === 2);
    // ...while a second tap on 取消 frees the four seats, and the resident signs up again alone.
    await cloud.ok('activities', 'cancel', { activityId: id }, 'o_taps_late');
    expect(await cloud.ok('activities', 'signUp', { activityId: id }, 'o_taps_late')).toMatchObject({ status: 'registered', seats: 1 });
    await cancelling;
    cloud.emulator.faults.clear();
    expect(seatCount(cloud, id)).toEqual(explained(1));
    expect(activityDoc(cloud, id)).toMatchObject({ seatHolders: ['o_taps_late'], seatsHeld: { o_taps_late: 1 } });
  });

  test('cancelling frees the seats and promotes the first waiting sign-up that fits, who is told', async () => {
    const id = await published(cloud, { capacity: 3, maxParty: 2 });
    for (const p of ['o_w_a', 'o_w_big', 'o_w_one', 'o_w_two']) await resident(cloud, p);
    await cloud.ok('activities', 'signUp', { activityId: id, party: [{ name: '甲', relation: '配偶' }] }, 'o_w_a'); // 2 seats
    await cloud.ok(
      'activities',
      'signUp',
      {
        activityId: id,
        party: [
          { name: '乙', relation: '儿子' },
          { name: '丙', relation: '女儿' },
        ],
      },
      'o_w_big',
    ); // 3: waits
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_w_one'); // 1: fits now
    await cloud.ok('activities', 'signUp', { activityId: id, party: [{ name: '丁', relation: '配偶' }] }, 'o_w_two'); // 2: waits
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 3 });

    // 2 seats free up: the family of 3 still does not fit, the pair behind them does.
    expect(await cloud.ok('activities', 'cancel', { activityId: id }, 'o_w_a')).toEqual({ activityId: id, status: 'cancelled' });
    const statuses = Object.fromEntries(signUpDocs(cloud, id).map((s) => [s.personId, s]));
    expect(statuses.o_w_a.active).toBe(false);
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 3, seatHolders: ['o_w_one', 'o_w_two'] });
    expect((await cloud.ok('activities', 'get', { activityId: id }, 'o_w_two')).mine?.status).toBe('registered');
    expect((await cloud.ok('activities', 'get', { activityId: id }, 'o_w_big')).mine?.status).toBe('waitlisted');
    expect((await cloud.ok('activities', 'get', { activityId: id }, 'o_w_a')).mine?.status).toBe('cancelled');
    expect(outbox(cloud, id)).toEqual([expect.objectContaining({ kind: 'promoted', personId: 'o_w_two' })]);
  });

  test('signing up again after cancelling goes to the back of the queue with the new party', async () => {
    const id = await published(cloud, { capacity: 1, maxParty: 1 });
    await resident(cloud, 'o_re_1');
    await resident(cloud, 'o_re_2');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_re_1');
    await cloud.ok('activities', 'cancel', { activityId: id }, 'o_re_1');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_re_2');
    expect(await cloud.ok('activities', 'signUp', { activityId: id }, 'o_re_1')).toMatchObject({ status: 'waitlisted', seats: 1 });
    expect(signUpDocs(cloud, id)).toHaveLength(2);
  });

  test('a resident cannot cancel after the deadline; a worker can, for them', async () => {
    const id = await published(cloud);
    await resident(cloud, 'o_late');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_late');
    await passDeadline(id);
    expect(await cloud.call('activities', 'cancel', { activityId: id }, 'o_late')).toMatchObject({ ok: false, error: { code: 'CANCEL_CLOSED' } });
    expect(await cloud.call('activities', 'cancel', { activityId: id, personId: 'o_late' }, 'o_su_r1')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await cloud.ok('activities', 'cancel', { activityId: id, personId: 'o_late' }, WORKER);
    expect(activityDoc(cloud, id).seatsTaken).toBe(0);
  });

  test('a crash between withdrawing and freeing the seats leaves nothing inconsistent, and the next step repairs it', async () => {
    const id = await published(cloud, { capacity: 1 });
    await resident(cloud, 'o_crash_1');
    await resident(cloud, 'o_crash_2');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_crash_1');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_crash_2');

    // The write that frees the seats fails, as if the function died right after recording the withdrawal.
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', fail: true, times: 1 });
    expect(await cloud.call('activities', 'cancel', { activityId: id }, 'o_crash_1')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    cloud.emulator.faults.clear();
    // The failure is logged by action and code only: no ids, names or phones.
    expect(log.mock.calls).toEqual([['[activities.cancel] failed:', 'Error', 'SYS_ERR']]);
    log.mockRestore();

    // Half-done, yet consistent: the resident reads 'cancelled', the seat count still matches its holders,
    // and the one waiting is still waiting — no one was promoted into a seat that is not free.
    expect((await cloud.ok('activities', 'get', { activityId: id }, 'o_crash_1')).mine?.status).toBe('cancelled');
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 1, seatHolders: ['o_crash_1'] });
    expect((await cloud.ok('activities', 'get', { activityId: id }, 'o_crash_2')).mine?.status).toBe('waitlisted');

    // The next operation on the activity (here the worker opening the roster) finishes the job.
    const roster = await cloud.ok('activities', 'roster', { activityId: id }, WORKER);
    expect(roster.map((e) => [personOnRoster(cloud, id, e.personId), e.status])).toEqual([
      ['o_crash_2', 'registered'],
      ['o_crash_1', 'cancelled'],
    ]);
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 1, seatHolders: ['o_crash_2'] });
    expect(outbox(cloud, id)).toEqual([expect.objectContaining({ kind: 'promoted', personId: 'o_crash_2' })]);
  });

  test('a resident retrying a cut-short cancel finishes it too', async () => {
    const id = await published(cloud, { capacity: 1 });
    await resident(cloud, 'o_retry_1');
    await resident(cloud, 'o_retry_2');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_retry_1');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_retry_2');
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', fail: true, times: 1 });
    await cloud.call('activities', 'cancel', { activityId: id }, 'o_retry_1');
    cloud.emulator.faults.clear();
    log.mockRestore();
    await cloud.ok('activities', 'cancel', { activityId: id }, 'o_retry_1');
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 1, seatHolders: ['o_retry_2'] });
  });

  test('a crash between writing the sign-up and taking the seat leaves a waiting sign-up that a retry completes', async () => {
    const id = await published(cloud, { capacity: 5 });
    await resident(cloud, 'o_half');
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    cloud.emulator.faults.inject({ action: 'database.modifyDocument', collection: 'activities', fail: true, times: 1 });
    expect(await cloud.call('activities', 'signUp', { activityId: id }, 'o_half')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    cloud.emulator.faults.clear();
    log.mockRestore();
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 0, seatHolders: [] });
    expect((await cloud.ok('activities', 'get', { activityId: id }, 'o_half')).mine?.status).toBe('waitlisted');
    expect((await cloud.ok('activities', 'signUp', { activityId: id }, 'o_half')).status).toBe('registered');
    expect(activityDoc(cloud, id)).toMatchObject({ seatsTaken: 1, seatHolders: ['o_half'] });
  });

  test('a worker moves someone off the waitlist by hand, adding seats when they decide to', async () => {
    const id = await published(cloud, { capacity: 1 });
    await resident(cloud, 'o_hand_1');
    await resident(cloud, 'o_hand_2');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_hand_1');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_hand_2');
    expect(await cloud.call('activities', 'promote', { activityId: id, personId: 'o_hand_2' }, WORKER)).toMatchObject({ ok: false, error: { code: 'FULL' } });
    expect(activityDoc(cloud, id)).toMatchObject({ capacity: 1, seatHolders: ['o_hand_1'] });
    // The worker decides to squeeze them in: capacity grows just enough.
    expect(await cloud.ok('activities', 'promote', { activityId: id, personId: 'o_hand_2', addSeats: true }, WORKER)).toMatchObject({ status: 'registered' });
    expect(activityDoc(cloud, id)).toMatchObject({ capacity: 2, seatsTaken: 2, seatHolders: ['o_hand_1', 'o_hand_2'] });
    expect(outbox(cloud, id)).toEqual([expect.objectContaining({ kind: 'promoted', personId: 'o_hand_2' })]);
  });

  test('raising the capacity moves the waitlist up by itself; lowering it below the seats taken is refused', async () => {
    const id = await published(cloud, { capacity: 1 });
    await resident(cloud, 'o_cap_1');
    await resident(cloud, 'o_cap_2');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_cap_1');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_cap_2');
    expect(await cloud.ok('activities', 'update', { activityId: id, capacity: 3 }, WORKER)).toMatchObject({ capacity: 3, seatsTaken: 2, waitlisted: 0 });
    expect(activityDoc(cloud, id).seatHolders).toEqual(['o_cap_1', 'o_cap_2']);
    expect(await cloud.call('activities', 'update', { activityId: id, capacity: 1 }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'CAPACITY_BELOW_TAKEN', message: expect.stringContaining('不能少于 2') },
    });
    expect(activityDoc(cloud, id).capacity).toBe(3);
  });
});

describe('privacy', () => {
  test('what a resident reads never names another resident', async () => {
    const id = await published(cloud, { maxParty: 1 });
    await resident(cloud, 'o_priv_other', '隔壁王阿姨');
    await cloud.ok('activities', 'signUp', { activityId: id, party: [{ name: '王小宝', relation: '孙女' }] }, 'o_priv_other');
    const seenByOthers = JSON.stringify([
      await cloud.ok('activities', 'get', { activityId: id }, 'o_priv_me'),
      await cloud.ok('activities', 'list', {}, 'o_priv_me'),
      await cloud.ok('activities', 'mine', {}, 'o_priv_me'),
    ]);
    expect(seenByOthers).not.toMatch(/王阿姨|王小宝|o_priv_other/);
    expect(await cloud.call('activities', 'roster', { activityId: id }, 'o_priv_me')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
