/**
 * Page tests: render a real page of the mini-program with miniprogram-simulate, with its cloud calls
 * going to the real cloud functions on the emulator as a chosen person.
 *
 *   const cloud = await startTestCloud();                 // beforeAll; cloud.close() in afterAll
 *   const page = await openPage(cloud, 'pages/mine/index', { openid: 'demo-resident-1' });
 *   await page.waitFor(() => page.data.state === 'ready'); // onLoad/onShow have run; wait for replies
 *   expect(page.text('.profile__name')).toContain('张三');
 *   await page.tap('#edit');                               // taps inside tdesign components too
 *   expect(page.navigations).toContainEqual({ method: 'navigateTo', url: '/pages/profile/index' });
 *   await page.input('#phone', '13900001111');            // a native <input> or a <t-input>
 *   page.modalAnswer = false;                              // the next wx.showModal answers 取消
 *   page.modalText = 'ABC123';                             // typed into the next editable wx.showModal
 *   page.scanResult = 'ABCD2345';                          // what the next wx.scanCode reads
 *   page.actionSheetPick = '打电话';                       // the item the next wx.showActionSheet picks
 *   page.network = 'offline';                             // calls fail before reaching the function
 *   page.close();
 *
 * - Pages are written with Component(); `onLoad(query)` and `onShow` (in methods) and the
 *   `pageLifetimes.show` of behaviours such as care mode are called for you, and awaited.
 * - Selectors: `#id`, `.class`, `tag` as exparser takes them, searched through the page and inside
 *   every custom component on it. Give what you tap an id or a class of your own.
 * - Recorded: `calls` (cloud function calls), `navigations`, `toasts`, `modals`, `phoneCalls`,
 *   `actionSheets` (each sheet's items), `storage` (in memory, starts from `options.storage`). A navigation WeChat would refuse (a page
 *   not in app.json; navigateTo a tab page; switchTab to a non-tab page) fails as it would there
 *   and is recorded with an `error`, so `toEqual([{ method, url }])` catches it.
 * - `wx.getAppBaseInfo().fontSizeSetting` is `options.fontSizeSetting` (default 17).
 * - Field values live in `page.data` (jsdom renders no <input> value); `text()` is what is read.
 * - `getApp()` is the real app (miniprogram/app.ts); `getCurrentPages()` is [this page].
 * - Each openPage loads the page's modules afresh (jest.isolateModules): open as many pages per
 *   file as you like. A usingComponents path that does not resolve fails the test.
 *
 * What every page does (test/miniprogram/care-mode.test.ts checks the first two):
 * - care mode: `behaviors: [careMode]` (miniprogram/utils/care.ts), and the wxml starts with
 *   `<page-meta root-font-size="{{rootFontSize}}" />`; text sized in rem / app.wxss tokens;
 * - a class that sets the height of something tappable sets at least 44px;
 * - loading / empty / error through `<state-view>` (miniprogram/components/state-view), whose
 *   buttons a test taps as `#state-retry`, `#state-call` (calls the station), `#state-action`;
 * - destructive steps confirmed with wx.showModal; short results with wx.showToast.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as simulate from 'miniprogram-simulate';
import type { TestCloud } from './cloud';

const MINIPROGRAM = join(__dirname, '..', '..', 'miniprogram');

// A page test renders tdesign and runs real functions on a machine shared by several jobs: give it time.
jest.setTimeout(30_000);

/** An npm-style component path (`tdesign-miniprogram/button/button`), as WeChat resolves it after 构建 npm. */
const isNpmPath = (p: string) => !p.startsWith('/') && !p.startsWith('.');

// simulate leaves npm-style paths unresolved and skips a component it cannot find without a word:
// map npm paths to the built miniprogram_npm as WeChat does, and fail loudly on a wrong path.

