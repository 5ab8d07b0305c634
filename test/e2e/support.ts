import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createPreview } from '../../local/preview';
import { startRuntime } from '../../local/runtime/server';
import { seedDemo } from '../../local/seed';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { SHOTS_DIR } from './paths';

const INVITE = 'e2e-invite-code';

/** Debian's chromium (apt-get install chromium), never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface PreviewSession {
  cloud: TestCloud;
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
 * The whole system as `npm start` runs it — emulator in a temp folder, the built functions, the
 * runtime with the preview — with the demo data loaded, and headless Chromium on the preview.
 * `root` is the mini-program to preview (the real one unless a test brings its own).
 */
export async function openPreview(opts: { root?: string; path?: string } = {}): Promise<PreviewSession> {
  const cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await seedDemo(cloud.host, INVITE);
  const server = await startRuntime(cloud.host, { port: 0, fallback: createPreview({ host: cloud.host, root: opts.root }) });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
        await page.evaluate(([u, o]) => {
          localStorage.setItem('preview.openid', o);
          location.hash = u;
        }, [url, openid]);
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
        await new Promise((done) => server.close(done));
        await cloud.close();
        // An uncaught error in page code is a failure even when the step it broke still passed.
        expect(errors).toEqual([]);
      },
    };
    return session;
  } catch (err) {
    await browser?.close();
    server.close();
    await cloud.close();
    throw err;
  }
}
