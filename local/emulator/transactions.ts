/**
 * Transactions with snapshot isolation, as MongoDB (behind CloudBase) gives them.
 *
 * - Snapshot: a transaction reads the store as it was when it started, plus its own writes. No copy is taken
 *   at start; instead every committed write hands its pre-image to each running transaction that has not
 *   seen that document change yet (`captured`). A read looks at own writes, then `captured`, then the live
 *   store (which, for a key not in `captured`, has not changed since the start).
 * - Write-write conflicts are detected eagerly, like MongoDB's WriteConflict: a transactional write fails
 *   with DATABASE_TRANSACTION_CONFLICT if the document changed after the transaction started, or if another
 *   running transaction has already written it. The failed transaction is aborted here (the SDK's
 *   runTransaction retries on that code without calling rollback). At commit the same check runs again, so
 *   a write made outside any transaction after ours touched the document also makes our commit fail
 *   (MongoDB would make that outside write wait for us instead; the end state is equally serializable).
 * - Writes are buffered and applied at commit as one journal line: atomic in memory and on disk.
 * - A transaction older than `lifetimeMs` (about 30 s in the real service) is aborted; later use fails with
 *   DATABASE_TRANSACTION_FAIL.
 */
import { randomBytes } from 'node:crypto';
import { DbError, type Doc, type DocId, type Op, type Store } from './store';

interface Tx {
  id: string;
  startedAt: number;
  /** pre-images of documents changed by others after we started (null = did not exist) */
  captured: Map<string, Doc | null>;
  /** our buffered writes (d: null = delete), in order of first write */
  writes: Map<string, { c: string; i: DocId; d: Doc | null }>;
}

const keyOf = (c: string, i: DocId) => `${c}\u0000${typeof i === 'number' ? 'n' : 's'}${i}`;

export const conflict = (why: string) => new DbError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${why}`);

export class Transactions {
  private readonly active = new Map<string, Tx>();
  /** ids that ended by abort/expiry, so a late call gets a precise message (bounded) */
  private readonly ended = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly lifetimeMs = 30_000,
  ) {
    store.onWrite = (c, i, before) => {
      const k = keyOf(c, i);
      for (const tx of this.active.values()) if (!tx.captured.has(k)) tx.captured.set(k, before);
    };
    this.timer = setInterval(() => this.expire(), Math.min(1000, lifetimeMs)).unref();
  }

  begin(): string {
    const id = randomBytes(12).toString('hex');
    this.active.set(id, { id, startedAt: Date.now(), captured: new Map(), writes: new Map() });
    return id;
  }

  /** The transaction, or a DATABASE_TRANSACTION_FAIL explaining why it is not usable. */
  get(id: unknown): Tx {
    this.expire();
    const tx = typeof id === 'string' ? this.active.get(id) : undefined;
    if (tx) return tx;
    const why = typeof id === 'string' ? this.ended.get(id) : undefined;
    throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} ${why ?? 'does not exist'}`);
  }

  /** The document as this transaction sees it (a stored object: do not mutate). */
  read(tx: Tx, c: string, i: DocId): Doc | null {
    const k = keyOf(c, i);
    const own = tx.writes.get(k);
    if (own) return own.d;
    if (tx.captured.has(k)) return tx.captured.get(k) ?? null;
    return this.store.collections.get(c)?.get(i) ?? null;
  }

  write(tx: Tx, c: string, i: DocId, d: Doc | null): void {
    const k = keyOf(c, i);
    if (tx.captured.has(k)) this.fail(tx, conflict(`document ${c}/${i} was modified after the transaction started`));
    for (const other of this.active.values()) {
      if (other !== tx && other.writes.has(k)) this.fail(tx, conflict(`document ${c}/${i} is being written by another transaction`));
    }
    tx.writes.set(k, { c, i, d });
  }

  /** Validates and applies the buffered writes; returns the durability promise. */
  commit(tx: Tx): Promise<void> {
    for (const [k, w] of tx.writes) {
      if (tx.captured.has(k)) this.fail(tx, conflict(`document ${w.c}/${w.i} was modified after the transaction started`));
    }
    this.end(tx, 'was already committed');
    const ops: Op[] = [...tx.writes.values()].map((w) => ({ c: w.c, i: w.i, d: w.d }));
    for (const op of ops) this.store.require(op.c);
    return this.store.commit(ops);
  }

  abort(tx: Tx, why = 'was aborted'): void {
    this.end(tx, why);
  }

  /** Aborts `tx` and throws `err` (conflicts abort the transaction, as in MongoDB). */
  private fail(tx: Tx, err: DbError): never {
    this.end(tx, 'was aborted after a conflict');
    throw err;
  }

  private end(tx: Tx, why: string): void {
    this.active.delete(tx.id);
    this.ended.set(tx.id, why);
    if (this.ended.size > 10_000) this.ended.delete(this.ended.keys().next().value as string);
  }

  private expire(): void {
    const now = Date.now();
    for (const tx of this.active.values()) {
      if (now - tx.startedAt > this.lifetimeMs) this.end(tx, `expired (lifetime ${this.lifetimeMs} ms)`);
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const tx of [...this.active.values()]) this.end(tx, 'was aborted: emulator closed');
  }
}
