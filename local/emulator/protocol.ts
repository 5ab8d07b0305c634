/**
 * The wire actions of @cloudbase/node-sdk 3.18.3 (@cloudbase/database 1.4.3), one handler each.
 *
 * A handler runs synchronously: it reads and changes the in-memory store in one go (so every single-document
 * update is atomic and a multi-document where().update() is atomic per document, in fact as a whole), and
 * returns the reply body plus the promise the server must await before replying (the journal fsync of the
 * change, or for reads a barrier on changes still in flight). Field names and reply shapes are the ones
 * the SDK's sources send and parse; see /work/shared/docs/cloudbase-wire.md and test/emulator/protocol.test.ts.
 */
import {
  aggregate,
  applyUpdate,
  containsServerDate,
  DbError,
  decode,
  duplicateKey,
  encode,
  find,
  isDocId,
  matcher,
  newId,
  sortSpec,
  upsertDoc,
  type Doc,
  type DocId,
  type Op,
  type Store,
} from './store';
import type { Transactions } from './transactions';

export type Body = Record<string, unknown>;
export interface Outcome {
  reply: Record<string, unknown>;
  wait: Promise<void>;
}

/** get() without limit returns 100 documents; the server SDK never asks for more than 1000. */
export const DEFAULT_GET_LIMIT = 100;
export const MAX_GET_LIMIT = 1000;
/** aggregate() without an explicit $limit stage returns a small default page (the real service: 20). */
export const DEFAULT_AGGREGATE_LIMIT = 20;

const invalid = (message: string) => new DbError('INVALID_PARAM', message);

function collectionName(b: Body): string {
  const c = b.collectionName;
  if (typeof c !== 'string' || !c) throw invalid('collectionName is required');
  return c;
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid(`${what} must be an object`);
  return v as Record<string, unknown>;
}

const singleDocOnly = () =>
  new DbError('DATABASE_TRANSACTION_FAIL', 'only single-document operations are supported in a transaction: use doc(id).get/set/update/remove or add');

/** The `_id` a single-document call targets (`{_id: X}` or `{_id: {$eq: X}}`). */
function idOf(criteria: unknown): DocId {
  const c = criteria as { _id?: unknown } | undefined;
  const v = c?._id;
  if (isDocId(v)) return v;
  const eq = (v as { $eq?: unknown } | undefined)?.$eq;
  if (isDocId(eq)) return eq;
  throw singleDocOnly();
}

export class Protocol {
  constructor(
    private readonly store: Store,
    private readonly txs: Transactions,
    /** What `db.serverDate()` reads: the local system's one clock (local/clock.ts). */
    private readonly clock: () => number = Date.now,
  ) {}

  readonly handlers: Record<string, (b: Body, now: number) => Outcome> = {
    'database.getDocument': (b, now) => this.getDocument(b, now),
    'database.insertDocument': (b, now) => this.insertDocument(b, now),
    'database.modifyDocument': (b, now) => this.modifyDocument(b, now),
    'database.removeDocument': (b, now) => this.removeDocument(b, now),
    'database.calculateDocument': (b, now) => this.calculateDocument(b, now),
    'database.modifyAndReturnDoc': (b, now) => this.modifyAndReturnDoc(b, now),
    'database.aggregateDocuments': (b, now) => this.aggregateDocuments(b, now),
    'database.addCollection': (b) => this.addCollection(b),
    'database.startTransaction': () => this.read({ transactionId: this.txs.begin() }),
    'database.commitTransaction': (b) => ({ reply: {}, wait: this.txs.commit(this.txs.get(b.transactionId)) }),
    'database.abortTransaction': (b) => this.abortTransaction(b),
  };

  dispatch(action: string, b: Body): Outcome {
    const h = this.handlers[action];
    if (!h) throw new DbError('INVALID_ACTION', `action ${action || '(none)'} is not supported by the local CloudBase emulator`);
    return h(b, this.clock());
  }

  /**
   * The documents a query can match: the one named by a plain `_id` (the common `doc(id)` and
   * `where({_id})` case, as the real service's primary index would), else the whole collection.
   * The matcher still decides; this only spares it a scan.
   */
  private candidates(coll: string, query: unknown): Doc[] {
    const map = this.store.require(coll);
    const id = (query as { _id?: unknown } | undefined)?._id;
    if (isDocId(id)) {
      const d = map.get(id);
      return d ? [d] : [];
    }
    return [...map.values()];
  }

