/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { AppPackage } from '../app-package';
import { frame } from './frame';
import { simulate, type Caller, type RootComponent } from './framework';
import { report } from './report';

interface Entry {
  route: string;
  query: Record<string, string>;
  screen: HTMLElement;
  /** Null for a page that cannot be shown (its files are missing): the screen says why. */
  component: RootComponent | null;
  title: string;
}

/** WeChat keeps at most 10 pages on the stack. */
const MAX_STACK = 10;

export function parseUrl(url: string, from?: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.split('?');
  // Relative urls are relative to the calling page, as in WeChat.
  const base = path.startsWith('/') || !from ? '' : from.slice(0, from.lastIndexOf('/') + 1);
  const parts: string[] = [];
  for (const part of (base + path.replace(/^\//, '')).split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return { route: parts.join('/'), query: Object.fromEntries(new URLSearchParams(search)) };
}

const urlOf = (e: { route: string; query: Record<string, string> }) => {
  const search = new URLSearchParams(e.query).toString();
  return `/${e.route}${search ? `?${search}` : ''}`;
};

/**
 * The page stack: each page is rendered by simulate into its own screen, hidden while another
 * page is on top, and gets WeChat's page lifecycle (onLoad, onShow, onReady, onHide, onUnload).
 */
export class Router {
  readonly stack: Entry[] = [];
  private readonly ids = new Map<string, string>();
  private readonly routes: Set<string>;
  private readonly tabs: Set<string>;

  constructor(private readonly pkg: AppPackage) {
    this.routes = new Set(pkg.routes);
    this.tabs = new Set((pkg.appJson.tabBar?.list ?? []).map((t) => t.pagePath));
  }

  get home(): string {
    return `/${this.pkg.appJson.pages[0]}`;
  }

  isTab(route: string): boolean {
    return this.tabs.has(route);
  }

  pages(): Caller[] {
    return this.stack.filter((e) => e.component).map((e) => e.component!.instance);
  }

  top(): Entry | undefined {
    return this.stack[this.stack.length - 1];
  }

  currentUrl(): string {
    const top = this.top();
    return top ? urlOf(top) : this.home;
  }

  navigateTo(url: string): void {
    if (this.stack.length >= MAX_STACK) throw new Error('webview count limit exceed');
    const target = this.resolve(url, 'page');
    const top = this.top();
    if (top) this.hide(top);
    this.push(target);
  }

  redirectTo(url: string): void {
    const target = this.resolve(url, 'page');
    const top = this.stack.pop();
    if (top) this.unload(top);
    this.push(target);
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) return;
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!);
    this.show(this.top()!);
    this.refreshChrome();
  }

  /** WeChat keeps tab pages alive; here switching tabs loads the tab page afresh, like reLaunch. */
  switchTab(url: string): void {
    this.reLaunch(url, 'tab');
  }

  reLaunch(url: string, kind: 'tab' | 'any' = 'any'): void {
    const target = this.resolve(url, kind);
    while (this.stack.length) this.unload(this.stack.pop()!);
    this.push(target);
  }

  /** As when the person leaves WeChat and comes back (after changing the phone's text size): onHide, onShow. */
  resurface(): void {
    const top = this.top();
    if (!top) return;
    this.hide(top);
    this.show(top);
  }

  setTitle(title: string): void {
    const top = this.top();
    if (top) top.title = title;
    this.refreshChrome();
  }

  /** WeChat's rules: navigateTo/redirectTo never open a tab page, switchTab only opens one. */
  private resolve(url: string, kind: 'tab' | 'page' | 'any') {
    const target = parseUrl(url, this.top()?.route);
    if (!this.routes.has(target.route)) throw new Error(`page "${target.route}" is not found`);
    const isTab = this.tabs.has(target.route);
    if (kind === 'tab' && !isTab) throw new Error(`can not switchTab to a non-tabBar page "${target.route}"`);
    if (kind === 'page' && isTab) throw new Error(`can not navigateTo a tabBar page "${target.route}"`);
    return target;
  }

  private push(target: { route: string; query: Record<string, string> }): void {
    const screen = frame.el('div', { className: 'mp-screen' });
    // WXSS `page {}` rules reach this element (styles.ts): it is the page, as on the phone.
    const scroller = frame.el('wx-page' as 'div', { className: 'mp-page' });
    scroller.dataset.route = target.route;
    screen.append(scroller);
    frame.screens().append(screen);
    const entry: Entry = { ...target, screen, component: null, title: this.titleOf(target.route) };
    this.stack.push(entry);
    this.refreshChrome();
    const problem = this.pkg.broken[target.route];
    if (problem) {
      scroller.append(
        frame.el('div', { className: 'mp-missing' }, frame.el('strong', { textContent: '这个页面还不能预览' }), frame.el('p', { textContent: problem })),
      );
      return;
    }
    try {
      let id = this.ids.get(target.route);
      if (!id) {
        // A page's tag names its styles' class prefix, so each page gets its own.
        id = simulate.load(target.route, `page-${target.route.replace(/[^a-zA-Z0-9]+/g, '-')}`, { rootPath: '', compiler: 'official' });
        this.ids.set(target.route, id);
      }
      const component = simulate.render(id);
      entry.component = component;
      component.attach(scroller);
      const page = component.instance;
      Object.assign(page, { route: target.route, options: target.query });
      call(page, 'onLoad', { ...target.query });
      this.show(entry);
      call(page, 'onReady');
    } catch (err) {
      report(`${target.route} 打开时出错`, err);
    }
    scroller.addEventListener('scroll', () => this.onScroll(entry, scroller), { passive: true });
    if (this.pageJson(target.route).enablePullDownRefresh) this.pullWithWheel(scroller);
    history.replaceState(null, '', `#${urlOf(entry)}`);
  }

  /**
   * Pull-down-to-refresh with a mouse: scrolling up past the top of the page. The page gets
   * onPullDownRefresh, and the indicator stays until it calls wx.stopPullDownRefresh.
   */
  private pullWithWheel(scroller: HTMLElement): void {
    let pulled = 0;
    scroller.addEventListener(
      'wheel',
      (e) => {
        pulled = scroller.scrollTop === 0 && e.deltaY < 0 ? pulled - e.deltaY : 0;
        if (pulled > 150) {
          pulled = 0;
          this.pullDownRefresh();
        }
      },
      { passive: true },
    );
  }

  pullDownRefresh(): void {
    const top = this.top();
    if (!top?.component || top.screen.querySelector('.mp-refreshing')) return;
    top.screen.prepend(frame.el('div', { className: 'mp-refreshing', textContent: '正在刷新…' }));
    call(top.component.instance, 'onPullDownRefresh');
  }

  stopPullDownRefresh(): void {
    this.top()?.screen.querySelector('.mp-refreshing')?.remove();
  }

  private onScroll(entry: Entry, scroller: HTMLElement): void {
    const page = entry.component?.instance;
    if (!page) return;
    call(page, 'onPageScroll', { scrollTop: scroller.scrollTop });
    // onReachBottomDistance defaults to 50 px.
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 50;
    if (atBottom && !scroller.dataset.atBottom) call(page, 'onReachBottom');
    scroller.dataset.atBottom = atBottom ? '1' : '';
  }

  private show(entry: Entry): void {
    entry.screen.hidden = false;
    history.replaceState(null, '', `#${urlOf(entry)}`);
    if (!entry.component) return;
    entry.component.triggerPageLifeTime('show');
    call(entry.component.instance, 'onShow');
  }

  private hide(entry: Entry): void {
    entry.screen.hidden = true;
    if (!entry.component) return;
    entry.component.triggerPageLifeTime('hide');
    call(entry.component.instance, 'onHide');
  }

  private unload(entry: Entry): void {
    if (entry.component) {
      call(entry.component.instance, 'onUnload');
      entry.component.detach();
    }
    entry.screen.remove();
  }

  /** The page's json merged over app.json's window settings, as WeChat applies them. */
  private pageJson(route: string): Record<string, unknown> {
    return { ...this.pkg.appJson.window, ...(JSON.parse(this.pkg.files[`${route}.json`] ?? '{}') as object) };
  }

  private titleOf(route: string): string {
    return String(this.pageJson(route).navigationBarTitleText ?? '');
  }

  refreshChrome(): void {
    const top = this.top();
    if (!top) return;
    const window = this.pageJson(top.route);
    frame.setNavBar({
      title: top.title,
      background: String(window.navigationBarBackgroundColor ?? '#fff'),
      textStyle: String(window.navigationBarTextStyle ?? 'black'),
      back: this.stack.length > 1 ? 'back' : this.tabs.has(top.route) || `/${top.route}` === this.home ? 'none' : 'home',
      hidden: window.navigationStyle === 'custom',
    });
    frame.setTabBar(this.pkg.appJson.tabBar, this.tabs.has(top.route) ? top.route : null, (path) => this.switchTab(`/${path}`));
  }
}

/** Page code errors are shown beside the phone, as DevTools shows them in its console. */
function call(page: Caller, method: string, ...args: unknown[]): void {
  const fn = page[method];
  if (typeof fn !== 'function') return;
  try {
    const result = (fn as (...a: unknown[]) => unknown).apply(page, args);
    if (result instanceof Promise) result.catch((err: unknown) => report(`${String(page.route)}.${method}`, err));
  } catch (err) {
    report(`${String(page.route)}.${method}`, err);
  }
}
