import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { ActionInput, ActionName, ActionOutput, FunctionName, Reply } from '../../cloudfunctions/contracts';
import { Clock } from '../../local/clock';
import { DEFAULT_TEST_NOW } from '../support/clock';
import { SHOTS_DIR } from './paths';

const INVITE = 'e2e-invite-code';
const ROOT = join(__dirname, '..', '..');

/** Debian's chromium (apt-get install chromium), never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The running system as a person's phone reaches it: callFunction over the runtime's gateway. */
export interface System {
  base: string;
  /** The system's clock, as its /preview/clock reports it, running on at the machine's pace. */
  clock: Clock;
  /** Like the unit tests' cloud.ok: the reply's data, or the test fails with the error code. */
  ok<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A>, openid: string): Promise<ActionOutput<F, A>>;
}

export interface PreviewSession {
  cloud: System;
  page: Page;
  /** The page on top of the phone's stack. */
  screen(): Locator;
  /** Waits until the page on top, or a toast or dialog over it, shows this text (fails the test when it never does). */
  see(text: string | RegExp): Promise<Locator>;
  /** Opens a page the way a reload does (`/#/<url>`), as `openid`, and waits until its cloud calls are answered. */
  open(url: string, openid: string): Promise<void>;
  /** Uses the mini-program as this person from now on (the switcher beside the phone). */
  as(openid: string): Promise<void>;
  /**
   * The phone, scrolled to what the test last saw, in normal and in large text:
   * test-results/e2e/<name>.png and <name>-large.png.
   */
  snap(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `npm start`'s own process (local/start.ts under tsx, the built bundles, demo data loaded on
 * first run) in a temp data folder on a free port, from the test clock's instant (NOW).
 */
async function startSystem(root: string | undefined): Promise<{ system: System; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sanshe-e2e-'));
  const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NOW: process.env.TEST_NOW || DEFAULT_TEST_NOW, ADMIN_INVITE_CODE: INVITE, PREVIEW_ROOT: root ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /PORT=(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const { now } = (await (await fetch(`${base}/preview/clock`)).json()) as { now: number };
  const system: System = {
    base,
    clock: new Clock(now),
    async ok(fn, action, input, openid) {
      const res = await fetch(`${base}/functions/${fn}`, {
        method: 'POST',
        headers: { 'x-wx-openid': openid },
        body: JSON.stringify({ ...(input as object), action }),
      });
      const reply = (await res.json()) as Reply<never>;
      if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    },
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { system, stop };
}

/**
 * The whole system exactly as `npm start` serves it, and headless Chromium on its preview.
 * `root` is the mini-program to preview (the real one unless a test brings its own).
 */
export async function openPreview(opts: { root?: string; path?: string } = {}): Promise<PreviewSession> {
  const { system: cloud, stop } = await startSystem(opts.root);
  const base = cloud.base;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${base}/#${opts.path ?? ''}`);
    await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
    mkdirSync(SHOTS_DIR, { recursive: true });

    const screen = () => page.locator('.mp-screen:not([hidden])');
    /** What the test last looked for: the screenshot shows it. */
    let lastSeen: Locator | undefined;
    const settle = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const fontSize = (px: number) => page.locator(`#font-sizes button[data-value="${px}"]`).click();
    const session: PreviewSession = {
      cloud,
      page,
      screen,
      async see(text) {
        const found = page.locator('.mp-screen:not([hidden]), #mp-layer').getByText(text).first();
        await found.waitFor({ timeout: 15_000 });
        lastSeen = found;
        return found;
      },
      async open(url, openid) {
        await page.evaluate(
          ([u, o]) => {
            localStorage.setItem('preview.openid', o);
            location.hash = u;
          },
          [url, openid],
        );
        await page.reload();
        await page.waitForSelector('body[data-ready]');
        await page.waitForFunction(() => (document.body.dataset.calls ?? '0') === '0');
      },
      async as(openid) {
        await page.locator(`#identities button[data-value="${openid}"]`).click();
      },
      async snap(name) {
        const phone = page.locator('.phone');
        // Larger text moves things down: scroll to what the test saw again after each change.
        const show = async () => {
          if (lastSeen && (await lastSeen.isVisible())) await lastSeen.scrollIntoViewIfNeeded();
          await settle();
        };
        await show();
        await phone.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
        await fontSize(22);
        await show();
        await phone.screenshot({ path: join(SHOTS_DIR, `${name}-large.png`) });
        await fontSize(17);
      },
      async close() {
        await browser?.close();
        await stop();
        // An uncaught error in page code is a failure even when the step it broke still passed.
        expect(errors).toEqual([]);
      },
    };
    return session;
  } catch (err) {
    await browser?.close();
    await stop();
    throw err;
  }
}
