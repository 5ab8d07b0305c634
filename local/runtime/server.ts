import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { FunctionHost } from './functions';

const MAX_BODY = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Stop keeping it, answer 413, and let the response close the connection.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The names this machine answers to on loopback: anything else in Host is a rebound DNS name. */
const LOOPBACK = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i;

/**
 * Only pages of this machine's own origin, and programs on it, may call: not a web page from
 * elsewhere that the developer happens to have open (its requests carry a foreign Origin or
 * Sec-Fetch-Site), nor one reaching loopback through a rebound DNS name (its Host is that name).
 */
function fromThisMachine(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  if (!LOOPBACK.test(host)) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * What WeChat would inject as the caller: an openid-like name. `off_…` are the ids of residents
 * without WeChat that a worker recorded: nobody may call as one of them.
 */
const callerOpenid = (header: string | string[] | undefined): string | null =>
  typeof header === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(header) && !header.startsWith('off_') ? header : null;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * The local stand-in for WeChat's callFunction gateway, on loopback:
 * `POST /functions/<name>` with the event as JSON and the caller's openid in `x-wx-openid`
 * (required: a call without one is refused, not run as a timer);
 * `POST /timers/<name>/<trigger>` fires a timer trigger declared in the function's config.json,
 * with the event CloudBase sends (`{Type: 'Timer', TriggerName}`) and no openid.
 * Anything else goes to `fallback` (the browser preview), or is a 404. Every request must come
 * from this machine (see fromThisMachine), the preview's included.
 */
export function startRuntime(host: FunctionHost, opts: { port: number; hostname?: string; fallback?: RequestListener }): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (!fromThisMachine(req)) return send(res, 403, { error: 'only pages and programs on this machine may call the local system' });
    const match = /^\/(functions|timers)\/([A-Za-z0-9_-]+)(?:\/([A-Za-z0-9_-]+))?$/.exec(req.url ?? '');
    if (!match) {
      if (opts.fallback) return opts.fallback(req, res);
      return send(res, 404, { error: 'not found' });
    }
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
    const [, kind, name, trigger] = match;
    if (!host.has(name)) return send(res, 404, { error: `no cloud function named ${name}` });
    if ((kind === 'timers') !== Boolean(trigger)) return send(res, 404, { error: 'use /functions/<name> or /timers/<name>/<trigger>' });
    const openid = kind === 'functions' ? callerOpenid(req.headers['x-wx-openid']) : null;
    if (kind === 'functions' && openid === null)
      return send(res, 401, { error: 'x-wx-openid must name the caller (letters, digits, _ and -; not an offline record’s off_ id)' });
    let event: unknown;
    try {
      event = kind === 'timers' ? { Type: 'Timer', TriggerName: trigger, Time: host.clock.now().toISOString() } : JSON.parse((await readBody(req)) || '{}');
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return send(res, 413, { error: `the body is larger than ${MAX_BODY} bytes` });
      }
      return send(res, 400, { error: 'body must be JSON' });
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return send(res, 400, { error: 'event must be a JSON object' });
    try {
      send(res, 200, await host.invoke(name, event as Record<string, unknown>, openid));
    } catch {
      send(res, 500, { error: 'function crashed' });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.hostname ?? '127.0.0.1', () => resolve(server));
  });
}
