/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { AppPackage } from '../app-package';
import './builtins';
import { closestRendered } from './framework';
import { report } from './report';
import { parseUrl, Router } from './router';
import { installStyles } from './styles';
import { FONT_SIZES, IDENTITIES, settings } from './settings';
import { installWx } from './wx';

/**
 * The browser side of `npm start`'s preview: loads the mini-program the server collected, runs
 * app.ts, opens the page in the address (#/pages/…) or the home page, and wires the panel beside
 * the phone (who is using it, the phone's text size).
 */

interface Person {
  openid: string;
  name: string;
}

type Globals = Window & {
  __FILE_MAP__: Record<string, unknown>;
  require(path: string): unknown;
  App(options: Record<string, unknown>): void;
  getApp(): Record<string, unknown>;
};

/** Templates come compiled by wcc; simulate's browser build reads them from its file map as functions. */
function installFiles(pkg: AppPackage): void {
  const w = window as unknown as Globals;
  const gwx = new Function(pkg.wxml)() as (path: string) => unknown;
  w.__FILE_MAP__ = { ...pkg.files, ...Object.fromEntries(pkg.wxmlPaths.map((p) => [p, gwx(p)])) };
}

/** `App({...})` in app.ts, then its onLaunch and onShow, as WeChat starts a mini-program. */
function runApp(pkg: AppPackage, entry: { route: string; query: Record<string, string> }): void {
  const w = window as unknown as Globals;
  let app: Record<string, unknown> = {};
  w.App = (options) => {
    app = options;
  };
  w.getApp = () => app;
  if (!pkg.files['app.js']) return;
  try {
    w.require('app');
    const launch = { path: entry.route, query: entry.query, scene: 1001 };
    (app.onLaunch as ((o: unknown) => void) | undefined)?.call(app, launch);
    (app.onShow as ((o: unknown) => void) | undefined)?.call(app, launch);
  } catch (err) {
    report('app.ts', err);
  }
}

/**
 * A mouse click becomes the touchstart/touchend pair j-component turns into `tap`. Real touch
 * screens send their own touches, so clicks right after a touch are left alone.
 */
function translateClicks(screens: HTMLElement): void {
  let lastTouch = 0;
  screens.addEventListener('touchend', (e) => e.isTrusted && (lastTouch = Date.now()), true);
  screens.addEventListener('click', (e) => {
    const target = closestRendered(e.target);
    if (!target || Date.now() - lastTouch < 800) return;
    const point = { identifier: 0, target, clientX: e.clientX, clientY: e.clientY, pageX: e.pageX, pageY: e.pageY, screenX: e.screenX, screenY: e.screenY };
    const touch = (type: string, touches: object[]) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperties(event, { touches: { value: touches }, changedTouches: { value: [point] }, targetTouches: { value: touches } });
      target.dispatchEvent(event);
    };
    touch('touchstart', [point]);
    touch('touchend', []);
  });
}

function choice(container: HTMLElement, items: { value: string; label: string }[], current: string, onPick: (value: string) => void): void {
  container.replaceChildren(
    ...items.map((item) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = item.label;
      button.dataset.value = item.value;
      button.setAttribute('aria-pressed', String(item.value === current));
      button.addEventListener('click', () => onPick(item.value));
      return button;
    }),
  );
}

function renderPanel(router: Router, people: Person[]): void {
  const nameOf = (openid: string) => people.find((p) => p.openid === openid)?.name;
  const again = () => renderPanel(router, people);
  choice(
    document.getElementById('identities')!,
    IDENTITIES.map((i) => ({ value: i.openid, label: `${i.role} ${nameOf(i.openid) ?? ''} · ${i.openid}` })),
    settings.openid(),
    (openid) => {
      settings.setOpenid(openid);
      again();
      // The same page, as the other person: load it afresh so it reads their data.
      router.reLaunch(router.currentUrl());
    },
  );
  choice(
    document.getElementById('font-sizes')!,
    FONT_SIZES.map((f) => ({ value: String(f.px), label: `${f.label}（${f.px}px）` })),
    String(settings.fontSizeSetting()),
    (px) => {
      settings.setFontSizeSetting(Number(px));
      again();
      // WeChat's setting is changed outside the mini-program: coming back, the page gets onShow.
      router.resurface();
    },
  );
}

async function boot(): Promise<void> {
  installStyles();
  const pkg = (await fetch('/preview/app.json').then((r) => r.json())) as AppPackage & { error?: string };
  if (pkg.error) return report('小程序无法加载', pkg.error);
  // The pages' "today" is the functions' today, also under `NOW=… npm start` (miniprogram/utils/clock.ts).
  const { now } = (await fetch('/preview/clock').then((r) => r.json())) as { now: number };
  const offset = now - Date.now();
  (globalThis as { __stationClock?: () => number }).__stationClock = () => Date.now() + offset;
  for (const [route, why] of Object.entries(pkg.broken)) report(route, why);
  installFiles(pkg);

  const router = new Router(pkg);
  installWx(router);
  translateClicks(document.getElementById('mp-screens')!);
  document.getElementById('mp-back')!.addEventListener('click', () => router.navigateBack());
  document.getElementById('mp-home')!.addEventListener('click', () => router.reLaunch(router.home));

  const people = await fetch('/preview/people').then((r) => (r.ok ? (r.json() as Promise<Person[]>) : []));
  renderPanel(router, people);

  const start = decodeURIComponent(location.hash.slice(1)) || router.home;
  runApp(pkg, parseUrl(start));
  try {
    router.reLaunch(start);
  } catch (err) {
    report(start, err);
    router.reLaunch(router.home);
  }
  document.body.dataset.ready = 'true';
}

window.addEventListener('error', (e) => report('脚本错误', e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => report('未处理的错误', e.reason));
boot().catch((err: unknown) => report('预览启动失败', err));
