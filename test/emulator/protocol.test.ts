/**
 * Protocol recording: what @cloudbase/node-sdk actually puts on the wire for each kind of call — action,
 * URL path and query keys, body keys, and the EJSON strings of query / data / order / projection / stages —
 * compared to the checked-in fixture __fixtures__/sdk-wire.json. An SDK upgrade that changes the protocol
 * fails here, loudly, before the emulator silently drifts from the real service.
 *
 * Volatile values are masked: transactionId (and seqId, which is only in the URL's query string, of which
 * only the key names are kept). Dates in the calls are fixed. Signatures and timestamps live in headers,
 * which are not recorded. To accept a deliberate change: UPDATE_WIRE_FIXTURE=1 npx jest test/emulator/protocol
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openTestDb, type AnyDb, type TestDb } from './helpers';

const FIXTURE = join(__dirname, '__fixtures__', 'sdk-wire.json');

interface Recorded {
  action: string;
  path: string;
  queryKeys: string[];
  bodyKeys: string[];
  fields: Record<string, unknown>;
}

let t: TestDb;
let db: AnyDb;
let captured: Recorded[] = [];

beforeAll(async () => {
  t = await openTestDb({
    onRequest: (action, body, url) => {
      const u = new URL(url, 'http://emulator');
      const fields: Record<string, unknown> = {};
      for (const k of Object.keys(body).sort()) {
        if (k === 'action') continue;
        fields[k] = k === 'transactionId' ? '<transactionId>' : body[k];
      }
      captured.push({ action, path: u.pathname, queryKeys: [...u.searchParams.keys()].sort(), bodyKeys: Object.keys(body).sort(), fields });
    },
  });
  db = t.db;
});
afterAll(() => t.close());

const AT = new Date('2024-03-01T02:03:04.005Z');

test('what the SDK sends for each kind of call matches the recorded protocol', async () => {
  const _ = db.command;
  const $ = db.command.aggregate;
  const calls: Array<[string, () => Promise<unknown>]> = [
    ['createCollection', () => db.createCollection('wire')],
    ['createCollection other', () => db.createCollection('wire_users')],
    ['add one with _id, Date, array', () => db.collection('wire').add({ _id: 'w1', n: 1, at: AT, tags: ['a'], sub: { x: 1.5 } })],
    [
      'add many, serverDate',
      () =>
        db.collection('wire').add([
          { _id: 'w2', n: 2, at: db.serverDate({ offset: 1000 }) },
          { _id: 'w3', n: 3 },
        ]),
    ],
    ['add to another collection', () => db.collection('wire_users').add({ _id: 'u1', name: 'A' })],
    ['get default', () => db.collection('wire').get()],
    [
      'get where/orderBy/skip/limit/field',
      () =>
        db
          .collection('wire')
          .where({ n: _.gte(1).and(_.lt(10)), tags: _.in(['a', 'b']), 'sub.x': _.exists(true), at: _.lte(AT) })
          .orderBy('n', 'desc')
          .orderBy('at', 'asc')
          .skip(1)
          .limit(5)
          .field({ n: true, tags: true })
          .get(),
    ],
    ['get limit over 1000', () => db.collection('wire').limit(5000).get()],
    [
      'get or / regexp / elemMatch / nested object',
      () =>
        db
          .collection('wire')
          .where(_.or([{ name: db.RegExp({ regexp: '^a', options: 'i' }) }, { name: /b$/m }, { items: _.elemMatch({ k: _.neq(1) }) }, { sub: { x: 1.5 } }]))
          .get(),
    ],
    ['doc().get', () => db.collection('wire').doc('w1').get()],
    ['doc().field().get', () => db.collection('wire').doc('w1').field({ n: true }).get()],
    [
      'count',
      () =>
        db
          .collection('wire')
          .where({ n: _.gt(0) })
          .count(),
    ],
    [
      'where().update with commands',
      () =>
        db
          .collection('wire')
          .where({ _id: 'w1', n: _.lt(30) })
          .update({
            n: _.inc(1),
            tags: _.push(['c']),
            sub: { y: 2 },
            gone: _.remove(),
            at: db.serverDate(),
            m: _.mul(2),
            lo: _.min(1),
            hi: _.max(9),
            pulled: _.pull(_.in([1])),
            set: _.addToSet('z'),
            popped: _.pop(),
          }),
    ],
    [
      'doc().update',
      () =>
        db
          .collection('wire')
          .doc('w2')
          .update({ n: _.inc(5), 'sub.z': true }),
    ],
    ['doc().set', () => db.collection('wire').doc('w3').set({ n: 30, at: AT })],
    [
      'updateAndReturn',
      () =>
        db
          .collection('wire')
          .where({ _id: 'w3' })
          .updateAndReturn({ n: _.inc(1) }),
    ],
    [
      'aggregate all common stages',
      () =>
        db
          .collection('wire')
          .aggregate()
          .match({ n: _.gt(0) })
          .lookup({ from: 'wire_users', localField: 'owner', foreignField: '_id', as: 'owners' })
          .unwind({ path: '$owners', preserveNullAndEmptyArrays: true })
          .addFields({ double: $.multiply(['$n', 2]) })
          .group({ _id: '$tags', total: $.sum('$n'), count: $.sum(1) })
          .sort({ total: -1 })
          .skip(0)
          .limit(10)
          .project({ _id: 0, total: 1, count: 1 })
          .end(),
    ],
    ['aggregate count / sortByCount / unwind string', () => db.collection('wire').aggregate().unwind('$tags').sortByCount('$tags').end()],
    ['aggregate count stage', () => db.collection('wire').aggregate().count('n').end()],
    ['doc().remove', () => db.collection('wire').doc('w2').remove()],
    [
      'where().remove',
      () =>
        db
          .collection('wire')
          .where({ n: _.gt(100) })
          .remove(),
    ],
    [
      'transaction: start, doc get/update/set/remove, add, commit',
      async () => {
        const tx = await db.startTransaction();
        await tx.collection('wire').doc('w1').get();
        await tx
          .collection('wire')
          .doc('w1')
          .update({ n: _.inc(1) });
        await tx.collection('wire').doc('w9').set({ n: 9 });
        await tx.collection('wire').add({ _id: 'w10', n: 10 });
        await tx.collection('wire').doc('w3').remove();
        await tx
          .collection('wire')
          .where({ _id: 'w1' })
          .updateAndReturn({ n: _.inc(1) });
        await tx.commit();
      },
    ],
    [
      'transaction: rollback',
      async () => {
        const tx = await db.startTransaction();
        await tx.rollback();
      },
    ],
  ];

  const recording: Array<{ call: string; requests: Recorded[] }> = [];
  for (const [name, fn] of calls) {
    captured = [];
    await fn();
    recording.push({ call: name, requests: captured });
  }

  if (process.env.UPDATE_WIRE_FIXTURE === '1' || !existsSync(FIXTURE)) {
    if (process.env.UPDATE_WIRE_FIXTURE !== '1') throw new Error(`missing ${FIXTURE}: run with UPDATE_WIRE_FIXTURE=1 to record it`);
    mkdirSync(dirname(FIXTURE), { recursive: true });
    writeFileSync(FIXTURE, JSON.stringify(recording, null, 2) + '\n');
  }
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  expect(recording).toEqual(expected);
});

test('every action the SDK used is one the emulator implements (no INVALID_ACTION during the recording)', () => {
  const used = Object.keys(t.emu.requestCounts()).sort();
  expect(used).toEqual([
    'database.abortTransaction',
    'database.addCollection',
    'database.aggregateDocuments',
    'database.calculateDocument',
    'database.commitTransaction',
    'database.getDocument',
    'database.insertDocument',
    'database.modifyAndReturnDoc',
    'database.modifyDocument',
    'database.removeDocument',
    'database.startTransaction',
  ]);
});