  /** A transaction works on one document: the one its query names, as this transaction sees it. */
  private txDoc(b: Body, coll: string, query: unknown) {
    const tx = this.txs.get(b.transactionId);
    this.store.require(coll);
    const id = idOf(query);
    return { tx, id, cur: this.txs.read(tx, coll, id) };
  }

  private read(reply: Record<string, unknown>): Outcome {
    return { reply, wait: this.store.commit([]) };
  }

  private getDocument(b: Body, now: number): Outcome {
    const coll = collectionName(b);
    const query = decode(b.query, now);
    const projection = decode(b.projection, now) as Record<string, unknown> | undefined;
    const q = matcher(query);
    if (b.transactionId !== undefined) {
      const tx = this.txs.get(b.transactionId);
      // where().get() carries the transactionId too, but a transaction reads single documents only.
      if (b.queryType !== 'DOC') throw singleDocOnly();
      this.store.require(coll);
      const d = this.txs.read(tx, coll, idOf(query));
      const list = d && q.test(d) ? find([d], q, { projection }) : [];
      return this.read({ data: { list: list.map(encode) } });
    }
    const docs = this.candidates(coll, query);
    const asked = typeof b.limit === 'number' && b.limit > 0 ? Math.floor(b.limit) : DEFAULT_GET_LIMIT;
    const offset = typeof b.offset === 'number' && b.offset > 0 ? Math.floor(b.offset) : 0;
    const list = find(docs, q, {
      order: sortSpec(decode(b.order, now)),
      offset,
      limit: Math.min(asked, MAX_GET_LIMIT),
      projection,
    });
    return this.read({ data: { list: list.map(encode) } });
  }

  private insertDocument(b: Body, now: number): Outcome {
    const coll = collectionName(b);
    if (!Array.isArray(b.data) || b.data.length === 0) throw invalid('data must be a non-empty array of documents');
    const inTx = b.transactionId !== undefined;
    if (inTx && b.data.some(containsServerDate)) {
      throw invalid('serverDate is not supported in an insert inside a transaction');
    }
    const docs = b.data.map((text) => {
      const d = { ...asObject(decode(text, now), 'document') };
      if (d._id === undefined) d._id = newId();
      else if (!isDocId(d._id)) throw invalid('_id must be a string or a number');
      return d as Doc & { _id: DocId };
    });
    const map = this.store.require(coll);
    // All or nothing: every id is checked before anything is written.
    const seen = new Set<DocId>();
    const tx = inTx ? this.txs.get(b.transactionId) : undefined;
    for (const d of docs) {
      const exists = tx ? this.txs.read(tx, coll, d._id) !== null : map.has(d._id);
      if (exists || seen.has(d._id)) throw duplicateKey(coll, d._id);
      seen.add(d._id);
    }
    const insertedIds = docs.map((d) => d._id);
    if (tx) {
      for (const d of docs) this.txs.write(tx, coll, d._id, d);
      return this.read({ data: { insertedIds } });
    }
    return { reply: { data: { insertedIds } }, wait: this.store.commit(docs.map((d) => ({ c: coll, i: d._id, d }))) };
  }

  private modifyDocument(b: Body, now: number): Outcome {
    const coll = collectionName(b);
    const query = decode(b.query, now);
    const data = asObject(decode(b.data, now), 'data');
    const merge = b.merge !== false;
    const upsert = b.upsert === true;
    const q = matcher(query);
    if (b.transactionId !== undefined) {
      const { tx, id, cur } = this.txDoc(b, coll, query);
      if (cur && q.test(cur)) {
        const { next, changed } = applyUpdate(cur, data, merge, query);
        if (changed) this.txs.write(tx, coll, id, next);
        return this.read({ data: { updated: changed ? 1 : 0 } });
      }
      if (!upsert) return this.read({ data: { updated: 0 } });
      const doc = upsertDoc(query, data, merge);
      this.txs.write(tx, coll, id, doc);
      return this.read({ data: { updated: 0, upsert_id: id } });
    }
    const map = this.store.require(coll);
    if (query === undefined) throw invalid("param.query can't be empty: use where({}) to update every document");
    const multi = b.multi !== false;
    const ops: Op[] = [];
    let matched = 0;
    for (const d of this.candidates(coll, query)) {
      if (!q.test(d)) continue;
      matched += 1;
      const { next, changed } = applyUpdate(d, data, merge, query);
      if (changed) ops.push({ c: coll, i: d._id as DocId, d: next });
      if (!multi) break;
    }
    const reply: Record<string, unknown> = { updated: ops.length };
    if (matched === 0 && upsert) {
      const doc = upsertDoc(query, data, merge);
      const id = doc._id as DocId;
      if (map.has(id)) throw duplicateKey(coll, id);
      ops.push({ c: coll, i: id, d: doc });
      reply.upsert_id = id;
    }
    return { reply: { data: reply }, wait: this.store.commit(ops) };
  }

