/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { frame } from './frame';
import type { Router } from './router';
import { settings } from './settings';

/** The phone the preview pretends to be: 375 px wide, like the frame. */
const SCREEN = { width: 375, height: 667, statusBar: 20, navBar: 44, tabBar: 50 };

type Options = Record<string, unknown> & { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };
type Api = Record<string, unknown>;

/**
 * WeChat's convention for async APIs: callbacks when given, otherwise a Promise; results carry
 * `errMsg: '<name>:ok'`, failures `'<name>:fail …'`.
 */
function asyncApi(name: string, run: (opts: Options) => Promise<Record<string, unknown>> | Record<string, unknown>) {
  return (opts: Options = {}) => {
    const promise = Promise.resolve()
      .then(() => run(opts))
      .then(
        (res) => ({ errMsg: `${name}:ok`, ...res }),
        (err: unknown) => {
          throw { errMsg: `${name}:fail ${err instanceof Error ? err.message : String(err)}` };
        },
      );
    if (!opts.success && !opts.fail && !opts.complete) return promise;
    promise.then(
      (res) => {
        opts.success?.(res);
        opts.complete?.(res);
      },
      (err: unknown) => {
        opts.fail?.(err);
        opts.complete?.(err);
      },
    );
    return undefined;
  };
}

/** Storage is per person: each identity is someone else's phone. */
const storageKey = (key: string) => `mp:${settings.openid()}:${key}`;

function storage(): Api {
  const get = (key: string): unknown => {
    const raw = localStorage.getItem(storageKey(key));
    return raw === null ? '' : (JSON.parse(raw) as unknown);
  };
  // undefined is not JSON: kept as WeChat's "nothing stored", an empty string.
  const set = (key: string, data: unknown) => localStorage.setItem(storageKey(key), JSON.stringify(data ?? ''));
  const remove = (key: string) => localStorage.removeItem(storageKey(key));
  const keys = () =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith(storageKey('')))
      .map((k) => k.slice(storageKey('').length));
  return {
    getStorageSync: get,
    setStorageSync: set,
    removeStorageSync: remove,
    clearStorageSync: () => keys().forEach(remove),
    getStorageInfoSync: () => ({ keys: keys(), currentSize: 0, limitSize: 10240 }),
    getStorage: asyncApi('getStorage', ({ key }) => {
      if (localStorage.getItem(storageKey(String(key))) === null) throw new Error('data not found');
      return { data: get(String(key)) };
    }),
    setStorage: asyncApi('setStorage', ({ key, data }) => (set(String(key), data), {})),
    removeStorage: asyncApi('removeStorage', ({ key }) => (remove(String(key)), {})),
    clearStorage: asyncApi('clearStorage', () => (keys().forEach(remove), {})),
  };
}

/**
 * `wx.cloud.callFunction` → the local runtime, as the person chosen beside the phone. The calls
 * under way are counted on <body data-calls>, so a test can wait until a page has its data.
 */
