import type { AttendanceDoc } from '../../cloudfunctions/_shared/attendance';
import type { TestCloud } from '../support/cloud';
import { workbookOf } from '../support/files';
import {
  activityDoc,
  ADMIN,
  arrived,
  fromNow,
  moveTo,
  outbox,
  personOnRoster,
  published,
  resident,
  signUpDocs,
  standAtNext,
  startActivitiesCloud,
  until,
  WORKER,
} from './helpers';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startActivitiesCloud();
});
afterAll(() => cloud.close());

const attendance = (sourceId: string) => (cloud.emulator.dump().attendance as AttendanceDoc[]).filter((a) => a.sourceId === sourceId);

async function readSheet(file: { url: string }) {
  const book = await workbookOf(file);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
}

describe('代报名: signing up on a resident’s behalf', () => {
  test('a worker signs up a resident without WeChat; the roster shows them to staff with phone and party', async () => {
    const id = await published(cloud, { title: '冬至包饺子', maxParty: 1 });
    const offline = await cloud.ok('users', 'createOffline', { name: '线下刘奶奶', phone: '13700001111' }, WORKER);
    const mine = await cloud.ok(
      'activities',
      'proxySignUp',
      { activityId: id, personId: offline.id, party: [{ name: '刘小妹', relation: '孙女', birthYear: 2015 }] },
      WORKER,
    );
    expect(mine).toMatchObject({ status: 'registered', seats: 2, party: [{ name: '刘小妹', relation: '孙女' }] });

    const roster = await cloud.ok('activities', 'roster', { activityId: id }, WORKER);
    expect(roster).toEqual([
      expect.objectContaining({
        personId: signUpDocs(cloud, id)[0].ref,
        name: '线下刘奶奶',
        phone: '13700001111',
        offline: true,
        proxy: true,
        status: 'registered',
        seats: 2,
        party: [{ name: '刘小妹', relation: '孙女' }],
      }),
    ]);
    // A minor in a party is name and relation only, wherever it is stored or shown.
    expect(JSON.stringify(signUpDocs(cloud, id))).not.toContain('2015');
  });

  test('once the offline record is linked to the account, the resident sees that sign-up as theirs and cannot take a second one', async () => {
    const id = await published(cloud);
    const offline = await cloud.ok('users', 'createOffline', { name: '线下赵大爷' }, WORKER);
    await cloud.ok('activities', 'proxySignUp', { activityId: id, personId: offline.id }, WORKER);
    await resident(cloud, 'o_zhao', '线下赵大爷');
    await cloud.ok('users', 'linkOffline', { offlineId: offline.id, personId: 'o_zhao' }, WORKER);

    expect((await cloud.ok('activities', 'get', { activityId: id }, 'o_zhao')).mine?.status).toBe('registered');
    expect((await cloud.ok('activities', 'signUp', { activityId: id }, 'o_zhao')).status).toBe('registered');
    expect(signUpDocs(cloud, id)).toHaveLength(1);
    expect(activityDoc(cloud, id).seatsTaken).toBe(1);
    const mine = await cloud.ok('activities', 'mine', {}, 'o_zhao');
    expect(mine.items.map((i) => i.activity.id)).toEqual([id]);
  });
});

