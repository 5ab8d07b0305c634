/** Durability: acknowledged writes survive kill -9, a torn journal tail is ignored, compaction is safe. */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator } from '../../local/emulator';
import { Journal } from '../../local/emulator/journal';
import { pointSdk, sleep, tempDir, type AnyDb } from './helpers';

const ROOT = resolve(__dirname, '../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
const open: Emulator[] = [];

function dataDir(): string {
  const d = tempDir('emu-dur-');
  dirs.push(d);
  return d;
}

async function start(dir: string, extra: Partial<Parameters<typeof startEmulator>[0]> = {}): Promise<{ emu: Emulator; db: AnyDb }> {
  const emu = await startEmulator({ port: 0, dataDir: dir, ...extra });
  open.push(emu);
  return { emu, db: pointSdk(emu.url) };
}

async function stop(emu: Emulator): Promise<void> {
  await emu.close();
  open.splice(open.indexOf(emu), 1);
}

/** The CLI in a child process (tsx loader), resolved with its URL once it listens. */
function spawnCli(dir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'local/emulator/cli.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /EMULATOR_URL=(\S+)/.exec(out);
      if (m) res({ child, url: m[1] });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => rej(new Error(`emulator cli exited ${code}: ${err}`)));
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const e of [...open]) await e.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ids = (dump: Record<string, unknown[]>, coll: string) => new Set((dump[coll] ?? []).map((d) => (d as { _id: string })._id));

test('every acknowledged write survives kill -9 of the emulator process (with compactions running)', async () => {
  // The SDK arms a 3 s "slow request" timer per call and never clears it when the call fails (as the
  // calls in flight at the kill do); SILENCE=true is the SDK's own switch that skips those timers.
  process.env.SILENCE = 'true';
  const dir = dataDir();
  const { child, url } = await spawnCli(dir, {
    EMULATOR_COLLECTIONS: 'items,counters',
    EMULATOR_COMPACT_INTERVAL_MS: '40',
    EMULATOR_COMPACT_MIN_BYTES: '8000',
  });
  const db = pointSdk(url);
  const _ = db.command;
  await db.collection('counters').add({ _id: 'c', n: 0 });

  const acked: string[] = [];
  let ackedIncs = 0;
  let stopped = false;
  const worker = async (w: number) => {
    for (let i = 0; !stopped; i++) {
      try {
        const { id } = await db.collection('items').add({ w, i, pad: 'x'.repeat(200) });
        acked.push(id);
        const r = await db
          .collection('counters')
          .where({ _id: 'c' })
          .update({ n: _.inc(1) });
        if (r.updated === 1) ackedIncs += 1;
      } catch {
        return; // the process is gone: whatever was in flight is not acknowledged
      }
    }
  };
  const workers = Array.from({ length: 12 }, (_x, w) => worker(w));
  while (acked.length < 400 && child.exitCode === null) await sleep(5);
  child.kill('SIGKILL');
  stopped = true;
  await Promise.all(workers);
  const exited = await new Promise((r) => (child.exitCode !== null || child.signalCode ? r(true) : child.on('exit', () => r(true))));
  expect(exited).toBe(true);

  const { emu } = await start(dir);
  const dump = emu.dump();
  const stored = ids(dump, 'items');
  const lost = acked.filter((id) => !stored.has(id));
  expect(lost).toEqual([]);
  expect(stored.size).toBeGreaterThanOrEqual(acked.length);
  const n = (dump.counters[0] as { n: number }).n;
  expect(n).toBeGreaterThanOrEqual(ackedIncs);
  expect(existsSync(join(dir, 'snapshot.json'))).toBe(true); // compaction did run mid-stream
  await stop(emu);
}, 20_000);

