import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { FunctionHost } from './functions';

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * The local stand-in for WeChat's callFunction gateway, on loopback:
 * `POST /functions/<name>` with the event as JSON and the caller's openid in `x-wx-openid`;
 * `POST /timers/<name>/<trigger>` fires a timer trigger declared in the function's config.json,
 * with the event CloudBase sends (`{Type: 'Timer', TriggerName}`) and no openid.
 * Anything else goes to `fallback` (the browser preview), or is a 404.
 */
export function startRuntime(host: FunctionHost, opts: { port: number; hostname?: string; fallback?: RequestListener }): Promise<Server> {
  const server = createServer(async (req, res) => {
    const match = /^\/(functions|timers)\/([A-Za-z0-9_-]+)(?:\/([A-Za-z0-9_-]+))?$/.exec(req.url ?? '');
    if (!match) {
      if (opts.fallback) return opts.fallback(req, res);
      return send(res, 404, { error: 'not found' });
    }
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
    const [, kind, name, trigger] = match;
    if (!host.has(name)) return send(res, 404, { error: `no cloud function named ${name}` });
    if ((kind === 'timers') !== Boolean(trigger)) return send(res, 404, { error: 'use /functions/<name> or /timers/<name>/<trigger>' });
    let event: unknown;
    try {
      event = kind === 'timers' ? { Type: 'Timer', TriggerName: trigger, Time: new Date().toISOString() } : JSON.parse((await readBody(req)) || '{}');
    } catch {
      return send(res, 400, { error: 'body must be JSON' });
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return send(res, 400, { error: 'event must be a JSON object' });
    const header = req.headers['x-wx-openid'];
    const openid = kind === 'functions' && typeof header === 'string' && header !== '' ? header : null;
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