describe('签到: check-in at the door', () => {
  test("scanning the resident's code checks them in with their family; attendance counts toward the indicator", async () => {
    const id = await published(cloud, { title: '亲子游', serviceArea: '家庭', maxParty: 1, indicatorId: 'ind-5-1', targetGroup: '亲子家庭' });
    await resident(cloud, 'o_ci_mum', '签到妈妈');
    await cloud.ok('activities', 'signUp', { activityId: id, party: [{ name: '小宝', relation: '女儿' }] }, 'o_ci_mum');
    const { checkinCode } = await cloud.ok('activities', 'mine', {}, 'o_ci_mum');

    const first = await cloud.ok('activities', 'checkIn', { activityId: id, code: checkinCode.toLowerCase() }, WORKER);
    // The reply names her as the roster does, not by her openid.
    expect(first).toEqual({ personId: signUpDocs(cloud, id)[0].ref, name: '签到妈妈', sessionId: `${id}-1`, headcount: 2, alreadyCheckedIn: false });
    expect(await cloud.ok('activities', 'checkIn', { activityId: id, personId: first.personId }, WORKER)).toMatchObject({ alreadyCheckedIn: true });
    expect(await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_ci_mum' }, WORKER)).toMatchObject({ alreadyCheckedIn: true });
    expect(attendance(id)).toEqual([
      expect.objectContaining({
        sessionId: `${id}-1`,
        kind: 'activity',
        personId: 'o_ci_mum',
        headcount: 2,
        indicatorId: 'ind-5-1',
        serviceArea: '家庭',
        targetGroup: '亲子家庭',
        recordedBy: WORKER,
      }),
    ]);
    const seen = await cloud.ok('activities', 'get', { activityId: id }, 'o_ci_mum');
    expect(seen.mine?.checkedIn).toEqual([`${id}-1`]);
  });

  test('ticking the roster checks in with fewer people than signed up; a tick by mistake can be undone', async () => {
    const id = await published(cloud, { maxParty: 2 });
    await resident(cloud, 'o_ci_tick');
    await cloud.ok(
      'activities',
      'signUp',
      {
        activityId: id,
        party: [
          { name: '甲', relation: '配偶' },
          { name: '乙', relation: '儿子' },
        ],
      },
      'o_ci_tick',
    );
    expect((await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_ci_tick', headcount: 2 }, WORKER)).headcount).toBe(2);
    expect((await cloud.ok('activities', 'roster', { activityId: id }, WORKER))[0].attendance).toEqual([{ sessionId: `${id}-1`, headcount: 2 }]);
    expect(await cloud.ok('activities', 'undoCheckIn', { activityId: id, personId: 'o_ci_tick' }, WORKER)).toEqual({ removed: true });
    expect(attendance(id)).toEqual([]);
    expect(await cloud.call('activities', 'checkIn', { activityId: id, personId: 'o_ci_tick', headcount: 4 }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'HEADCOUNT_TOO_LARGE' },
    });
  });

  test('the waitlisted, the withdrawn, strangers and unknown codes are not checked in', async () => {
    const id = await published(cloud, { capacity: 1 });
    for (const p of ['o_ci_in', 'o_ci_wait', 'o_ci_stranger']) await resident(cloud, p);
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_ci_in');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_ci_wait');
    expect(await cloud.call('activities', 'checkIn', { activityId: id, personId: 'o_ci_wait' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'ON_WAITLIST' },
    });
    expect(await cloud.call('activities', 'checkIn', { activityId: id, personId: 'o_ci_stranger' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_UP' },
    });
    expect(await cloud.call('activities', 'checkIn', { activityId: id, code: 'ZZZZZZZZ' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'CODE_UNKNOWN' },
    });
    expect(await cloud.call('activities', 'checkIn', { activityId: id, personId: 'o_ci_in' }, 'o_ci_wait')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(attendance(id)).toEqual([]);
  });

  test('a volunteer at the door checks people in on the day and sees phones masked; exports and 代报名 stay with staff', async () => {
    const id = await published(cloud, { maxParty: 1 });
    await cloud.ok('users', 'me', {}, 'o_ci_volunteer');
    await cloud.ok('users', 'setRoles', { personId: 'o_ci_volunteer', roles: ['volunteer'] }, ADMIN);
    await resident(cloud, 'o_ci_guest');
    await cloud.ok('activities', 'signUp', { activityId: id, party: [{ name: '小孙', relation: '孙子' }] }, 'o_ci_guest');
    // Two days ahead: not the volunteer's door yet.
    expect(await cloud.call('activities', 'roster', { activityId: id }, 'o_ci_volunteer')).toMatchObject({ ok: false, error: { code: 'NOT_DOOR_DAY' } });
    expect(await cloud.call('activities', 'checkIn', { activityId: id, personId: 'o_ci_guest' }, 'o_ci_volunteer')).toMatchObject({
      ok: false,
      error: { code: 'NOT_DOOR_DAY' },
    });
    await moveTo(cloud, id, 1);
    const [entry] = await cloud.ok('activities', 'roster', { activityId: id }, 'o_ci_volunteer');
    expect(entry.phone).toMatch(/^139\*{4}\d{4}$/);
    expect(entry).toMatchObject({ seats: 2, party: [] }); // the child's name stays with staff
    expect((await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_ci_guest' }, 'o_ci_volunteer')).alreadyCheckedIn).toBe(false);
    expect(await cloud.call('activities', 'exportRoster', { activityId: id }, 'o_ci_volunteer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('activities', 'proxySignUp', { activityId: id, personId: 'o_ci_volunteer' }, 'o_ci_volunteer')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('after the activity the rest are marked no-show, and finishing closes it', async () => {
    const id = await published(cloud);
    for (const p of ['o_ns_came', 'o_ns_absent']) {
      await resident(cloud, p);
      await cloud.ok('activities', 'signUp', { activityId: id }, p);
    }
    expect(await cloud.call('activities', 'markNoShows', { activityId: id }, WORKER)).toMatchObject({ ok: false, error: { code: 'NOT_STARTED' } });
    await moveTo(cloud, id, -3);
    await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_ns_came' }, WORKER);
    expect(await cloud.ok('activities', 'finish', { activityId: id }, WORKER)).toEqual({ id, status: 'finished' });
    const roster = await cloud.ok('activities', 'roster', { activityId: id }, WORKER);
    expect(Object.fromEntries(roster.map((e) => [personOnRoster(cloud, id, e.personId), e.noShow]))).toEqual({ o_ns_came: [], o_ns_absent: [`${id}-1`] });
    expect(await cloud.call('activities', 'signUp', { activityId: id }, 'o_ns_late')).toMatchObject({ ok: false, error: { code: 'SIGNUP_CLOSED' } });
  });

  test('a one-off activity someone was checked in to cannot be called off: it took place', async () => {
    const id = await published(cloud);
    await resident(cloud, 'o_held_1');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_held_1');
    await moveTo(cloud, id, -1);
    await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_held_1' }, WORKER);
    const before = cloud.emulator.dump();
    expect(await cloud.call('activities', 'cancelActivity', { activityId: id }, WORKER)).toMatchObject({ ok: false, error: { code: 'ALREADY_HELD' } });
    expect(cloud.emulator.dump()).toEqual(before);
    expect(await cloud.ok('activities', 'finish', { activityId: id }, WORKER)).toEqual({ id, status: 'finished' });
  });
});

describe('who the door sees', () => {
  test('the roster and check-ins name people by the roster’s own ids, never their openids, and every door action takes them', async () => {
    const id = await published(cloud, { capacity: 1 });
    await cloud.ok('users', 'me', {}, 'o_door_volunteer');
    await cloud.ok('users', 'setRoles', { personId: 'o_door_volunteer', roles: ['volunteer'] }, ADMIN);
    for (const p of ['o_door_in', 'o_door_wait']) {
      await resident(cloud, p);
      await cloud.ok('activities', 'signUp', { activityId: id }, p);
    }
    await moveTo(cloud, id, 1);
    const roster = await cloud.ok('activities', 'roster', { activityId: id }, 'o_door_volunteer');
    expect(JSON.stringify(roster)).not.toMatch(/o_door_/);
    const [seated, waiting] = roster;
    expect([seated.status, waiting.status]).toEqual(['registered', 'waitlisted']);

    const ticked = await cloud.ok('activities', 'checkIn', { activityId: id, personId: seated.personId }, 'o_door_volunteer');
    expect(ticked).toMatchObject({ personId: seated.personId, alreadyCheckedIn: false });
    expect(attendance(id)).toEqual([expect.objectContaining({ personId: 'o_door_in' })]); // kept under the person, as every tally needs
    expect(await cloud.ok('activities', 'undoCheckIn', { activityId: id, personId: seated.personId }, 'o_door_volunteer')).toEqual({ removed: true });
    expect(attendance(id)).toEqual([]);

    // Staff move someone up and withdraw someone by the same ids.
    expect(await cloud.ok('activities', 'promote', { activityId: id, personId: waiting.personId, addSeats: true }, WORKER)).toMatchObject({
      status: 'registered',
    });
    expect(await cloud.ok('activities', 'cancel', { activityId: id, personId: seated.personId }, WORKER)).toEqual({ activityId: id, status: 'cancelled' });
    expect(Object.fromEntries(signUpDocs(cloud, id).map((s) => [s.personId, s.active]))).toEqual({ o_door_in: false, o_door_wait: true });
    expect(activityDoc(cloud, id)).toMatchObject({ seatHolders: ['o_door_wait'], seatsHeld: { o_door_wait: 1 }, seatsTaken: 1 });
  });

  test('a volunteer lists only what was published: drafts stay with staff', async () => {
    await cloud.ok('users', 'me', {}, 'o_list_volunteer');
    await cloud.ok('users', 'setRoles', { personId: 'o_list_volunteer', roles: ['volunteer'] }, ADMIN);
    const { id: draft } = await cloud.ok(
      'activities',
      'create',
      { title: '还没发布的', serviceArea: '社区', capacity: 5, startAt: fromNow(30), endAt: fromNow(31) },
      WORKER,
    );
    const open = await published(cloud);
    const listed = async (who: string, status?: 'draft') => (await cloud.ok('activities', 'listForStaff', status ? { status } : {}, who)).map((a) => a.id);
    expect(await listed(WORKER)).toEqual(expect.arrayContaining([draft, open]));
    expect(await listed('o_list_volunteer')).toContain(open);
    expect(await listed('o_list_volunteer')).not.toContain(draft);
    expect(await listed('o_list_volunteer', 'draft')).toEqual([]);
  });
});

describe('小组: a series of sessions', () => {
  test('members enrol once and attendance is kept per session', async () => {
    const { id } = await cloud.ok(
      'activities',
      'create',
      {
        title: '智能机学习小组',
        serviceArea: '老年人',
        capacity: 8,
        sessions: [1, 2, 3].map((week) => ({ startAt: fromNow(24 * 7 * week), endAt: fromNow(24 * 7 * week + 1.5), topic: `第${week}课` })),
      },
      WORKER,
    );
    await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
    for (const p of ['o_g_1', 'o_g_2']) {
      await resident(cloud, p);
      await cloud.ok('activities', 'signUp', { activityId: id }, p);
    }
    const seen = await cloud.ok('activities', 'get', { activityId: id }, 'o_g_1');
    expect(seen.sessions.map((s) => s.topic)).toEqual(['第1课', '第2课', '第3课']);
    expect(seen.sessionCount).toBe(3);
    expect(seen.seatsTaken).toBe(2);

    // Not today: the worker names the session.
    expect(await cloud.call('activities', 'checkIn', { activityId: id, personId: 'o_g_1' }, WORKER)).toMatchObject({
      ok: false,
      error: { code: 'SESSION_REQUIRED' },
    });
    await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_g_1', sessionId: `${id}-1` }, WORKER);
    await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_g_2', sessionId: `${id}-1` }, WORKER);
    await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_g_1', sessionId: `${id}-2` }, WORKER);
    const byPerson = (p: string) =>
      attendance(id)
        .filter((a) => a.personId === p)
        .map((a) => [a.sessionId, a.title]);
    expect(byPerson('o_g_1')).toEqual([
      [`${id}-1`, '智能机学习小组（第1次）'],
      [`${id}-2`, '智能机学习小组（第2次）'],
    ]);
    expect(byPerson('o_g_2')).toEqual([[`${id}-1`, '智能机学习小组（第1次）']]);
    expect((await cloud.ok('activities', 'mine', {}, 'o_g_1')).items[0].signUp.checkedIn).toEqual([`${id}-1`, `${id}-2`]);
  });
});

describe('the paper trail', () => {
  test('报名表 and 签到表 export as real .xlsx files', async () => {
    const id = await published(cloud, { title: '社区大讲堂', capacity: 1 });
    await resident(cloud, 'o_x_1', '表格一号');
    await resident(cloud, 'o_x_2', '表格二号');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_x_1');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_x_2');
    await cloud.ok('activities', 'checkIn', { activityId: id, personId: 'o_x_1' }, WORKER);

    const roster = await cloud.ok('activities', 'exportRoster', { activityId: id }, WORKER);
    expect(roster.fileName).toBe('社区大讲堂-报名表.xlsx');
    const r = await readSheet(roster);
    expect(r.name).toBe('报名表');
    expect(r.rows[0][0]).toBe('社区大讲堂 报名表');
    expect(r.rows[2]).toEqual(['序号', '姓名', '电话', '同行家人', '人数', '状态', '报名方式', '报名时间']);
    expect(r.rows.slice(3).map((row) => [row[1], row[5]])).toEqual([
      ['表格一号', '已报名'],
      ['表格二号', '候补'],
    ]);

    const signin = await cloud.ok('activities', 'exportRoster', { activityId: id, sheet: 'signin' }, WORKER);
    const s = await readSheet(signin);
    expect(s.name).toBe('签到表');
    expect(s.rows.slice(3)).toEqual([[1, '表格一号', expect.stringMatching(/^139/), '', 1, 1, '✓', '']]);
    expect(await cloud.call('activities', 'exportRoster', { activityId: id }, 'o_x_1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('notices to residents', () => {
  test('the day-before timer reminds everyone registered once, however often it runs', async () => {
    // The timer fires at 18:00 station time (config.json), so the test stands there: "tomorrow"
    // then holds between moving the activity and the timer, whatever instant the suite started at.
    standAtNext(cloud, '18:00');
    const id = await published(cloud, { capacity: 1 });
    await resident(cloud, 'o_rem_in');
    await resident(cloud, 'o_rem_wait');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_rem_in');
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_rem_wait');
    await moveTo(cloud, id, 24);

    const timer = { Type: 'Timer', TriggerName: 'remind', Time: cloud.clock.now().toISOString() };
    const first = (await cloud.host.invoke('activities', timer, null)) as { ok: boolean; data: { reminded: number } };
    expect(first).toMatchObject({ ok: true, data: { reminded: expect.any(Number) } });
    expect(first.data.reminded).toBeGreaterThanOrEqual(1);
    const again = (await cloud.host.invoke('activities', timer, null)) as { ok: boolean; data: { reminded: number } };
    expect(again.data.reminded).toBe(0);
    expect(outbox(cloud, id)).toEqual([expect.objectContaining({ kind: 'reminder', personId: 'o_rem_in' })]);
    expect(await cloud.call('activities', 'remind', {}, 'o_rem_in')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('calling an activity off tells everyone signed up, and nobody can sign up any more', async () => {
    const id = await published(cloud, { capacity: 1 });
    for (const p of ['o_off_1', 'o_off_2']) {
      await resident(cloud, p);
      await cloud.ok('activities', 'signUp', { activityId: id }, p);
    }
    expect(await cloud.ok('activities', 'cancelActivity', { activityId: id }, WORKER)).toEqual({ id, status: 'cancelled' });
    expect(await cloud.ok('activities', 'cancelActivity', { activityId: id }, WORKER)).toEqual({ id, status: 'cancelled' });
    expect(
      outbox(cloud, id)
        .map((o) => [o.kind, o.personId])
        .sort(),
    ).toEqual([
      ['activityCancelled', 'o_off_1'],
      ['activityCancelled', 'o_off_2'],
    ]);
    expect(await cloud.call('activities', 'publish', { activityId: id }, WORKER)).toMatchObject({ ok: false, error: { code: 'ACTIVITY_CANCELLED' } });
    expect((await cloud.ok('activities', 'list', {}, 'o_off_1')).map((a) => a.id)).not.toContain(id);
  });
});

describe('calling off while residents sign up', () => {
  const told = (id: string) =>
    outbox(cloud, id)
      .filter((o) => o.kind === 'activityCancelled')
      .map((o) => o.personId)
      .sort();
  const stillSignedUp = (id: string) =>
    signUpDocs(cloud, id)
      .filter((s) => s.active)
      .map((s) => s.personId)
      .sort();

  test('a sign-up written after the call-off’s notices went out is told too, and hears the activity is off', async () => {
    const id = await published(cloud);
    for (const p of ['o_off_early', 'o_off_late']) await resident(cloud, p);
    await cloud.ok('activities', 'signUp', { activityId: id }, 'o_off_early');
    // The late sign-up has read the activity as open; its write is held up until the call-off is done.
    cloud.emulator.resetCounts();
    cloud.emulator.faults.inject({ action: 'database.insertDocument', collection: 'signups', delayMs: 300, times: 1 });
    const late = cloud.call('activities', 'signUp', { activityId: id }, 'o_off_late');
    await until(() => arrived(cloud, 'database.insertDocument') === 1);
    await cloud.ok('activities', 'cancelActivity', { activityId: id }, WORKER);
    expect(await late).toMatchObject({ ok: false, error: { code: 'ACTIVITY_CANCELLED' } });
    cloud.emulator.faults.clear();
    expect(told(id)).toEqual(['o_off_early', 'o_off_late']);
    expect(stillSignedUp(id)).toEqual(told(id));
  });
});

describe('my activities', () => {
  test('a resident sees their sign-ups with status and their personal check-in code', async () => {
    const open = await published(cloud, { title: '我报的活动' });
    const full = await published(cloud, { title: '满了的活动', capacity: 1 });
    await resident(cloud, 'o_my_other');
    await cloud.ok('activities', 'signUp', { activityId: full }, 'o_my_other');
    await resident(cloud, 'o_my');
    await cloud.ok('activities', 'signUp', { activityId: open }, 'o_my');
    await cloud.ok('activities', 'signUp', { activityId: full }, 'o_my');

    const mine = await cloud.ok('activities', 'mine', {}, 'o_my');
    expect(mine.checkinCode).toBe((await cloud.ok('users', 'me', {}, 'o_my')).checkinCode);
    expect(mine.items.map((i) => [i.activity.title, i.signUp.status])).toEqual([
      ['满了的活动', 'waitlisted'],
      ['我报的活动', 'registered'],
    ]);
    const listed = await cloud.ok('activities', 'list', {}, 'o_my');
    expect(listed.find((a) => a.id === open)?.myStatus).toBe('registered');
  });

  test('editing a notice keeps what was not touched, and a finished one cannot be edited', async () => {
    const id = await published(cloud, { title: '原标题', place: '便民大厅', maxParty: 2 });
    const edited = await cloud.ok('activities', 'update', { activityId: id, title: '新标题' }, WORKER);
    expect(edited).toMatchObject({ title: '新标题', place: '便民大厅', maxParty: 2, status: 'published' });
    await moveTo(cloud, id, -1);
    await cloud.ok('activities', 'finish', { activityId: id }, WORKER);
    expect(await cloud.call('activities', 'update', { activityId: id, title: '再改' }, WORKER)).toMatchObject({ ok: false, error: { code: 'NOT_EDITABLE' } });
    expect((await cloud.ok('activities', 'listForStaff', { status: 'finished' }, WORKER)).map((a) => a.id)).toContain(id);
  });
});
