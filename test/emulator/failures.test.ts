/**
 * What a failed journal write and a second process on the same data folder must never do: show a
 * change a restart would not find, or lose acknowledged writes.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../local/emulator';
import { errorOf, pointSdk, tempDir } from './helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const newDir = () => {
  const d = tempDir('emu-fail-');
  dirs.push(d);
  return d;
};

test('a change whose journal write fails is taken back: nobody reads it, and a restart agrees', async () => {
  const dir = newDir();
  const emu = await startEmulator({ port: 0, dataDir: dir, collections: ['seats'] });
  const db = pointSdk(emu.url);
  await db.collection('seats').add({ _id: 'a1', taken: 0 });
  const _ = db.command;

  // The failed write, and ten more taking seats at the same moment: some are applied in memory
  // on top of it before its batch reaches the disk.
  emu.faults.inject({ action: 'database.modifyDocument', failWrite: true, times: 1 });
  const results = await Promise.allSettled(
    Array.from({ length: 11 }, () =>
      db
        .collection('seats')
        .where({ _id: 'a1' })
        .update({ taken: _.inc(1) }),
    ),
  );
  const acknowledged = results.filter((r) => r.status === 'fulfilled').length;
  expect(acknowledged).toBeLessThan(11);

  // What is visible is exactly what was acknowledged…
  const { data } = await db.collection('seats').doc('a1').get();
  expect(data[0].taken).toBe(acknowledged);
  // …and the next write builds on that, not on the lost change.
  await db
    .collection('seats')
    .where({ _id: 'a1' })
    .update({ taken: _.inc(1) });
  await emu.close();

  const again = await startEmulator({ port: 0, dataDir: dir });
  const db2 = pointSdk(again.url);
  expect((await db2.collection('seats').doc('a1').get()).data[0].taken).toBe(acknowledged + 1);
  await again.close();
});

test('a failed insert leaves no document behind, so its natural key stays free', async () => {
  const dir = newDir();
  const emu = await startEmulator({ port: 0, dataDir: dir, collections: ['signUps'] });
  const db = pointSdk(emu.url);
  emu.faults.inject({ action: 'database.insertDocument', failWrite: true, times: 1 });
  expect((await errorOf(db.collection('signUps').add({ _id: 'act~p1', seats: 1 }))).code).toBe('SYS_ERR');
  expect((await db.collection('signUps').doc('act~p1').get()).data).toEqual([]);
  // The retry the sign-up makes goes through instead of meeting a phantom duplicate.
  await db.collection('signUps').add({ _id: 'act~p1', seats: 1 });
  expect(emu.dump().signUps).toEqual([{ _id: 'act~p1', seats: 1 }]);
  await emu.close();
});

test('a second emulator on the same data folder is refused with a clear message, until the first stops', async () => {
  const dir = newDir();
  const first = await startEmulator({ port: 0, dataDir: dir });
  await expect(startEmulator({ port: 0, dataDir: dir })).rejects.toThrow(/in use by another emulator/);
  await first.close();
  const second = await startEmulator({ port: 0, dataDir: dir });
  await second.close();
});

test('a lock left by a process killed with -9 is taken over', async () => {
  const dir = newDir();
  // The pid of a process that has exited: what a killed emulator leaves in its lock file.
  const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  writeFileSync(join(dir, 'emulator.lock'), gone.stdout.trim());
  const emu = await startEmulator({ port: 0, dataDir: dir });
  await emu.close();
});