function cloud(): Api {
  const pending = (delta: number) => (document.body.dataset.calls = String(Number(document.body.dataset.calls ?? 0) + delta));
  return {
    init: () => undefined,
    callFunction: asyncApi('cloud.callFunction', async ({ name, data }) => {
      pending(1);
      try {
        const response = await fetch(`/functions/${encodeURIComponent(String(name))}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-wx-openid': settings.openid() },
          body: JSON.stringify(data ?? {}),
        });
        if (!response.ok) throw new Error(`${response.status} ${(await response.text()).slice(0, 200)}`);
        return { result: (await response.json()) as unknown, requestID: crypto.randomUUID() };
      } finally {
        pending(-1);
      }
    }),
  };
}

function navigation(router: Router): Api {
  return {
    navigateTo: asyncApi('navigateTo', ({ url }) => (router.navigateTo(String(url)), {})),
    redirectTo: asyncApi('redirectTo', ({ url }) => (router.redirectTo(String(url)), {})),
    navigateBack: asyncApi('navigateBack', ({ delta }) => (router.navigateBack(Number(delta ?? 1)), {})),
    switchTab: asyncApi('switchTab', ({ url }) => (router.switchTab(String(url)), {})),
    reLaunch: asyncApi('reLaunch', ({ url }) => (router.reLaunch(String(url)), {})),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', ({ title }) => (router.setTitle(String(title)), {})),
    pageScrollTo: asyncApi('pageScrollTo', ({ scrollTop }) => {
      router
        .top()
        ?.screen.querySelector('.mp-page')
        ?.scrollTo({ top: Number(scrollTop ?? 0) });
      return {};
    }),
    startPullDownRefresh: asyncApi('startPullDownRefresh', () => (router.pullDownRefresh(), {})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => (router.stopPullDownRefresh(), {})),
  };
}

function feedback(): Api {
  return {
    showToast: asyncApi('showToast', ({ title, icon, duration, mask }) => {
      frame.toast(String(title ?? ''), String(icon ?? 'success'), Number(duration ?? 1500), Boolean(mask));
      return {};
    }),
    hideToast: asyncApi('hideToast', () => (frame.hideToast(), {})),
    showLoading: asyncApi('showLoading', ({ title, mask }) => (frame.toast(String(title ?? ''), 'loading', 0, Boolean(mask)), {})),
    hideLoading: asyncApi('hideLoading', () => (frame.hideToast(), {})),
    showModal: asyncApi('showModal', (opts) => frame.modal(opts as Parameters<typeof frame.modal>[0])),
    showActionSheet: asyncApi('showActionSheet', async ({ itemList, alertText }) => {
      const tapIndex = await frame.sheet(itemList as string[], alertText as string | undefined);
      if (tapIndex === null) throw new Error('cancel');
      return { tapIndex };
    }),
    makePhoneCall: asyncApi('makePhoneCall', async ({ phoneNumber }) => {
      await frame.modal({ title: '拨打电话（预览）', content: String(phoneNumber), showCancel: false, confirmText: '知道了' });
      return {};
    }),
    setClipboardData: asyncApi('setClipboardData', async ({ data }) => {
      await navigator.clipboard?.writeText(String(data)).catch(() => undefined);
      frame.toast('内容已复制', 'none', 1500, false);
      return {};
    }),
  };
}

/**
 * Scanning a check-in code: a camera cannot be previewed, so the sheet offers the demo
 * residents' codes — those signed up for the activity on screen first — or one typed in.
 */
function scanCode(router: Router): Api {
  return {
    scanCode: asyncApi('scanCode', async () => {
      const query = router.top()?.query ?? {};
      const activityId = query.activityId ?? query.id ?? '';
      const people = await fetch(`/preview/people?activityId=${encodeURIComponent(activityId)}`).then((r) =>
        r.ok ? (r.json() as Promise<{ name: string; checkinCode: string; resident: boolean; signedUp: boolean }[]>) : [],
      );
      const residents = people.filter((p) => p.resident).sort((a, b) => Number(b.signedUp) - Number(a.signedUp));
      const input = frame.el('input', { className: 'mp-sheet-input', placeholder: '输入签到码' });
      const list = frame.el(
        'div',
        { className: 'mp-sheet-list' },
        ...residents.map((p) => {
          const button = frame.el('button', {
            className: 'mp-sheet-item',
            type: 'button',
            textContent: `${p.signedUp ? '已报名 · ' : ''}${p.name}  ${p.checkinCode}`,
          });
          button.addEventListener('click', () => {
            input.value = p.checkinCode;
            input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
          });
          return button;
        }),
      );
      const result = await frame.ask('扫码（预览）：选一位居民的签到码，或输入', input, [list]);
      if (!result) throw new Error('cancel');
      return { result, scanType: 'QR_CODE', charSet: 'utf-8' };
    }),
  };
}

/**
 * Files the pages download or write (exports: 报名表, 月度总结) live in memory; openDocument hands
 * the file to the browser as a download, as a phone would hand it to a viewer.
 */
function files(): Api {
  const stored = new Map<string, Blob>();
  const toBlob = (data: unknown, encoding?: unknown) =>
    encoding === 'base64'
      ? new Blob([Uint8Array.from(atob(String(data)), (c) => c.charCodeAt(0))])
      : new Blob([data instanceof ArrayBuffer ? data : String(data)]);
  const fs = {
    writeFileSync: (filePath: string, data: unknown, encoding?: string) => void stored.set(filePath, toBlob(data, encoding)),
    writeFile: asyncApi('writeFile', ({ filePath, data, encoding }) => (stored.set(String(filePath), toBlob(data, encoding)), {})),
  };
  return {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getFileSystemManager: () => fs,
    // Exports come as a temporary link into cloud storage (the emulator's, which allows any origin, as COS's CDN does).
    downloadFile: asyncApi('downloadFile', async ({ url, filePath }) => {
      const res = await fetch(String(url));
      const path = filePath ? String(filePath) : `wxfile://tmp/${crypto.randomUUID()}`;
      if (res.ok) stored.set(path, await res.blob());
      return { statusCode: res.status, ...(filePath ? { filePath: path } : { tempFilePath: path }) };
    }),
    openDocument: asyncApi('openDocument', ({ filePath }) => {
      const blob = stored.get(String(filePath));
      if (!blob) throw new Error('file not found');
      const link = frame.el('a', { href: URL.createObjectURL(blob), download: String(filePath).split('/').pop() });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      return {};
    }),
  };
}

/**
 * WeChat's privacy authorization: whether this person still has to agree to the guide. The agree
 * button (open-type="agreePrivacyAuthorization", builtins.ts) records it.
 */
function privacy(): Api {
  return {
    getPrivacySetting: asyncApi('getPrivacySetting', () => ({ needAuthorization: !settings.privacyAgreed(), privacyContractName: '《用户隐私保护指引》' })),
    openPrivacyContract: asyncApi('openPrivacyContract', async () => {
      await frame.modal({
        title: '用户隐私保护指引',
        content: '（预览）微信在这里打开小程序管理后台填写的《用户隐私保护指引》。',
        showCancel: false,
        confirmText: '知道了',
      });
      return {};
    }),
  };
}

function device(router: Router): Api {
  const windowInfo = () => {
    const top = router.top();
    const tab = Boolean(top && router.isTab(top.route));
    const windowHeight = SCREEN.height - SCREEN.statusBar - SCREEN.navBar - (tab ? SCREEN.tabBar : 0);
    return {
      pixelRatio: 2,
      screenWidth: SCREEN.width,
      screenHeight: SCREEN.height,
      windowWidth: SCREEN.width,
      windowHeight,
      statusBarHeight: SCREEN.statusBar,
      safeArea: { left: 0, right: SCREEN.width, top: SCREEN.statusBar, bottom: SCREEN.height, width: SCREEN.width, height: SCREEN.height - SCREEN.statusBar },
      screenTop: SCREEN.statusBar + SCREEN.navBar,
    };
  };
  const appBase = () => ({
    SDKVersion: '3.7.0',
    enableDebug: false,
    host: { env: 'WeChat' },
    language: 'zh_CN',
    version: '8.0.50',
    theme: 'light',
    fontSizeSetting: settings.fontSizeSetting(),
  });
  const deviceInfo = { brand: 'preview', model: 'Browser preview', system: 'iOS 17.0', platform: 'ios', benchmarkLevel: 1 };
  return {
    getWindowInfo: windowInfo,
    getAppBaseInfo: appBase,
    getDeviceInfo: () => deviceInfo,
    getSystemInfoSync: () => ({ ...windowInfo(), ...appBase(), ...deviceInfo }),
    getSystemInfo: asyncApi('getSystemInfo', () => ({ ...windowInfo(), ...appBase(), ...deviceInfo })),
    getMenuButtonBoundingClientRect: () => ({
      width: 87,
      height: 32,
      top: SCREEN.statusBar + 6,
      right: SCREEN.width - 7,
      bottom: SCREEN.statusBar + 38,
      left: SCREEN.width - 94,
    }),
  };
}

/** The preview's `wx`: simulate's no-op mocks, with what a person can see and use made real. */
export function installWx(router: Router): void {
  const w = window as unknown as { wx: Api; getCurrentPages: () => unknown[] };
  Object.assign(w.wx, storage(), navigation(router), feedback(), scanCode(router), files(), privacy(), device(router), { cloud: cloud() });
  w.getCurrentPages = () => router.pages();
}