test('a torn last journal line is ignored and cut off; later writes and restarts are clean', async () => {
  const dir = dataDir();
  let { emu, db } = await start(dir, { collections: ['t'] });
  await db.collection('t').add([
    { _id: 'a', v: 1 },
    { _id: 'b', v: 2 },
  ]);
  await db.collection('t').doc('a').update({ v: 10 });
  await stop(emu);
  const journal = join(dir, 'journal.log');
  const good = statSync(journal).size;
  appendFileSync(journal, '{"s":{"$numberInt":"99"},"o":[{"c":"t","i":"torn","d":{"_id":"to');

  ({ emu, db } = await start(dir));
  expect(statSync(journal).size).toBe(good);
  expect(emu.dump()).toEqual({
    t: [
      { _id: 'a', v: 10 },
      { _id: 'b', v: 2 },
    ],
  });
  await db.collection('t').add({ _id: 'c', v: 3 });
  await stop(emu);

  ({ emu } = await start(dir));
  expect(emu.dump()).toEqual({
    t: [
      { _id: 'a', v: 10 },
      { _id: 'b', v: 2 },
      { _id: 'c', v: 3 },
    ],
  });
  await stop(emu);

  // damage that is not a torn tail (a bad line followed by good ones) refuses to start, loudly
  const lines = readFileSync(journal, 'utf8');
  appendFileSync(journal, 'garbage\n' + lines.split('\n')[0] + '\n');
  await expect(startEmulator({ port: 0, dataDir: dir })).rejects.toThrow(/corrupt/);
});

test('compaction shrinks the journal and a restart sees the same data; writes during compaction are kept', async () => {
  const dir = dataDir();
  const first = await start(dir, { collections: ['k'] });
  let emu = first.emu;
  const db = first.db;
  const _ = db.command;
  await db.collection('k').add(Array.from({ length: 50 }, (_x, i) => ({ _id: `d${i}`, i, when: new Date(Date.UTC(2024, 0, 1, 0, i)) })));
  for (let i = 0; i < 30; i++)
    await db
      .collection('k')
      .doc(`d${i % 10}`)
      .update({ i: _.inc(100) });
  await db
    .collection('k')
    .where({ i: _.gte(40), _id: _.nin(['d0']) })
    .remove();
  const before = emu.journalSize();
  expect(before).toBeGreaterThan(0);
  const expected = emu.dump();

  await emu.compact();
  expect(emu.journalSize()).toBe(0);
  expect(emu.journalSize()).toBeLessThan(before);

  // writes racing a compaction: all acknowledged ones survive
  const racing = Array.from({ length: 40 }, (_x, i) => db.collection('k').add({ _id: `r${i}`, i }));
  const compacting = emu.compact();
  await Promise.all([...racing, compacting]);
  await db.collection('k').doc('d1').update({ late: true });
  const after = emu.dump();
  await stop(emu);

  ({ emu } = await start(dir));
  expect(emu.dump()).toEqual(after);
  expect((after.k as Array<{ _id: string }>).filter((d) => d._id.startsWith('r'))).toHaveLength(40);
  expect(after.k.slice(0, expected.k.length).map((d) => (d as { _id: string })._id)).toEqual(expected.k.map((d) => (d as { _id: string })._id));
  const d15 = (emu.dump().k as Array<{ _id: string; when: Date }>).find((d) => d._id === 'd15')!;
  expect(d15.when).toEqual(new Date(Date.UTC(2024, 0, 1, 0, 15))); // Dates survive snapshot + journal
  await stop(emu);
});

test('group commit: concurrent writes share fsyncs, one journal line per change', async () => {
  const dir = dataDir();
  const { emu, db } = await start(dir, { collections: ['g'] });
  await Promise.all(Array.from({ length: 100 }, (_x, i) => db.collection('g').add({ i })));
  const lines = readFileSync(join(dir, 'journal.log'), 'utf8').trim().split('\n');
  expect(lines.length).toBe(101); // createCollection + 100 inserts
  expect((emu.dump().g as unknown[]).length).toBe(100);
  await stop(emu);

  // the journal itself: 200 appends queued in one turn of the event loop go to disk with one fsync
  const j = new Journal(dataDir());
  j.load();
  await Promise.all(Array.from({ length: 200 }, (_x, i) => j.append(i + 1, [{ c: 'x', i, d: { _id: i } }])));
  expect(j.fsyncs).toBe(1);
  await j.close();
});
