import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPreview } from '../../local/preview';
import { startRuntime } from '../../local/runtime/server';
import { startTestCloud, type TestCloud } from '../support/cloud';

/**
 * The local system is what people try, on their own machine, with a browser open on other sites:
 * it answers only this machine's own pages and programs, and nobody calls as a timer or as a
 * resident without WeChat.
 */
let cloud: TestCloud;
let server: Server;
let port: number;

beforeAll(async () => {
  cloud = await startTestCloud();
  server = await startRuntime(cloud.host, { port: 0, fallback: createPreview({ host: cloud.host }) });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await cloud.close();
});

/** A raw HTTP request, so a test can send the Host and Origin headers a browser elsewhere would. */
function send(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a call without an openid is refused, not run as a timer', async () => {
  const reply = await send('POST', '/functions/users', {}, '{"action":"me"}');
  expect(reply.status).toBe(401);
  // Timers have their own route, as CloudBase's triggers have their own event.
  expect((await send('POST', '/timers/activities/remind', {})).status).toBe(200);
});

test('nobody calls as an offline record (off_…) or with a name WeChat would never inject', async () => {
  const { id } = await cloud.ok('users', 'me', {}, 'o_gateway_worker');
  expect(id).toBe('o_gateway_worker');
  for (const openid of ['off_0123456789abcdef', 'a b', 'x'.repeat(65), '<script>']) {
    expect((await send('POST', '/functions/users', { 'x-wx-openid': openid }, '{"action":"me"}')).status).toBe(401);
  }
  expect((await send('POST', '/functions/users', { 'x-wx-openid': 'demo-resident-1' }, '{"action":"me"}')).status).toBe(200);
});

test('another site open in the browser cannot call, fire a timer or read the demo people', async () => {
  const foreign = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
  expect((await send('POST', '/timers/activities/remind', foreign)).status).toBe(403);
  expect((await send('POST', '/functions/users', { ...foreign, 'x-wx-openid': 'demo-admin' }, '{"action":"me"}')).status).toBe(403);
  expect((await send('GET', '/preview/people', foreign)).status).toBe(403);
  // The same Origin with Sec-Fetch-Site missing (an older browser): still refused.
  expect((await send('GET', '/preview/people', { origin: 'http://evil.example' })).status).toBe(403);
  // The preview's own page is same-origin.
  const own = await send('GET', '/preview/people', { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });
  expect(own.status).toBe(200);
});

test('a DNS name rebound to loopback is refused by its Host', async () => {
  expect((await send('GET', '/preview/people', { host: `evil.example:${port}` })).status).toBe(403);
  expect((await send('GET', '/', { host: `localhost:${port}` })).status).toBe(200);
});

test('a body over 1 MiB gets 413, not a dropped connection', async () => {
  const reply = await send(
    'POST',
    '/functions/users',
    { 'x-wx-openid': 'o_big', 'content-type': 'application/json' },
    `{"action":"me","x":"${'a'.repeat(10 * 1024 * 1024)}"}`,
  );
  expect(reply.status).toBe(413);
  expect(JSON.parse(reply.text).error).toContain('larger than');
});
