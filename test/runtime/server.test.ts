import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startRuntime } from '../../local/runtime/server';
import { startTestCloud, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
let server: Server;
let base: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  server = await startRuntime(cloud.host, { port: 0 });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await cloud.close();
});

const post = (path: string, body: unknown, openid?: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('POST /functions/<name> calls the function as the openid in x-wx-openid', async () => {
  const res = await post('/functions/users', { action: 'me' }, 'o_http_1');
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, data: { id: 'o_http_1' } });
});

test('two hundred callers at once each see only their own identity', async () => {
  const ids = Array.from({ length: 200 }, (_, i) => `o_parallel_${i}`);
  const replies = await Promise.all(ids.map((id) => post('/functions/users', { action: 'me' }, id).then((r) => r.json() as Promise<{ data: { id: string } }>)));
  expect(replies.map((r) => r.data.id)).toEqual(ids);
});

test('an identity in the body is ignored', async () => {
  const reply = await (await post('/functions/users', { action: 'me', userInfo: { openId: 'o_http_1' } }, 'o_http_2')).json();
  expect(reply).toMatchObject({ data: { id: 'o_http_2' } });
});

test('a call without an openid is refused: timers have their own route (test/runtime/gateway.test.ts)', async () => {
  expect((await post('/functions/users', { action: 'me' })).status).toBe(401);
});

test('POST /timers/<name>/<trigger> sends the event a timer trigger sends', async () => {
  expect(await (await post('/timers/activities/remind', {})).json()).toMatchObject({ ok: true, data: { reminded: 0 } });
  expect(await (await post('/timers/users/remind', {})).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
});

test('unknown paths, wrong methods and bad bodies get plain HTTP errors', async () => {
  expect((await post('/functions/nope', { action: 'me' }, 'o_x')).status).toBe(404);
  expect((await post('/timers/activities', {})).status).toBe(404);
  expect((await fetch(`${base}/functions/users`)).status).toBe(405);
  expect((await post('/functions/users', '{not json', 'o_x')).status).toBe(400);
  expect((await post('/functions/users', '[1,2]', 'o_x')).status).toBe(400);
});
