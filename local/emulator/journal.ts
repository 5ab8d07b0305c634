/**
 * Durability for the emulator: an append-only journal plus a snapshot file.
 *
 * - Every committed change is ONE line `{"s":seq,"o":[ops]}` (canonical EJSON), so a multi-document
 *   change (where().update(), a transaction commit) is atomic on replay: a line is either whole or torn.
 * - Group commit: lines appended while an fsync is running wait in `pending` and go to disk together
 *   with one write + one fdatasync. A caller's promise resolves only after its line is on disk, and the
 *   server replies only then, so an acknowledged write survives `kill -9`.
 * - Compaction writes the whole store to `snapshot.json.tmp`, fsyncs it, renames it over `snapshot.json`,
 *   fsyncs the directory, then truncates the journal. The snapshot records the seq it covers; replay skips
 *   journal lines at or below it, so a crash between rename and truncate is harmless.
 * - Load: snapshot, then journal lines with seq > snapshot seq. An unterminated or unparsable LAST line is a
 *   torn write that was never acknowledged: it is ignored and cut off, so later appends start on a clean line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EJSON } from 'bson';

export type DocId = string | number;
export type Doc = Record<string, unknown>;

/** One physical change: a document's full post-image (null = deleted), or a collection creation. */
export type Op = { c: string; i: DocId; d: Doc | null } | { c: string; create: true };

export interface LoadedState {
  seq: number;
  collections: Map<string, Map<DocId, Doc>>;
  /** bytes cut off the journal's tail (a torn line), for logging/tests */
  tornBytes: number;
}

interface Pending {
  /** The change's seq; 0 for a barrier (a read waiting for what came before it). */
  seq: number;
  line: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.log';
const LOCK = 'emulator.lock';

/** Whether a process with this pid is running (a lock left by one killed with -9 is stale). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function applyOp(collections: Map<string, Map<DocId, Doc>>, op: Op): void {
  let coll = collections.get(op.c);
  if (!coll) {
    coll = new Map();
    collections.set(op.c, coll);
  }
  if ('create' in op) return;
  if (op.d === null) coll.delete(op.i);
  else coll.set(op.i, op.d);
}

export class Journal {
  readonly snapshotPath: string;
  readonly journalPath: string;
  private fd = -1;
  private pending: Pending[] = [];
  private running = false;
  private compactWaiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private snapshotFn: (() => { seq: number; text: string }) | null = null;
  private idleWaiters: Array<() => void> = [];
  /** number of fdatasync calls made for appends (group commit makes it much smaller than the line count) */
  fsyncs = 0;
  /**
   * Told when appends failed and were rejected: every change from `seq` on never reached the disk
   * (the failed batch and every change queued behind it, which may build on it). The store takes
   * them back out of memory, so what is visible is always what a restart would find.
   */
  onLost: (seq: number) => void = () => {};
  private failWrites = 0;

  constructor(readonly dir: string) {
    this.snapshotPath = path.join(dir, SNAPSHOT);
    this.journalPath = path.join(dir, JOURNAL);
    this.lockPath = path.join(dir, LOCK);
  }

  private readonly lockPath: string;
  private locked = false;