const simulateFiles = require('miniprogram-simulate/src/utils') as { readJson(file: string): { usingComponents?: Record<string, string> } | null };
const readJson = simulateFiles.readJson;
simulateFiles.readJson = (file) => {
  const json = readJson(file);
  const using = json?.usingComponents ?? {};
  for (const [tag, path] of Object.entries(using)) {
    if (path.startsWith('plugin://')) continue;
    if (isNpmPath(path)) using[tag] = `/miniprogram_npm/${path}`;
    const target = using[tag].startsWith('/') ? join(MINIPROGRAM, using[tag]) : join(dirname(file), using[tag]);
    if (!existsSync(`${target}.json`)) {
      throw new Error(`${file}: usingComponents "${tag}": "${path}" not found (run \`npx tsx scripts/pack-npm.ts\` for npm components)`);
    }
  }
  return json;
};

export interface Navigation {
  method: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url?: string;
  delta?: number;
  /** Set when WeChat would refuse it: no such page in app.json, or the wrong call for a tab page. */
  error?: string;
}

const appJson = JSON.parse(readFileSync(join(MINIPROGRAM, 'app.json'), 'utf8')) as {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string }[] };
};
const PAGES = new Set([...appJson.pages, ...(appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]);
const TAB_PAGES = new Set((appJson.tabBar?.list ?? []).map((t) => t.pagePath));

/** What WeChat says when it refuses a navigation, or undefined when it goes. */
function refusal(method: Navigation['method'], url = ''): string | undefined {
  const path = url.replace(/^\//, '').split('?')[0];
  if (!PAGES.has(path)) return `${method}:fail page "${path}" is not found in app.json`;
  const tab = TAB_PAGES.has(path);
  if (method === 'switchTab' && !tab) return 'switchTab:fail can not switch to a page that is not in the tabBar';
  if ((method === 'navigateTo' || method === 'redirectTo') && tab) return `${method}:fail can not ${method} a tabbar page (use switchTab)`;
  return undefined;
}

export interface OpenPageOptions {
  /** Who is using the phone: the openid the cloud functions see. */
  openid: string;
  /** The page's query (`onLoad(query)`), e.g. `{ id: 'act_1' }`. */
  query?: Record<string, string>;
  /** What `wx.getAppBaseInfo().fontSizeSetting` reports (WeChat's default is 17). */
  fontSizeSetting?: number;
  /** Storage as the page finds it, e.g. `{ 'care.largeText': true }`. */
  storage?: Record<string, unknown>;
  /** The network from the start (default 'ok'); change it later with `page.network`. */
  network?: PageHarness['network'];
}

type SimComponent = ReturnType<typeof simulate.render>;
// The page's instance, as its own methods see it (this.data, this.setData, methods).
type PageInstance = WechatMiniprogram.Component.TrivialInstance & Record<string, unknown>;

export interface PageHarness {
  readonly component: SimComponent;
  readonly instance: PageInstance;
  readonly data: Record<string, any>;
  readonly calls: { name: string; data: Record<string, unknown> }[];
  readonly navigations: Navigation[];
  readonly toasts: { title: string; icon?: string }[];
  readonly modals: { title?: string; content?: string }[];
  /** Numbers the page dialled with wx.makePhoneCall. */
  readonly phoneCalls: string[];
  /** The items of each wx.showActionSheet the page opened. */
  readonly actionSheets: string[][];
  /** Files the page downloaded (wx.downloadFile, a real fetch of the link) and then opened (wx.openDocument). */
  readonly documents: { filePath: string; bytes: Buffer }[];
  readonly storage: Map<string, unknown>;
  /** How the next wx.showModal is answered: true = the confirm button (default). */
  modalAnswer: boolean;
  /** What the person types into the next wx.showModal with `editable: true` ('' by default). */
  modalText: string;
  /** What the next wx.scanCode reads; null = the person cancels the scan. */
  scanResult: string | null;
  /**
   * The item the next wx.showActionSheet picks: the first whose text starts with this; null (the
   * default), or no such item, = the person taps 取消.
   */
  actionSheetPick: string | null;
  /** 'ok'; 'offline': calls fail before reaching the function; 'lost-reply': the function runs, the reply is lost. */
  network: 'ok' | 'offline' | 'lost-reply';
  /** Calls the page's onShow again, as when the person comes back to it. */
  show(): Promise<void>;
  tap(selector: string): Promise<void>;
  input(selector: string, value: string): Promise<void>;
  /** The text a person reads in the element (whitespace collapsed), or '' when it is not there. */
  text(selector?: string): string;
  exists(selector: string): boolean;
  /** Every element matching, through nested components. */
  all(selector: string): SimComponent[];
  /** Resolves once `condition()` is truthy; fails with `what` after 10 s. */
  waitFor(condition: () => unknown, what?: string): Promise<void>;
  /** Resolves once no cloud call of the page is under way (a re-read after a step, say). */
  settled(): Promise<void>;
  close(): void;
}

interface ExparserNode {
  is?: string;
  /** The rendered DOM element; none for virtual nodes (slots, wx:if, tdesign's virtual hosts). */
  $$?: Element;
  classList?: object;
  shadowRoot?: ExparserNode;
  childNodes?: ExparserNode[];
  __componentNode__?: SimComponent;
}

const exparser = require('miniprogram-exparser') as { Element: { matchSelector(selector: string, node: ExparserNode): boolean } };
const nodeOf = (comp: SimComponent) => (comp as unknown as { _exparserNode: ExparserNode })._exparserNode;
// j-component's class for a node inside a page is not exported: it is what its RootComponent extends.
let Wrapper: new (node: ExparserNode) => SimComponent;
const wrap = (node: ExparserNode) => node.__componentNode__ ?? new Wrapper(node);

/** `#id` and `.class` as exparser matches them, or a built-in tag (`input`, `textarea`, `button`). */
const matches = (node: ExparserNode, selector: string) =>
  /^[a-z][-a-z]*$/.test(selector) ? node.is === selector : exparser.Element.matchSelector(selector, node);

/** Every match under `root`, through the templates of the custom components it renders. */
function findAll(root: SimComponent, selector: string): SimComponent[] {
  const found: SimComponent[] = [];
  const visit = (node: ExparserNode, isRoot: boolean) => {
    if (!isRoot && node.classList && matches(node, selector)) found.push(wrap(node));
    if (node.shadowRoot) visit(node.shadowRoot, false);
    for (const child of node.childNodes ?? []) visit(child, false);
  };
  visit(nodeOf(root), true);
  return found;
}

/**
 * Where a finger's event starts: in the first of `tags` inside (the <input> inside a <t-input>),
 * else on the element itself, or — for tdesign's virtual hosts, which render no element of their
 * own — on the first rendered element inside.
 */
function eventTarget(comp: SimComponent, tags: string[]): SimComponent {
  for (const tag of tags) {
    const inner = findAll(comp, tag)[0];
    if (inner) return inner;
  }
  const firstRendered = (node: ExparserNode): ExparserNode | undefined => {
    if (node.$$ && node.classList) return node;
    for (const child of [...(node.shadowRoot ? [node.shadowRoot] : []), ...(node.childNodes ?? [])]) {
      const found = firstRendered(child);
      if (found) return found;
    }
    return undefined;
  };
  const node = firstRendered(nodeOf(comp));
  if (!node) throw new Error('nothing rendered to tap');
  return wrap(node);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls the wx API's callbacks and returns its promise, as the real async APIs do. */
function answer<T>(options: { success?: (r: T) => void; fail?: (e: unknown) => void; complete?: () => void } | undefined, result: T | Error) {
  if (result instanceof Error) {
    options?.fail?.({ errMsg: result.message });
    options?.complete?.();
    return Promise.reject(result);
  }
  options?.success?.(result);
  options?.complete?.();
  return Promise.resolve(result);
}

export async function openPage(cloud: Pick<TestCloud, 'host'>, pagePath: string, options: OpenPageOptions): Promise<PageHarness> {
  // The wx mocks below read and record through `page`, which exists before any page code runs.
  // eslint-disable-next-line prefer-const -- those mocks close over it before it is assigned
  let page!: PageHarness;
  const downloaded = new Map<string, Buffer>();
  let inFlight = 0;

  const navigate =
    (method: Navigation['method']) =>
    (o: { url?: string; delta?: number } = {}) => {
      if (method === 'navigateBack') {
        page.navigations.push({ method, delta: o.delta ?? 1 });
        return answer(o as never, { errMsg: 'navigateBack:ok' });
      }
      const error = refusal(method, o.url);
      page.navigations.push(error ? { method, url: o.url, error } : { method, url: o.url });
      return answer(o as never, error ? new Error(error) : { errMsg: `${method}:ok` });
    };

  Object.assign(wx, {
    cloud: {
      init: () => undefined,
      async callFunction({ name, data }: { name: string; data: Record<string, unknown> }) {
        page.calls.push({ name, data });
        if (page.network === 'offline') throw new Error('cloud.callFunction:fail network');
        inFlight += 1;
        try {
          const result = await cloud.host.invoke(name, data, options.openid);
          if (page.network === 'lost-reply') throw new Error('cloud.callFunction:fail timeout');
          return { result, errMsg: 'cloud.callFunction:ok' };
        } finally {
          inFlight -= 1;
        }
      },
    },
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    showToast: (o: { title: string; icon?: string }) => {
      page.toasts.push({ title: o.title, icon: o.icon });
      return answer(o as never, { errMsg: 'showToast:ok' });
    },
    showModal: (o: { title?: string; content?: string; editable?: boolean }) => {
      page.modals.push({ title: o.title, content: o.content });
      const confirm = page.modalAnswer;
      page.modalAnswer = true;
      // An editable modal answers with what was typed in its box.
      const typed = o.editable ? { content: page.modalText } : {};
      if (o.editable) page.modalText = '';
      return answer(o as never, { confirm, cancel: !confirm, ...typed, errMsg: 'showModal:ok' });
    },
    scanCode: (o: object) => {
      const code = page.scanResult;
      page.scanResult = null;
      return answer(o as never, code === null ? new Error('scanCode:fail cancel') : { result: code, scanType: 'QR_CODE', errMsg: 'scanCode:ok' });
    },
    showActionSheet: (o: { itemList: string[] }) => {
      page.actionSheets.push([...o.itemList]);
      const pick = page.actionSheetPick;
      page.actionSheetPick = null;
      const tapIndex = pick === null ? -1 : o.itemList.findIndex((item) => item.startsWith(pick));
      return answer(o as never, tapIndex < 0 ? new Error('showActionSheet:fail cancel') : { tapIndex, errMsg: 'showActionSheet:ok' });
    },
    makePhoneCall: (o: { phoneNumber: string }) => {
      page.phoneCalls.push(o.phoneNumber);
      return answer(o as never, { errMsg: 'makePhoneCall:ok' });
    },
    // WeChat's own value: where a mini-program keeps its files.
    env: { USER_DATA_PATH: 'wxfile://usr' },
    downloadFile: async (o: { url: string; filePath?: string }) => {
      const res = await fetch(o.url).catch((e: Error) => e);
      if (res instanceof Error || !res.ok) return answer(o as never, new Error(`downloadFile:fail ${res instanceof Error ? res.message : res.status}`));
      const filePath = o.filePath ?? `wxfile://tmp/${downloaded.size}`;
      downloaded.set(filePath, Buffer.from(await res.arrayBuffer()));
      return answer(o as never, { tempFilePath: o.filePath ? '' : filePath, filePath: o.filePath, statusCode: res.status, errMsg: 'downloadFile:ok' });
    },
    openDocument: (o: { filePath: string }) => {
      const bytes = downloaded.get(o.filePath);
      if (!bytes) return answer(o as never, new Error('openDocument:fail file not found'));
      page.documents.push({ filePath: o.filePath, bytes });
      return answer(o as never, { errMsg: 'openDocument:ok' });
    },
    setStorageSync: (key: string, value: unknown) => void page.storage.set(key, value),
    getStorageSync: (key: string) => (page.storage.has(key) ? page.storage.get(key) : ''),
    removeStorageSync: (key: string) => void page.storage.delete(key),
    getAppBaseInfo: () => ({ SDKVersion: '3.7.0', language: 'zh_CN', fontSizeSetting: options.fontSizeSetting ?? 17, theme: 'light' }),
  });

  // The real app.ts and the page, loaded afresh so module state never leaks between pages.
  let app: Record<string, any> = {};
  let componentId = '';
  const g = globalThis as Record<string, unknown>;
  g.App = (definition: Record<string, any>) => void (app = definition);
  g.getApp = () => app;
  g.getCurrentPages = () => [page.instance];
  // The page's "today" is the functions' today: both read the test clock (miniprogram/utils/clock.ts).
  g.__stationClock = () => cloud.host.clock.nowMs();
  jest.isolateModules(() => {
    require(join(MINIPROGRAM, 'app'));
    componentId = simulate.load(join(MINIPROGRAM, pagePath), { rootPath: MINIPROGRAM, compiler: 'simulate' });
  });
  if (!componentId) throw new Error(`could not load ${pagePath}: does miniprogram/${pagePath}.json exist?`);

  const component = simulate.render(componentId);
  Wrapper ??= Object.getPrototypeOf(component.constructor);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  const instance = component.instance as PageInstance;
  Object.assign(instance, { route: pagePath, options: options.query ?? {} });

  page = {
    component,
    instance,
    get data() {
      return component.data as Record<string, any>;
    },
    calls: [],
    navigations: [],
    toasts: [],
    modals: [],
    phoneCalls: [],
    actionSheets: [],
    documents: [],
    storage: new Map(Object.entries(options.storage ?? {})),
    modalAnswer: true,
    modalText: '',
    scanResult: null,
    actionSheetPick: null,
    network: options.network ?? 'ok',
    async show() {
      // Missing from j-component's .d.ts, but there: it runs pageLifetimes.show of the page's behaviours.
      (component as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime('show');
      await (instance.onShow as (() => unknown) | undefined)?.call(instance);
    },
    all: (selector) => findAll(component, selector),
    exists: (selector) => findAll(component, selector).length > 0,
    text(selector) {
      const target = selector ? findAll(component, selector)[0] : component;
      return (target?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
    },
    async tap(selector) {
      const target = findAll(component, selector)[0];
      if (!target) throw new Error(`tap: nothing matches ${selector}; the page reads: ${page.text()}`);
      eventTarget(target, []).dispatchEvent('tap');
      await sleep(0);
    },
    async input(selector, value) {
      const target = findAll(component, selector)[0];
      if (!target) throw new Error(`input: nothing matches ${selector}`);
      const field = eventTarget(target, ['input', 'textarea']);
      field.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
      await sleep(0);
      field.dispatchEvent('blur', { detail: { value } });
      await sleep(0);
    },
    settled() {
      return page.waitFor(() => inFlight === 0, 'the page’s cloud calls');
    },
    async waitFor(condition, what = String(condition)) {
      const deadline = Date.now() + 10_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`waitFor timed out: ${what}\npage data: ${JSON.stringify(component.data)}`);
        await sleep(5);
      }
    },
    close() {
      component.detach();
      parent.remove();
    },
  };

  app.onLaunch?.({ path: pagePath, query: options.query ?? {} });
  component.attach(parent);
  await (instance.onLoad as ((q: object) => unknown) | undefined)?.call(instance, options.query ?? {});
  await page.show();
  return page;
}
