/** Cloud storage through the real SDK: what the exports use (uploadFile, then a temporary link). */
import tcb from '@cloudbase/node-sdk';
import { rmSync } from 'node:fs';
import { Clock } from '../../local/clock';
import { emulatorEnv, startEmulator, type Emulator } from '../../local/emulator';
import { tempDir } from './helpers';

const clock = new Clock('2026-12-04T10:00:00+08:00', { stepMs: 1 });
let emu: Emulator;
let dir: string;
let app: ReturnType<typeof tcb.init>;

beforeAll(async () => {
  dir = tempDir('emu-storage-');
  emu = await startEmulator({ port: 0, dataDir: dir, clock: () => clock.nowMs() });
  Object.assign(process.env, emulatorEnv(emu.url));
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a file uploaded by a function comes back, byte for byte, from its temporary link', async () => {
  const bytes = Buffer.from('PK\u0003\u0004 签到表 bytes');
  const { fileID } = await app.uploadFile({ cloudPath: 'exports/2026-12/签到表.xlsx', fileContent: bytes });
  expect(fileID).toMatch(/^cloud:\/\/.+\/exports\/2026-12\/签到表\.xlsx$/);
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] });
  expect(fileList[0]).toMatchObject({ fileID, code: 'SUCCESS' });
  const res = await fetch(fileList[0].tempFileURL);
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
});

test('a link expires on the clock, and one not signed by the service is refused', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'exports/report.xlsx', fileContent: Buffer.from('x') });
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] });
  const url = fileList[0].tempFileURL;
  expect((await fetch(url.replace(/sign=[0-9a-f]+/, 'sign=' + '0'.repeat(64)))).status).toBe(403);
  clock.advance(601_000);
  expect((await fetch(url)).status).toBe(403);
});

test('an unknown file has no link; a path that climbs out of the storage folder is refused', async () => {
  const { fileList } = await app.getTempFileURL({ fileList: ['cloud://local-env.local-bucket/none.xlsx'] });
  expect(fileList[0].code).not.toBe('SUCCESS');
  await expect(app.uploadFile({ cloudPath: '../../etc/passwd', fileContent: Buffer.from('x') })).rejects.toBeTruthy();
});
