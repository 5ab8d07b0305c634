import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { FunctionHost } from '../runtime/functions';
import { DEMO } from '../seed/call';
import { assetPath, buildAppPackage, fingerprint, type AppPackage } from './app-package';
import { buildRuntime } from './runtime-bundle';

const MINIPROGRAM_ROOT = join(__dirname, '..', '..', 'miniprogram');
const CLIENT_DIR = join(__dirname, 'client');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Built once, on first use: bundling simulate for the browser takes a moment. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make().catch((err: unknown) => ((value = undefined), Promise.reject(err))));
}

/**
 * The browser preview, served by the runtime for every path that is not a function:
 *   /                       the phone frame and the panel beside it
 *   /preview/runtime.js     simulate + j-component + exparser + the preview's client, for the browser
 *   /preview/app.json       the mini-program's files, rebuilt whenever a file under `root` changed
 *   /preview/people         the demo people's names and check-in codes (for the switcher and wx.scanCode);
 *                           ?activityId= marks who is signed up for that activity
 *   /mp/<file>              the mini-program's own images
 */
export function createPreview(opts: { host: FunctionHost; root?: string }): RequestListener {
  const root = opts.root ?? MINIPROGRAM_ROOT;
  const runtime = once(buildRuntime);
  let cached: { key: string; pkg: Promise<AppPackage> } | undefined;
  const appPackage = () => {
    const key = fingerprint(root);
    if (cached?.key !== key) cached = { key, pkg: buildAppPackage(root) };
    return cached.pkg;
  };

  type Reply<T> = { ok: boolean; data?: T };
  const invoke = <T>(fn: string, event: Record<string, unknown>, openid: string) => opts.host.invoke(fn, event, openid) as Promise<Reply<T>>;
  /**
   * The demo people as each sees themselves (users.me: name and check-in code, nothing
   * staff-only). With an activity, who is signed up for it, as each person's own activity page says.
   */
  const people = async (activityId: string | null) => {
    const openids = [DEMO.admin, DEMO.worker, DEMO.secretary, DEMO.volunteer, ...Array.from({ length: DEMO.residentCount }, (_, i) => DEMO.resident(i + 1))];
    // Each person's own view: the roster names people by its own ids, never by openid.
    const [replies, mine] = await Promise.all([
      Promise.all(openids.map((openid) => invoke<{ name: string; checkinCode: string }>('users', { action: 'me' }, openid))),
      Promise.all(
        openids.map((openid) =>
          activityId
            ? invoke<{ myStatus: string | null }>('activities', { action: 'get', activityId }, openid)
            : Promise.resolve<Reply<{ myStatus: string | null }>>({ ok: false }),
        ),
      ),
    ]);
    return replies.flatMap((r, i) =>
      r.ok && r.data
        ? [
            {
              openid: openids[i],
              name: r.data.name,
              checkinCode: r.data.checkinCode,
              resident: openids[i].startsWith('demo-resident-'),
              signedUp: mine[i].data?.myStatus === 'registered',
            },
          ]
        : [],
    );
  };

  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    const path = url.pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, TYPES['.json'], '{"error":"use GET"}');
    try {
      if (path === '/' || path === '/index.html') return send(res, 200, TYPES['.html'], readFileSync(join(CLIENT_DIR, 'host.html')));
      if (path === '/favicon.ico') return send(res, 204, TYPES['.html'], '');
      if (path === '/preview/host.css') return send(res, 200, TYPES['.css'], readFileSync(join(CLIENT_DIR, 'host.css')));
      if (path === '/preview/runtime.js') return send(res, 200, TYPES['.js'], await runtime());
      if (path === '/preview/app.json') return send(res, 200, TYPES['.json'], JSON.stringify(await appPackage()));
      if (path === '/preview/clock') return send(res, 200, TYPES['.json'], JSON.stringify({ now: opts.host.clock.nowMs() }));
      if (path === '/preview/people') return send(res, 200, TYPES['.json'], JSON.stringify(await people(url.searchParams.get('activityId'))));
      if (path.startsWith('/mp/')) {
        const file = assetPath(root, path.slice(4));
        if (file && TYPES[extname(file)]?.startsWith('image/') && existsSync(file) && statSync(file).isFile()) {
          res.writeHead(200, { 'content-type': TYPES[extname(file)] });
          return void createReadStream(file).pipe(res);
        }
      }
      send(res, 404, TYPES['.json'], '{"error":"not found"}');
    } catch (err) {
      // The page shows this beside the phone: a broken app.json or a failed build is the developer's to fix.
      send(res, 500, TYPES['.json'], JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    }
  };
}
