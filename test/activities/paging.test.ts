import tcb from '@cloudbase/node-sdk';
import { attendanceRecord } from '../../cloudfunctions/_shared/attendance';
import { AppError } from '../../cloudfunctions/_shared/errors';
import { PAGE, readAll, readByIds } from '../../cloudfunctions/_shared/paging';
import { emptyPerson } from '../../cloudfunctions/_shared/people';
import { attendanceSession, signUpId, type ActivityDoc, type SignUpDoc } from '../../cloudfunctions/activities/rules';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { workbookOf } from '../support/files';
import { activityDoc, fromNow, published, resident, startActivitiesCloud, WORKER } from './helpers';

// Past the server's caps: 1000 documents a get(), and the old 100/200 a list asked for.
jest.setTimeout(120_000);

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startActivitiesCloud();
});
afterAll(() => cloud.close());

const database = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();

/** Adds documents straight to the database, a few at a time. Test setup only. */
async function insert(collection: string, docs: object[]) {
  const c = database().collection(collection);
  for (let i = 0; i < docs.length; i += 50) await Promise.all(docs.slice(i, i + 50).map((d) => c.add(d)));
}

/** `n` people seated on the activity (each alone), written straight to the records as the functions would leave them. */
async function seat(id: string, n: number, prefix: string): Promise<string[]> {
  const now = new Date(nowMs());
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
  await insert(
    'users',
    ids.map((p) => ({ ...emptyPerson(p, p, now), name: `名单${p.slice(-5)}`, phone: '13900000000' })),
  );
  await insert(
    'signups',
    ids.map((p, i): SignUpDoc => ({
      _id: signUpId(id, p),
      activityId: id,
      personId: p,
      active: true,
      seats: 1,
      party: [],
      ref: `ref${p}`,
      agreedSafetyAt: null,
      by: p,
      queuedAt: new Date(now.getTime() + i),
      noShow: [],
      createdAt: now,
      updatedAt: now,
    })),
  );
  await database()
    .collection('activities')
    .doc(id)
    .update({ capacity: n, seatsTaken: n, seatHolders: ids, seatsHeld: Object.fromEntries(ids.map((p) => [p, 1])) });
  return ids;
}

describe('nothing silently cut off', () => {
  test('a roster, its export and a series’ check-ins past 1,000 are read in full', async () => {
    const id = await published(cloud, {
      capacity: 10,
      sessions: [
        { startAt: fromNow(48), endAt: fromNow(50) },
        { startAt: fromNow(72), endAt: fromNow(74) },
      ],
      startAt: undefined,
      endAt: undefined,
    });
    const ids = await seat(id, 1100, 'o_pg_r');
    const a = activityDoc(cloud, id);
    const now = new Date(nowMs());
    await insert(
      'attendance',
      a.sessions.flatMap((slot) => ids.slice(0, 600).map((p) => attendanceRecord(attendanceSession(a, slot), p, 1, WORKER, now))),
    );

    const roster = await cloud.ok('activities', 'roster', { activityId: id }, WORKER);
    expect(roster).toHaveLength(1100);
    expect(new Set(roster.map((e) => e.personId)).size).toBe(1100);
    expect(roster.every((e) => e.status === 'registered' && e.name.startsWith('名单'))).toBe(true);
    // 1,200 check-ins of the series: each of the first 600 came to both sessions.
    expect(roster.filter((e) => e.attendance.length === 2)).toHaveLength(600);
    expect(activityDoc(cloud, id).seatsTaken).toBe(1100);

    const file = await cloud.ok('activities', 'exportRoster', { activityId: id }, WORKER);
    const sheet = (await workbookOf(file)).worksheets[0];
    const names: unknown[] = [];
    sheet.eachRow((row) => {
      const name = row.getCell(2).value;
      if (typeof name === 'string' && name.startsWith('名单')) names.push(name);
    });
    expect(names).toHaveLength(1100);
    expect(new Set(names).size).toBe(1100);
  });

  test('the resident’s lists past 100 activities and the staff list past 200 are complete', async () => {
    const template = activityDoc(cloud, await published(cloud, { title: '模板活动' }));
    const me = await resident(cloud, 'o_pg_many');
    const now = new Date(nowMs());
    const made: ActivityDoc[] = Array.from({ length: 210 }, (_, i) => ({
      ...template,
      _id: `pg${String(i).padStart(4, '0')}`,
      title: `批量活动${i}`,
      sessions: template.sessions.map((s) => ({ ...s, id: `pg${i}-${s.id}` })),
    }));
    await insert('activities', made);
    await insert(
      'signups',
      made.slice(0, 120).map((a, i): SignUpDoc => ({
        _id: signUpId(a._id, me),
        activityId: a._id,
        personId: me,
        active: false,
        seats: 1,
        party: [],
        ref: `ref${a._id}`,
        agreedSafetyAt: null,
        by: me,
        queuedAt: new Date(now.getTime() + i),
        noShow: [],
        createdAt: now,
        updatedAt: now,
      })),
    );

    const list = await cloud.ok('activities', 'list', {}, me);
    const listed = new Set(list.map((a) => a.id));
    expect(made.every((a) => listed.has(a._id))).toBe(true);
    expect(list.filter((a) => a.myStatus === 'cancelled')).toHaveLength(120);

    const mine = await cloud.ok('activities', 'mine', {}, me);
    expect(mine.items.filter((i) => i.activity.id.startsWith('pg'))).toHaveLength(120);

    const staff = await cloud.ok('activities', 'listForStaff', {}, WORKER);
    const forStaff = new Set(staff.map((a) => a.id));
    expect(made.every((a) => forStaff.has(a._id))).toBe(true);
  });
});

describe('reading in pages', () => {
  const source = (n: number) => {
    const asked: Array<[number, number]> = [];
    const page = async (skip: number, limit: number) => {
      asked.push([skip, limit]);
      return { data: Array.from({ length: Math.max(0, Math.min(limit, n - skip)) }, (_, i) => skip + i) };
    };
    return { page, asked };
  };

  test('every page is read, up to the one that comes back short', async () => {
    const { page, asked } = source(2 * PAGE + 1);
    expect(await readAll<number>(page)).toHaveLength(2 * PAGE + 1);
    expect(asked).toEqual([
      [0, PAGE],
      [PAGE, PAGE],
      [2 * PAGE, PAGE],
    ]);
    const ids = Array.from({ length: PAGE + 5 }, (_, i) => `p${i}`);
    const slices: number[] = [];
    const found = await readByIds(ids, async (slice, skip) => {
      if (skip === 0) slices.push(slice.length);
      return { data: skip === 0 ? slice : [] };
    });
    expect(found).toHaveLength(PAGE + 5);
    expect(slices).toEqual([PAGE, 5]);
  });

  test('past what the product serves it refuses with TOO_MANY, never a part', async () => {
    const { page } = source(3 * PAGE);
    const refused = await readAll(page, 2 * PAGE).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'TOO_MANY', message: expect.stringContaining('数据太多') });
  });
});