  /**
   * One emulator per data folder: a second one would append to the same journal and compact over
   * the first one's writes (acknowledged writes lost at the next restart). The lock file holds the
   * owner's pid; a lock whose process is gone (kill -9) is taken over.
   */
  private lock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(this.lockPath, String(process.pid), { flag: 'wx' });
        this.locked = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = Number(fs.readFileSync(this.lockPath, 'utf8'));
        if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
          throw new Error(
            `the data folder ${this.dir} is in use by another emulator (process ${owner}${owner === process.pid ? ', this one' : ''}); stop it first, or give this one another DATA_DIR`,
            { cause: e },
          );
        }
        fs.rmSync(this.lockPath, { force: true });
      }
    }
    throw new Error(`could not lock the data folder ${this.dir}`);
  }

  private unlock(): void {
    if (this.locked) fs.rmSync(this.lockPath, { force: true });
    this.locked = false;
  }

  /** Synchronous: runs once at startup before the server listens. */
  load(): LoadedState {
    fs.mkdirSync(this.dir, { recursive: true });
    this.lock();
    try {
      return this.read();
    } catch (e) {
      this.unlock();
      throw e;
    }
  }

  private read(): LoadedState {
    fs.rmSync(this.snapshotPath + '.tmp', { force: true });
    const collections = new Map<string, Map<DocId, Doc>>();
    let seq = 0;
    if (fs.existsSync(this.snapshotPath)) {
      const snap = EJSON.parse(fs.readFileSync(this.snapshotPath, 'utf8')) as {
        seq: number;
        collections: Record<string, Doc[]>;
      };
      seq = snap.seq;
      for (const [name, docs] of Object.entries(snap.collections)) {
        collections.set(name, new Map(docs.map((d) => [d._id as DocId, d])));
      }
    }
    let tornBytes = 0;
    if (fs.existsSync(this.journalPath)) {
      const buf = fs.readFileSync(this.journalPath);
      let start = 0;
      let good = 0; // byte offset just after the last line we accepted
      while (start < buf.length) {
        const nl = buf.indexOf(0x0a, start);
        if (nl < 0) break; // unterminated tail: a torn write, never acknowledged
        const text = buf.subarray(start, nl).toString('utf8');
        let rec: { s: number; o: Op[] } | null = null;
        try {
          rec = text.trim() ? (EJSON.parse(text) as { s: number; o: Op[] }) : null;
        } catch {
          // stays null: a garbled line
        }
        if (text.trim() && !rec) {
          // A garbled line is a torn write only if nothing complete follows it; otherwise the file was
          // damaged some other way, and silently dropping later acknowledged lines would be worse.
          if (buf.indexOf(0x0a, nl + 1) >= 0) {
            throw new Error(`emulator journal ${this.journalPath} is corrupt at byte ${start}`);
          }
          break;
        }
        if (rec && rec.s > seq) {
          for (const op of rec.o) applyOp(collections, op);
          seq = rec.s;
        }
        start = nl + 1;
        good = start;
      }
      if (good < buf.length) {
        tornBytes = buf.length - good;
        fs.truncateSync(this.journalPath, good);
      }
    }
    const created = !fs.existsSync(this.journalPath);
    this.fd = fs.openSync(this.journalPath, 'a');
    fs.fsyncSync(this.fd);
    if (created) fsyncDir(this.dir); // the new file's directory entry must be durable too
    return { seq, collections, tornBytes };
  }

  /** Where compaction gets a consistent serialization of the in-memory store (taken synchronously). */
  setSnapshotSource(fn: () => { seq: number; text: string }): void {
    this.snapshotFn = fn;
  }

  /** Queue one committed change; resolves once it is on disk (fdatasync'd). */
  append(seq: number, ops: Op[]): Promise<void> {
    const line = EJSON.stringify({ s: seq, o: ops }, { relaxed: false }) + '\n';
    return new Promise((resolve, reject) => {
      this.pending.push({ seq, line, resolve, reject });
      this.kick();
    });
  }

  /** Tests: the next `n` batch writes fail, as on a full disk. */
  failNextWrites(n: number): void {
    this.failWrites += n;
  }

  /** Resolves when every change appended before this call is durable (reads wait on it so they never
   *  expose state a crash could still take back). Immediate when nothing is in flight. */
  barrier(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ seq: 0, line: '', resolve, reject });
      this.kick();
    });
  }

  /** Snapshot + journal truncation, serialized with the flushes. */
  compact(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.compactWaiters.push({ resolve, reject });
      this.kick();
    });
  }

  journalSize(): number {
    try {
      return fs.statSync(this.journalPath).size;
    } catch {
      return 0;
    }
  }

  /** Waits for all queued work, then closes the file. */
  async close(): Promise<void> {
    await this.barrier();
    if (this.running) await new Promise<void>((r) => this.idleWaiters.push(r));
    if (this.fd >= 0) {
      fs.closeSync(this.fd);
      this.fd = -1;
    }
    this.unlock();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    // setImmediate: let every request already parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.loop().finally(() => {
        this.running = false;
        if (this.pending.length || this.compactWaiters.length) this.kick();
        else this.idleWaiters.splice(0).forEach((r) => r());
      });
    });
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.compactWaiters.length) {
        await this.runCompaction();
        continue;
      }
      if (!this.pending.length) return;
      const batch = this.pending.splice(0);
      const text = batch.map((p) => p.line).join('');
      const sizeBefore = text ? fs.fstatSync(this.fd).size : 0;
      try {
        if (text) {
          if (this.failWrites > 0) {
            this.failWrites -= 1;
            throw new Error('journal write failed (injected)');
          }
          await writeAll(this.fd, Buffer.from(text, 'utf8'));
          await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())));
          this.fsyncs += 1;
        }
        batch.forEach((p) => p.resolve());
      } catch (e) {
        // Nothing of the batch may count: cut off what part of it reached the file, and fail every
        // change queued behind it too, since each may have read what the batch wrote in memory.
        try {
          fs.ftruncateSync(this.fd, sizeBefore);
        } catch {
          // the file is no worse than a torn tail, which load() cuts off
        }
        const lost = [...batch, ...this.pending.splice(0)];
        const first = lost.find((p) => p.seq > 0);
        if (first) this.onLost(first.seq);
        lost.forEach((p) => p.reject(e));
      }
    }
  }

  private async runCompaction(): Promise<void> {
    const waiters = this.compactWaiters.splice(0);
    let covered: Pending[] = [];
    try {
      if (!this.snapshotFn) throw new Error('no snapshot source');
      // Taken synchronously: it includes every change applied in memory so far, i.e. every line now in
      // `pending` (seq <= snap.seq). Those lines need not be written any more: the snapshot covers them.
      const snap = this.snapshotFn();
      covered = this.pending.splice(0);
      const tmp = this.snapshotPath + '.tmp';
      await fs.promises.writeFile(tmp, snap.text);
      const fh = await fs.promises.open(tmp, 'r+');
      await fh.sync();
      await fh.close();
      await fs.promises.rename(tmp, this.snapshotPath);
      fsyncDir(this.dir);
      // Every line on disk has seq <= snap.seq now: drop them. Lines queued meanwhile (seq > snap.seq)
      // are still in `pending` and are written after this, to the emptied file (O_APPEND).
      fs.ftruncateSync(this.fd, 0);
      fs.fsyncSync(this.fd);
      covered.forEach((p) => p.resolve());
      waiters.forEach((w) => w.resolve());
    } catch (e) {
      this.pending.unshift(...covered); // not covered after all: they go to the journal as usual
      waiters.forEach((w) => w.reject(e));
    }
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

async function writeAll(fd: number, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const n = await new Promise<number>((res, rej) => fs.write(fd, buf, off, buf.length - off, null, (e, written) => (e ? rej(e) : res(written))));
    off += n;
  }
}
