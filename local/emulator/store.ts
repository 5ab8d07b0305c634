/**
 * The in-memory store and the document operations the wire actions need, on top of mingo.
 *
 * Invariant: a stored document object is never mutated. Every change builds a new object and goes through
 * `Store.commit`, which (1) hands the pre-image to the transaction manager (snapshot isolation keeps the
 * pre-image for transactions that started earlier), (2) swaps the new object in, synchronously, so each
 * request's effect is atomic on this single event loop, and (3) journals the change.
 */
import { randomBytes } from 'node:crypto';
import { BSONRegExp, EJSON } from 'bson';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { applyOp, type Doc, type DocId, type Journal, type LoadedState, type Op } from './journal';

export type { Doc, DocId, Op };

/** A service error: becomes HTTP 200 `{code, message, requestId}`, which the SDK turns into a TcbError. */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const collectionMissing = (name: string) =>
  new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}. [ResourceNotFound] collection not exists`);

export type WriteHook = (coll: string, id: DocId, before: Doc | null) => void;

/** What a change replaced, to take it back if its journal write fails. */
type Undo = { seq: number; before: Array<{ c: string; i: DocId; d: Doc | null } | { c: string; created: true }> };

export class Store {
  readonly collections: Map<string, Map<DocId, Doc>>;
  seq: number;
  /** set by the transaction manager: sees every committed pre-image */
  onWrite: WriteHook = () => {};
  /** Changes applied in memory whose journal line is not on disk yet, oldest first. */
  private undurable: Undo[] = [];

  constructor(
    state: LoadedState,
    private readonly journal: Journal,
  ) {
    this.collections = state.collections;
    this.seq = state.seq;
    journal.setSnapshotSource(() => this.snapshot());
    journal.onLost = (seq) => this.takeBack(seq);
  }

  has(coll: string): boolean {
    return this.collections.has(coll);
  }

  /** The real service does not create collections implicitly: reads and writes on a missing one fail. */
  require(coll: string): Map<DocId, Doc> {
    const c = this.collections.get(coll);
    if (!c) throw collectionMissing(coll);
    return c;
  }

  /** Applies `ops` in memory now (atomically: nothing else runs in between) and returns the promise of
   *  their durability. Callers reply only after it resolves. */
  commit(ops: Op[]): Promise<void> {
    if (ops.length === 0) return this.journal.barrier();
    const seq = (this.seq += 1);
    const undo: Undo = { seq, before: [] };
    for (const op of ops) {
      if ('create' in op) {
        if (!this.collections.has(op.c)) undo.before.push({ c: op.c, created: true });
      } else {
        const before = this.collections.get(op.c)?.get(op.i) ?? null;
        this.onWrite(op.c, op.i, before);
        undo.before.push({ c: op.c, i: op.i, d: before });
      }
      applyOp(this.collections, op);
    }
    this.undurable.push(undo);
    return this.journal.append(seq, ops).then(() => {
      // Lines reach the disk in seq order: everything up to this one is durable now.
      while (this.undurable.length && this.undurable[0].seq <= seq) this.undurable.shift();
    });
  }

  /**
   * The journal could not write the changes from `seq` on: take them out of memory, newest first,
   * so no reader sees a change a restart would not find (a failed sign-up promoted by someone
   * else's cancel, say). Their callers are answered with the error.
   */
  private takeBack(seq: number): void {
    const lost = this.undurable.filter((u) => u.seq >= seq);
    this.undurable = this.undurable.filter((u) => u.seq < seq);
    for (const u of lost.reverse()) {
      for (const b of [...u.before].reverse()) {
        if ('created' in b) this.collections.delete(b.c);
        else applyOp(this.collections, { c: b.c, i: b.i, d: b.d });
      }
    }
  }

  snapshot(): { seq: number; text: string } {
    const out: Record<string, Doc[]> = {};
    for (const [name, docs] of this.collections) out[name] = [...docs.values()];
    return { seq: this.seq, text: EJSON.stringify({ seq: this.seq, collections: out }, { relaxed: false }) };
  }

  dump(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [name, docs] of this.collections) out[name] = [...docs.values()].map(clone);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Values

/** Deep copy of plain data. Dates/RegExps are copied; BSON value classes (ObjectId, Decimal128, …) are
 *  immutable and kept by reference. */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = clone(x);
  return out as T;
}

/**
 * Parses one of the SDK's canonical-EJSON strings (relaxed parse: numbers come back as JS numbers,
 * `$date` as Date) and resolves the two things mingo cannot take as they are:
 * `{"$tcb_server_date":{"offset":N}}` (db.serverDate()) becomes the server's Date + N ms, and BSON
 * regexes (db.RegExp / JS RegExp) become JS RegExps.
 */
export function decode(text: unknown, now: number): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  const parsed = typeof text === 'string' ? EJSON.parse(text) : text;
  return resolveValues(parsed, now);
}

function resolveValues(v: unknown, now: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, [...v.options].filter((f) => 'imsu'.includes(f)).join(''));
  if (Array.isArray(v)) return v.map((x) => resolveValues(x, now));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((o.$tcb_server_date as { offset?: unknown } | null)?.offset ?? 0) || 0;
    return new Date(now + offset);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = resolveValues(o[k], now);
  return out;
}

export function containsServerDate(text: unknown): boolean {
  return typeof text === 'string' && text.includes('"$tcb_server_date"');
}

export const encode = (doc: unknown): string => EJSON.stringify(doc, { relaxed: false });

/** 32 lowercase hex chars, the shape of the real service's generated ids. */
export const newId = (): string => randomBytes(16).toString('hex');

export function isDocId(v: unknown): v is DocId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

// ---------------------------------------------------------------------------------------------
// Queries and updates

export function matcher(criteria: unknown): Query {
  if (criteria === undefined) return new Query({});
  if (!criteria || typeof criteria !== 'object' || Array.isArray(criteria)) {
    throw new DbError('INVALID_PARAM', 'query must be an object');
  }
  return mingoCall('query', () => new Query(criteria as Record<string, unknown>));
}

/** mingo's errors (unknown operator, mixed projection, …) are the caller's fault, not the emulator's. */
function mingoCall<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError('DATABASE_REQUEST_FAILED', `${what} failed: ${(e as Error).message}`);
  }
}

/** `order` arrives as `{field: 1|-1}` from orderBy(), or as an array through `.options({order})`. */
export function sortSpec(order: unknown): Record<string, 1 | -1> | undefined {
  if (!order) return undefined;
  const spec: Record<string, 1 | -1> = {};
  const add = (o: Record<string, unknown>) => {
    if (typeof o.field === 'string' && 'direction' in o) {
      spec[o.field] = o.direction === 'desc' || o.direction === -1 ? -1 : 1;
      return;
    }
    for (const [k, d] of Object.entries(o)) spec[k] = d === -1 || d === 'desc' ? -1 : 1;
  };
  if (Array.isArray(order)) order.forEach((o) => add(o as Record<string, unknown>));
  else add(order as Record<string, unknown>);
  return Object.keys(spec).length ? spec : undefined;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export function find(docs: Doc[], q: Query, opts: FindOptions): Doc[] {
  const proj = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined;
  return mingoCall('query', () => {
    let cur = q.find(docs, proj);
    if (opts.order) cur = cur.sort(opts.order);
    if (opts.offset) cur = cur.skip(opts.offset);
    if (opts.limit !== undefined) cur = cur.limit(opts.limit);
    return cur.all() as Doc[];
  });
}

const isOperatorDoc = (d: Record<string, unknown>) => Object.keys(d).length > 0 && Object.keys(d).every((k) => k.startsWith('$'));

/**
 * Applies `data` to a copy of `current`. merge=true: `data` holds update operators (the SDK already turned
 * plain fields into `$set` dot paths). merge=false: `data` replaces the document (doc().set()).
 * Returns the new object and whether anything changed (the reply's `updated` counts only real changes,
 * as MongoDB's nModified does).
 */
export function applyUpdate(current: Doc, data: Record<string, unknown>, merge: boolean, criteria?: unknown): { next: Doc; changed: boolean } {
  if (!merge) {
    if (Object.keys(data).some((k) => k.startsWith('$'))) {
      throw new DbError('INVALID_PARAM', 'replacement document must not contain update operators');
    }
    const next: Doc = { _id: current._id, ...clone(data) };
    next._id = current._id;
    return { next, changed: encode(next) !== encode(current) };
  }
  if (!isOperatorDoc(data)) {
    throw new DbError('INVALID_PARAM', 'update data must only contain update operators');
  }
  const next = clone(current);
  const fields = mingoCall('update', () => mingoUpdate(next, data as never, undefined, criteria as never, { cloneMode: 'deep' }));
  if (next._id !== current._id) {
    throw new DbError('DATABASE_REQUEST_FAILED', "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return { next, changed: fields.length > 0 };
}

/** The document an upsert creates: equality fields of the query, then the update (or the replacement). */
export function upsertDoc(criteria: unknown, data: Record<string, unknown>, merge: boolean): Doc {
  const base: Doc = {};
  if (criteria && typeof criteria === 'object') {
    for (const [k, v] of Object.entries(criteria as Record<string, unknown>)) {
      if (k.startsWith('$') || k.includes('.')) continue;
      const isCond = v && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp) && Object.keys(v).some((x) => x.startsWith('$'));
      if (!isCond) base[k] = clone(v);
    }
  }
  if (!isDocId(base._id)) base._id = newId();
  if (!merge) return applyUpdate(base, data, false).next;
  return applyUpdate(base, data, true).next;
}

export function duplicateKey(coll: string, id: DocId): DbError {
  return new DbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
}

/** Aggregation through mingo; `$lookup` resolves other collections from the same store. */
export function aggregate(store: Store, docs: Doc[], pipeline: Record<string, unknown>[]): Doc[] {
  // A leading $match runs on the stored documents, so only the matches are copied into the pipeline.
  const [first, ...rest] = pipeline;
  const leadingMatch = first && '$match' in first;
  const input = leadingMatch ? (matcher(first.$match).find(docs).all() as Doc[]) : docs;
  return mingoCall(
    'aggregate',
    () =>
      new Aggregator(leadingMatch ? rest : pipeline, {
        collectionResolver: (name: string) => [...(store.collections.get(name)?.values() ?? [])].map(clone),
      }).run(input.map(clone)) as Doc[],
  );
}
