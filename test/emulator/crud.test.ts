/** CRUD, queries, limits, commands and aggregation through the real @cloudbase/node-sdk over loopback. */
import { errorOf, openTestDb, type AnyDb, type TestDb } from './helpers';

let t: TestDb;
let db: AnyDb;
let _: AnyDb;

beforeAll(async () => {
  t = await openTestDb({ collections: ['items', 'seats', 'users', 'orders', 'big'] });
  db = t.db;
  _ = db.command;
});
afterAll(() => t.close());

describe('collections', () => {
  test('a missing collection is an error, as in the real service; createCollection makes it', async () => {
    expect((await errorOf(db.collection('nope').get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await errorOf(db.collection('nope').add({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await errorOf(db.collection('nope').where({}).update({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    await db.createCollection('nope');
    expect((await db.collection('nope').get()).data).toEqual([]);
    expect((await errorOf(db.createCollection('nope'))).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
  });

  test('an unknown action is a clear error', async () => {
    const r = await fetch(t.emu.url, { method: 'POST', body: JSON.stringify({ action: 'database.frobnicate' }) });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ code: 'INVALID_ACTION', message: expect.stringContaining('database.frobnicate') });
  });
});

describe('CRUD', () => {
  test('add, doc().get, generated _id, Dates round-trip', async () => {
    const when = new Date('2024-05-01T08:00:00.000Z');
    const { id } = await db.collection('items').add({ name: 'a', n: 1, when, nested: { x: [1, { y: 2 }] } });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await db.collection('items').doc(id).get();
    expect(data).toEqual([{ _id: id, name: 'a', n: 1, when, nested: { x: [1, { y: 2 }] } }]);
    expect(data[0].when).toBeInstanceOf(Date);
    expect((await db.collection('items').doc('missing').get()).data).toEqual([]);
  });

  test('duplicate _id fails with DATABASE_DUPLICATE_WRITE / E11000', async () => {
    await db.collection('items').add({ _id: 'natural-key', v: 1 });
    const e = await errorOf(db.collection('items').add({ _id: 'natural-key', v: 2 }));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(e.message).toContain('E11000 duplicate key');
    expect((await db.collection('items').doc('natural-key').get()).data[0].v).toBe(1);
  });

  test('batch add returns ids; set replaces / upserts; update merges; remove', async () => {
    const { ids } = await db.collection('items').add([{ k: 'b1' }, { k: 'b2' }]);
    expect(ids).toHaveLength(2);
    const set1 = await db
      .collection('items')
      .doc('s1')
      .set({ a: 1, b: { c: 2 } });
    expect(set1.upsertedId).toBe('s1');
    const set2 = await db.collection('items').doc('s1').set({ z: 9 });
    expect(set2.updated).toBe(1);
    expect((await db.collection('items').doc('s1').get()).data).toEqual([{ _id: 's1', z: 9 }]);
    const up = await db
      .collection('items')
      .doc('s1')
      .update({ y: { deep: 1 }, z: _.inc(1) });
    expect(up.updated).toBe(1);
    expect((await db.collection('items').doc('s1').get()).data).toEqual([{ _id: 's1', z: 10, y: { deep: 1 } }]);
    // updated counts real changes, as MongoDB's nModified
    expect((await db.collection('items').doc('s1').update({ z: 10 })).updated).toBe(0);
    expect((await db.collection('items').doc('nope').update({ z: 1 })).updated).toBe(0);
    expect((await db.collection('items').doc('s1').remove()).deleted).toBe(1);
    expect((await db.collection('items').doc('s1').remove()).deleted).toBe(0);
  });

  test('where().update() and where().remove() are multi-document', async () => {
    await db.collection('items').add([
      { grp: 'm', v: 1 },
      { grp: 'm', v: 2 },
      { grp: 'm', v: 3 },
      { grp: 'o', v: 4 },
    ]);
    expect((await db.collection('items').where({ grp: 'm' }).update({ flag: true })).updated).toBe(3);
    expect((await db.collection('items').where({ flag: true }).count()).total).toBe(3);
    expect(
      (
        await db
          .collection('items')
          .where({ grp: 'm', v: _.gte(2) })
          .remove()
      ).deleted,
    ).toBe(2);
    expect(
      (
        await db
          .collection('items')
          .where({ grp: _.in(['m', 'o']) })
          .count()
      ).total,
    ).toBe(2);
  });
});

describe('queries', () => {
  beforeAll(async () => {
    await db.collection('users').add([
      { _id: 'u1', name: 'Alice', age: 30, tags: ['a', 'b'], pets: [{ kind: 'cat', age: 3 }], city: 'BJ' },
      { _id: 'u2', name: 'bob', age: 25, tags: ['b'], pets: [{ kind: 'dog', age: 5 }], nick: 'bb' },
      { _id: 'u3', name: 'Carol', age: 35, tags: [], pets: [], city: 'SH' },
      {
        _id: 'u4',
        name: 'dave',
        age: 25,
        tags: ['c'],
        pets: [
          { kind: 'cat', age: 1 },
          { kind: 'dog', age: 9 },
        ],
      },
    ]);
  });
  const names = (r: { data: Array<{ name: string }> }) => r.data.map((d) => d.name);

  test('orderBy / skip / limit / field', async () => {
    const r = await db.collection('users').where({}).orderBy('age', 'desc').orderBy('name', 'asc').skip(1).limit(2).get();
    expect(names(r)).toEqual(['Alice', 'bob']);
    const f = await db.collection('users').where({ _id: 'u1' }).field({ name: true, age: true }).get();
    expect(f.data).toEqual([{ _id: 'u1', name: 'Alice', age: 30 }]);
    const f2 = await db.collection('users').doc('u2').field({ pets: false, tags: false }).get();
    expect(f2.data).toEqual([{ _id: 'u2', name: 'bob', age: 25, nick: 'bb' }]);
  });

  test('command operators: in, gte, or, exists, regexp, elemMatch, neq, nin, size', async () => {
    expect(
      names(
        await db
          .collection('users')
          .where({ age: _.in([25]) })
          .orderBy('name', 'asc')
          .get(),
      ),
    ).toEqual(['bob', 'dave']);
    expect(
      names(
        await db
          .collection('users')
          .where({ age: _.gte(30) })
          .orderBy('age', 'asc')
          .get(),
      ),
    ).toEqual(['Alice', 'Carol']);
    expect(
      names(
        await db
          .collection('users')
          .where(_.or([{ city: 'SH' }, { nick: 'bb' }]))
          .orderBy('name', 'asc')
          .get(),
      ),
    ).toEqual(['Carol', 'bob']);
    expect(
      names(
        await db
          .collection('users')
          .where({ age: _.gt(26).and(_.lt(34)) })
          .get(),
      ),
    ).toEqual(['Alice']);
    expect(
      names(
        await db
          .collection('users')
          .where({ city: _.exists(false) })
          .orderBy('name', 'asc')
          .get(),
      ),
    ).toEqual(['bob', 'dave']);
    expect(
      names(
        await db
          .collection('users')
          .where({ name: db.RegExp({ regexp: '^[a-c]', options: 'i' }) })
          .orderBy('name', 'asc')
          .get(),
      ),
    ).toEqual(['Alice', 'Carol', 'bob']);
    expect(names(await db.collection('users').where({ name: /^d/ }).get())).toEqual(['dave']);
    expect(
      names(
        await db
          .collection('users')
          .where({ pets: _.elemMatch({ kind: 'dog', age: _.gt(6) }) })
          .get(),
      ),
    ).toEqual(['dave']);
    expect(names(await db.collection('users').where({ 'pets.kind': 'cat' }).orderBy('name', 'asc').get())).toEqual(['Alice', 'dave']);
    expect(
      names(
        await db
          .collection('users')
          .where({ age: _.neq(25), tags: _.size(0) })
          .get(),
      ),
    ).toEqual(['Carol']);
    expect(
      names(
        await db
          .collection('users')
          .where({ tags: _.nin(['b']), age: _.lte(30) })
          .get(),
      ),
    ).toEqual(['dave']);
  });

  test('array update commands: push, pull, addToSet, pop; dot paths and positions; unset, mul, min, max', async () => {
    const c = db.collection('users');
    await c.doc('u1').update({ tags: _.push(['c', 'd']) });
    await c.doc('u1').update({ tags: _.pull('a') });
    await c.doc('u1').update({ tags: _.addToSet('b') });
    await c.doc('u1').update({ tags: _.addToSet('e') });
    expect((await c.doc('u1').get()).data[0].tags).toEqual(['b', 'c', 'd', 'e']);
    await c.doc('u1').update({ tags: _.pop() });
    await c.doc('u1').update({ 'pets.0.age': _.inc(1), 'stats.score': 10 });
    await c.doc('u1').update({ pets: _.pull({ kind: 'nothing' }), stats: { score: _.mul(3) } });
    await c.doc('u1').update({ age: _.max(31), city: _.remove() });
    await c.doc('u1').update({ 'stats.score': _.min(20) });
    const d = (await c.doc('u1').get()).data[0];
    expect(d).toEqual({ _id: 'u1', name: 'Alice', age: 31, tags: ['b', 'c', 'd'], pets: [{ kind: 'cat', age: 4 }], stats: { score: 20 } });
  });

  test('more commands: unshift, shift, pullAll, push modifiers, rename, set(object), positional $, projections', async () => {
    const c = db.collection('items');
    await c.add({
      _id: 'ops',
      arr: [3, 1, 2],
      objs: [
        { k: 1, v: 'a' },
        { k: 2, v: 'b' },
      ],
      o: { p: 1 },
      n: 7,
    });
    await c.doc('ops').update({ arr: _.unshift([0]) });
    await c.doc('ops').update({ arr: _.shift() });
    await c.doc('ops').update({ arr: _.pullAll([1]) });
    await c.doc('ops').update({ arr: _.push({ each: [9, 5], sort: 1, slice: 3 }) });
    await c.doc('ops').update({ n: _.rename('m'), o: _.set({ r: 3 }) });
    expect((await c.where({ _id: 'ops', 'objs.k': 2 }).update({ 'objs.$.v': 'B' })).updated).toBe(1);
    expect((await c.doc('ops').get()).data[0]).toEqual({
      _id: 'ops',
      arr: [2, 3, 5],
      objs: [
        { k: 1, v: 'a' },
        { k: 2, v: 'B' },
      ],
      o: { r: 3 },
      m: 7,
    });
    expect(
      (
        await c
          .doc('ops')
          .field({ arr: _.project.slice(1) })
          .get()
      ).data,
    ).toEqual([{ _id: 'ops', arr: [2] }]);
    expect(
      (
        await c
          .doc('ops')
          .field({ objs: _.project.elemMatch({ k: 2 }) })
          .get()
      ).data,
    ).toEqual([{ _id: 'ops', objs: [{ k: 2, v: 'B' }] }]);
    expect((await c.where(_.and([{ m: _.mod([3, 1]) }, { arr: _.all([2, 5]) }, { m: _.not(_.gt(10)) }])).count()).total).toBe(1);
    expect((await c.where(_.expr(_.aggregate.gt(['$m', 5]))).count()).total).toBe(1);
    expect((await errorOf(c.doc('ops').update({ m: _.inc('x') }))).code).toBe('DATABASE_REQUEST_FAILED');
  });

  test('serverDate in add, update and queries', async () => {
    const before = Date.now();
    const { id } = await db.collection('items').add({ kind: 'sd', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) });
    const d = (await db.collection('items').doc(id).get()).data[0];
    expect(d.at).toBeInstanceOf(Date);
    expect(d.at.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(d.later.getTime() - d.at.getTime()).toBe(60_000);
    await db.collection('items').doc(id).update({ touched: db.serverDate() });
    expect(
      (
        await db
          .collection('items')
          .where({ kind: 'sd', at: _.lte(db.serverDate()) })
          .count()
      ).total,
    ).toBe(1);
    expect(
      (
        await db
          .collection('items')
          .where({ kind: 'sd', later: _.lte(db.serverDate()) })
          .count()
      ).total,
    ).toBe(0);
  });
});

describe('limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_x, i) => ({ i }));
    await db.collection('big').add(docs.slice(0, 600));
    await db.collection('big').add(docs.slice(600));
  });

  test('get() returns 100 by default, at most 1000, and skip pages through', async () => {
    expect((await db.collection('big').get()).data).toHaveLength(100);
    expect((await db.collection('big').limit(2000).get()).data).toHaveLength(1000);
    const page = await db.collection('big').orderBy('i', 'asc').skip(1050).limit(100).get();
    expect(page.data.map((d: { i: number }) => d.i)).toEqual(Array.from({ length: 50 }, (_x, k) => 1050 + k));
    expect((await db.collection('big').count()).total).toBe(1100);
  });

  test('the server caps limit at 1000 even if a client asks for more', async () => {
    const r = await fetch(t.emu.url, {
      method: 'POST',
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'big', queryType: 'WHERE', limit: 5000 }),
    });
    expect(((await r.json()) as { data: { list: unknown[] } }).data.list).toHaveLength(1000);
  });
});

describe('atomic guarded update', () => {
  test('200 concurrent "take a seat if one is left" calls end at exactly 30 with 30 updated:1 replies', async () => {
    await db.collection('seats').add({ _id: 'act1', taken: 0 });
    t.emu.resetCounts();
    const replies = await Promise.all(
      Array.from({ length: 200 }, () =>
        db
          .collection('seats')
          .where({ _id: 'act1', taken: _.lt(30) })
          .update({ taken: _.inc(1) }),
      ),
    );
    expect(replies.filter((r: { updated: number }) => r.updated === 1)).toHaveLength(30);
    expect(replies.filter((r: { updated: number }) => r.updated === 0)).toHaveLength(170);
    expect((await db.collection('seats').doc('act1').get()).data[0].taken).toBe(30);
    expect(t.emu.requestCounts()).toEqual({ 'database.modifyDocument': 200, 'database.getDocument': 1 });
    expect(t.emu.totalRequests()).toBe(201);
  });

  test('updateAndReturn returns the updated document, or null when nothing matched', async () => {
    await db.collection('seats').add({ _id: 'ctr', n: 0 });
    const r = await db
      .collection('seats')
      .where({ _id: 'ctr' })
      .updateAndReturn({ n: _.inc(5), by: 'x' });
    expect(r.updated).toBe(1);
    expect(r.doc).toEqual({ _id: 'ctr', n: 5, by: 'x' });
    const none = await db
      .collection('seats')
      .where({ _id: 'ctr', n: _.gt(100) })
      .updateAndReturn({ n: _.inc(1) });
    expect(none.updated).toBe(0);
    expect(none.doc).toBeNull();
  });
});

describe('aggregate', () => {
  beforeAll(async () => {
    await db.collection('orders').add([
      { _id: 'o1', user: 'u1', total: 10, items: ['x', 'y'] },
      { _id: 'o2', user: 'u1', total: 5, items: ['y'] },
      { _id: 'o3', user: 'u2', total: 7, items: [] },
      { _id: 'o4', user: 'u3', total: 1, items: ['z'] },
    ]);
  });

  test('match / group / sort / limit / project', async () => {
    const $ = db.command.aggregate;
    const r = await db
      .collection('orders')
      .aggregate()
      .match({ total: _.gt(1) })
      .group({ _id: '$user', sum: $.sum('$total'), n: $.sum(1) })
      .sort({ sum: -1 })
      .limit(10)
      .project({ _id: 0, user: '$_id', sum: 1, n: 1 })
      .end();
    expect(r.data).toEqual([
      { user: 'u1', sum: 15, n: 2 },
      { user: 'u2', sum: 7, n: 1 },
    ]);
  });

  test('lookup / unwind / count', async () => {
    const r = await db
      .collection('orders')
      .aggregate()
      .match({ _id: 'o1' })
      .lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'buyer' })
      .unwind('$items')
      .project({ item: '$items', buyerName: { $arrayElemAt: ['$buyer.name', 0] } })
      .limit(10)
      .end();
    expect(r.data).toEqual([
      { _id: 'o1', item: 'x', buyerName: 'Alice' },
      { _id: 'o1', item: 'y', buyerName: 'Alice' },
    ]);
    const c = await db.collection('orders').aggregate().match({ user: 'u1' }).count('n').end();
    expect(c.data).toEqual([{ n: 2 }]);
  });

  test('without $limit the page is 20', async () => {
    expect((await db.collection('big').aggregate().match({}).end()).data).toHaveLength(20);
    expect((await db.collection('big').aggregate().match({}).limit(50).end()).data).toHaveLength(50);
  });
});

describe('fault injection', () => {
  test('fail and delay by action / collection, limited times', async () => {
    t.emu.faults.inject({ action: 'database.calculateDocument', collection: 'items', fail: true, times: 1 });
    expect((await errorOf(db.collection('items').count())).code).toBe('SYS_ERR');
    expect((await db.collection('items').count()).total).toBeGreaterThan(0);
    t.emu.faults.inject({ collection: 'users', delayMs: 150 });
    const t0 = Date.now();
    await db.collection('users').count();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    t.emu.faults.clear();
  });
});