  private removeDocument(b: Body, now: number): Outcome {
    const coll = collectionName(b);
    const query = decode(b.query, now);
    const q = matcher(query);
    if (b.transactionId !== undefined) {
      const { tx, id, cur } = this.txDoc(b, coll, query);
      if (!cur || !q.test(cur)) return this.read({ data: { deleted: 0 } });
      this.txs.write(tx, coll, id, null);
      return this.read({ data: { deleted: 1 } });
    }
    if (query === undefined) throw invalid("param.query can't be empty: use where({}) to remove every document");
    const multi = b.multi !== false;
    const ops: Op[] = [];
    for (const d of this.candidates(coll, query)) {
      if (!q.test(d)) continue;
      ops.push({ c: coll, i: d._id as DocId, d: null });
      if (!multi) break;
    }
    return { reply: { data: { deleted: ops.length } }, wait: this.store.commit(ops) };
  }

  private calculateDocument(b: Body, now: number): Outcome {
    const coll = collectionName(b);
    const query = decode(b.query, now);
    const q = matcher(query);
    let total = 0;
    for (const d of this.candidates(coll, query)) if (q.test(d)) total += 1;
    return this.read({ data: { total } });
  }

  /** updateAndReturn(): findOneAndUpdate returning the new document. */
  private modifyAndReturnDoc(b: Body, now: number): Outcome {
    const coll = collectionName(b);
    const query = decode(b.query, now);
    const data = asObject(decode(b.data, now), 'data');
    const q = matcher(query);
    if (b.transactionId !== undefined) {
      const { tx, id, cur } = this.txDoc(b, coll, query);
      if (!cur || !q.test(cur)) return this.read({ data: { updated: 0, doc: null } });
      const { next, changed } = applyUpdate(cur, data, true, query);
      if (changed) this.txs.write(tx, coll, id, next);
      return this.read({ data: { updated: changed ? 1 : 0, doc: encode(next) } });
    }
    if (query === undefined) throw invalid("param.query can't be empty");
    for (const d of this.candidates(coll, query)) {
      if (!q.test(d)) continue;
      const { next, changed } = applyUpdate(d, data, true, query);
      const reply = { data: { updated: changed ? 1 : 0, doc: encode(next) } };
      return { reply, wait: this.store.commit(changed ? [{ c: coll, i: d._id as DocId, d: next }] : []) };
    }
    return this.read({ data: { updated: 0, doc: null } });
  }

  private aggregateDocuments(b: Body, now: number): Outcome {
    const coll = collectionName(b);
    if (!Array.isArray(b.stages)) throw invalid('stages must be an array');
    const pipeline = b.stages.map((s) => {
      const { stageKey, stageValue } = asObject(s, 'stage') as { stageKey?: unknown; stageValue?: unknown };
      if (typeof stageKey !== 'string' || !stageKey.startsWith('$')) throw invalid(`bad aggregate stage ${String(stageKey)}`);
      return { [stageKey]: decode(stageValue, now) };
    });
    if (!pipeline.some((s) => '$limit' in s)) pipeline.push({ $limit: DEFAULT_AGGREGATE_LIMIT });
    const docs = [...this.store.require(coll).values()];
    const list = aggregate(this.store, docs, pipeline);
    return this.read({ data: { list: list.map(encode) } });
  }

  private addCollection(b: Body): Outcome {
    const coll = collectionName(b);
    if (this.store.has(coll)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${coll} already exists`);
    }
    return { reply: {}, wait: this.store.commit([{ c: coll, create: true }]) };
  }

  private abortTransaction(b: Body): Outcome {
    // Idempotent: the SDK rolls back after errors and ignores the outcome; a transaction that already
    // ended (conflict, expiry) has nothing left to undo.
    try {
      this.txs.abort(this.txs.get(b.transactionId));
    } catch (e) {
      if (!(e instanceof DbError) || typeof b.transactionId !== 'string') throw e;
    }
    return this.read({});
  }
}
