/**
 * Wire-level CloudBase database emulator: an HTTP server on loopback that the unchanged
 * @cloudbase/node-sdk talks to when `emulatorEnv(url)` is in process.env. See README.md beside this file.
 *
 * One event loop: a request is parsed, applied to the in-memory store synchronously, journaled (group
 * commit, fsync) and only then answered.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Journal } from './journal';
import { Protocol, type Body } from './protocol';
import { Storage } from './storage';
import { DbError, Store } from './store';
import { Transactions } from './transactions';

export interface EmulatorOptions {
  port?: number /* 0 = random */;
  host?: string /* default 127.0.0.1 */;
  dataDir: string;
  /** Collections to create at start when missing. The real service never creates a collection implicitly:
   *  get/add/update on a missing one fail with DATABASE_COLLECTION_NOT_EXIST, and so they do here. */
  collections?: string[];
  /** Transaction lifetime (default 30 000 ms, as the real service). */
  transactionLifetimeMs?: number;
  /** Compaction check period (default 30 000 ms); compacts when the journal exceeds compactMinBytes. */
  compactIntervalMs?: number;
  /** Journal size that triggers a periodic compaction (default 4 MiB). */
  compactMinBytes?: number;
  /** The instant `db.serverDate()` resolves to (default: the real time); the local system's one clock. */
  clock?: () => number;
  /** Sees every parsed request body (protocol recording in tests). */
  onRequest?: (action: string, body: Record<string, unknown>, url: string) => void;
}

export interface Fault {
  action?: string;
  collection?: string;
  delayMs?: number;
  /** The request is refused before it reaches the store. */
  fail?: boolean;
  /** The change reaches memory, then its journal write fails (a full disk): it must vanish. */
  failWrite?: boolean;
  times?: number;
}

export interface Emulator {
  url: string; // e.g. http://127.0.0.1:PORT/admin  (what goes in TCB_CONTEXT_CNFG.URL)
  port: number;
  requestCounts(): Record<string, number>; // per wire action, e.g. {'database.getDocument': 3}
  totalRequests(): number;
  resetCounts(): void;
  dump(): Record<string, unknown[]>; // every collection's documents (plain JS, deep copies)
  faults: { inject(f: Fault): void; clear(): void };
  /** Snapshot + journal truncation now (also runs periodically). */
  compact(): Promise<void>;
  /** Journal file size in bytes (tests of compaction). */
  journalSize(): number;
  close(): Promise<void>;
}

/** The environment that points unchanged function code (`tcb.init({env: tcb.SYMBOL_CURRENT_ENV})`) at
 *  the emulator: see /work/shared/docs/cloudbase-wire.md. */
export function emulatorEnv(url: string, openid = 'o_dev_1'): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    SCF_NAMESPACE: 'local-env',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD: 'true', // skips the SDK's metadata-host probe (2 × 30 ms per request)
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: openid,
    WX_APPID: 'wx_dev',
  };
}

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const journal = new Journal(opts.dataDir);
  const store = new Store(journal.load(), journal);
  const txs = new Transactions(store, opts.transactionLifetimeMs ?? 30_000);
  const protocol = new Protocol(store, txs, opts.clock);
  const storage = new Storage(opts.dataDir, opts.clock ?? Date.now);
  for (const c of opts.collections ?? []) if (!store.has(c)) await store.commit([{ c, create: true }]);

  let counts: Record<string, number> = {};
  let faults: Array<Fault & { left: number }> = [];
  const takeFault = (action: string, coll: unknown) => {
    const f = faults.find((x) => x.left > 0 && (!x.action || x.action === action) && (!x.collection || x.collection === coll));
    if (f) f.left -= 1;
    return f;
  };

  const send = (res: http.ServerResponse, body: Record<string, unknown>) => {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/cos/')) {
      void storage.serve(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(req.url === '/health' ? 200 : 405, { 'content-type': 'text/plain' });
      res.end(req.url === '/health' ? 'ok' : 'POST only');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const requestId = randomBytes(8).toString('hex');
    let body: Body;
    try {
      body = JSON.parse(raw) as Body;
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      counts['(invalid)'] = (counts['(invalid)'] ?? 0) + 1;
      send(res, { code: 'INVALID_PARAM', message: 'request body must be a JSON object', requestId });
      return;
    }
    const action = typeof body.action === 'string' ? body.action : '(none)';
    counts[action] = (counts[action] ?? 0) + 1;
    try {
      opts.onRequest?.(action, body, req.url ?? '');
      const fault = takeFault(action, body.collectionName);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.fail) throw new DbError('SYS_ERR', `injected fault for ${action}`);
      if (fault?.failWrite) journal.failNextWrites(1);
      const stored = action.startsWith('storage.') ? storage.handle(action, body, `http://${req.headers.host}`) : null;
      if (stored) return send(res, { requestId, ...stored });
      const { reply, wait } = protocol.dispatch(action, body);
      await wait;
      send(res, { requestId, ...reply });
    } catch (e) {
      if (e instanceof DbError) send(res, { code: e.code, message: e.message, requestId });
      else send(res, { code: 'SYS_ERR', message: `emulator: ${(e as Error)?.message ?? String(e)}`, requestId });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  }).catch(async (e: unknown) => {
    txs.close();
    await journal.close(); // frees the data folder's lock
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';

  const minBytes = opts.compactMinBytes ?? 4 * 1024 * 1024;
  const compactTimer = setInterval(() => {
    if (journal.journalSize() >= minBytes) journal.compact().catch((e) => console.error('[emulator] compaction failed', e));
  }, opts.compactIntervalMs ?? 30_000).unref();

  let closed: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/admin`,
    port,
    requestCounts: () => ({ ...counts }),
    totalRequests: () => Object.values(counts).reduce((a, b) => a + b, 0),
    resetCounts: () => {
      counts = {};
    },
    dump: () => store.dump(),
    faults: {
      inject: (f) => {
        faults.push({ ...f, left: f.times ?? Infinity });
      },
      clear: () => {
        faults = [];
      },
    },
    compact: () => journal.compact(),
    journalSize: () => journal.journalSize(),
    close: () => {
      closed ??= (async () => {
        clearInterval(compactTimer);
        txs.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await journal.close();
      })();
      return closed;
    },
  };
}
