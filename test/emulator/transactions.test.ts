/** Transactions through the real SDK: commit, rollback, conflicts, snapshot isolation, expiry. */
import { rmSync } from 'node:fs';
import { startEmulator } from '../../local/emulator';
import { errorOf, openTestDb, pointSdk, sleep, tempDir, type AnyDb, type TestDb } from './helpers';

let t: TestDb;
let db: AnyDb;
let _: AnyDb;

beforeAll(async () => {
  t = await openTestDb({ collections: ['acc', 'log'] });
  db = t.db;
  _ = db.command;
});
afterAll(() => t.close());
beforeEach(() => {
  pointSdk(t.emu.url);
  t.emu.resetCounts();
});

const get = async (id: string) => (await db.collection('acc').doc(id).get()).data[0];

test('runTransaction commits every write atomically and returns the callback value', async () => {
  await db.collection('acc').add([
    { _id: 'a', bal: 100 },
    { _id: 'b', bal: 0 },
  ]);
  const res = await db.runTransaction(async (tx: AnyDb) => {
    const a = (await tx.collection('acc').doc('a').get()).data;
    await tx
      .collection('acc')
      .doc('a')
      .update({ bal: _.inc(-30) });
    await tx
      .collection('acc')
      .doc('b')
      .update({ bal: _.inc(30) });
    await tx.collection('log').add({ _id: 'l1', amount: 30 });
    // reads inside see own writes; outside does not, until commit
    expect((await tx.collection('acc').doc('a').get()).data.bal).toBe(70);
    expect((await get('a')).bal).toBe(100);
    expect(await db.collection('log').doc('l1').get()).toMatchObject({ data: [] });
    return a.bal;
  });
  expect(res).toBe(100);
  expect((await get('a')).bal).toBe(70);
  expect((await get('b')).bal).toBe(30);
  expect((await db.collection('log').doc('l1').get()).data).toHaveLength(1);
  expect(t.emu.requestCounts()['database.commitTransaction']).toBe(1);
});

test('a throw inside runTransaction rolls everything back and rethrows', async () => {
  await db.collection('acc').add({ _id: 'r', bal: 5 });
  const boom = new Error('boom');
  await expect(
    db.runTransaction(async (tx: AnyDb) => {
      await tx.collection('acc').doc('r').set({ bal: 999 });
      await tx.collection('acc').add({ _id: 'r2', bal: 1 });
      throw boom;
    }),
  ).rejects.toBe(boom);
  expect((await get('r')).bal).toBe(5);
  expect((await db.collection('acc').doc('r2').get()).data).toEqual([]);
  expect(t.emu.requestCounts()['database.abortTransaction']).toBe(1);

  // explicit rollback(reason) rejects runTransaction with the reason
  await expect(
    db.runTransaction(async (tx: AnyDb) => {
      await tx.collection('acc').doc('r').update({ bal: 0 });
      await tx.rollback('no funds');
    }),
  ).rejects.toBe('no funds');
  expect((await get('r')).bal).toBe(5);
});

test('startTransaction: write-write conflict between two transactions; the first writer wins', async () => {
  await db.collection('acc').add({ _id: 'c', bal: 10 });
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  expect((await t1.collection('acc').doc('c').get()).data.bal).toBe(10);
  expect((await t2.collection('acc').doc('c').get()).data.bal).toBe(10);
  await t1.collection('acc').doc('c').update({ bal: 11 });
  const e = await errorOf(t2.collection('acc').doc('c').update({ bal: 12 }));
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  await t1.commit();
  expect((await get('c')).bal).toBe(11);
  // t2 was aborted by the conflict: committing it fails, rolling it back is harmless
  expect((await errorOf(t2.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  await t2.rollback();
  expect((await get('c')).bal).toBe(11);
});

test('concurrent runTransactions on one document: losers retry, the end state counts every winner exactly once', async () => {
  await db.collection('acc').add({ _id: 'hot', n: 0 });
  const N = 6;
  const results = await Promise.allSettled(
    Array.from({ length: N }, () =>
      db.runTransaction(async (tx: AnyDb) => {
        const cur = (await tx.collection('acc').doc('hot').get()).data;
        await sleep(5);
        await tx
          .collection('acc')
          .doc('hot')
          .update({ n: cur.n + 1 });
      }),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
  failed.forEach((f) => expect(f.reason.code).toBe('DATABASE_TRANSACTION_CONFLICT'));
  expect(ok).toBeGreaterThanOrEqual(1);
  expect((await get('hot')).n).toBe(ok); // no lost update: read-modify-write is serialized
  expect(t.emu.requestCounts()['database.startTransaction']).toBeGreaterThan(N); // someone retried
});

test('snapshot isolation: writes made outside after the start are not seen inside, and conflict on write', async () => {
  await db.collection('acc').add([
    { _id: 's1', v: 1 },
    { _id: 's2', v: 1 },
  ]);
  const tx = await db.startTransaction();
  await db.collection('acc').doc('s1').update({ v: 2 }); // outside, after start
  await db.collection('acc').add({ _id: 's3', v: 1 }); // outside insert
  expect((await tx.collection('acc').doc('s1').get()).data.v).toBe(1);
  expect((await tx.collection('acc').doc('s3').get()).data).toBeNull();
  expect((await get('s1')).v).toBe(2);
  // writing a document changed since the start is a conflict
  expect((await errorOf(tx.collection('acc').doc('s1').update({ v: 3 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await get('s1')).v).toBe(2);

  // an outside write to a document the transaction wrote makes its commit fail (first committer wins)
  const tx2 = await db.startTransaction();
  await tx2.collection('acc').doc('s2').update({ v: 10 });
  await db.collection('acc').where({ _id: 's2' }).update({ v: 20 });
  expect((await errorOf(tx2.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await get('s2')).v).toBe(20);
});

test('only single-document operations inside; where().update() in a transaction runs outside it', async () => {
  await db.collection('acc').add({ _id: 'w', v: 1, grp: 'w' });
  const tx = await db.startTransaction();
  expect((await errorOf(tx.collection('acc').where({ grp: 'w' }).get())).code).toBe('DATABASE_TRANSACTION_FAIL');
  expect((await errorOf(tx.collection('acc').add({ at: db.serverDate() }))).code).toBe('INVALID_PARAM');
  await tx.collection('acc').where({ grp: 'w' }).update({ v: 2 }); // no transactionId on the wire
  await tx.rollback();
  expect((await get('w')).v).toBe(2);
  // duplicate _id inside a transaction
  const tx3 = await db.startTransaction();
  expect((await errorOf(tx3.collection('acc').add({ _id: 'w' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  await tx3.rollback();
});

test('a transaction expires after its lifetime', async () => {
  const dir = tempDir();
  const short = await startEmulator({ port: 0, dataDir: dir, collections: ['acc'], transactionLifetimeMs: 200 });
  try {
    const sdb = pointSdk(short.url);
    await sdb.collection('acc').add({ _id: 'e', v: 1 });
    const tx = await sdb.startTransaction();
    await tx.collection('acc').doc('e').update({ v: 2 });
    await sleep(300);
    const e = await errorOf(tx.commit());
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(e.message).toMatch(/expired/);
    expect((await sdb.collection('acc').doc('e').get()).data[0].v).toBe(1);
  } finally {
    await short.close();
    rmSync(dir, { recursive: true, force: true });
    pointSdk(t.emu.url);
  }
});
