/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The phone around the pages: navigation bar, tab bar, and the layer where toasts, modals and
 * pickers appear. Plain DOM in host.html; nothing here is WeChat's own look, only its behaviour.
 */

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

interface NavBarStyle {
  title: string;
  background: string;
  textStyle: string;
  /** Back arrow when there is a page to go back to, a home button when the page is not the home page. */
  back: 'back' | 'home' | 'none';
  hidden: boolean;
}

interface TabItem {
  pagePath: string;
  text: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

export const frame = {
  screens: () => $<HTMLDivElement>('#mp-screens'),
  layer: () => $<HTMLDivElement>('#mp-layer'),

  setNavBar(style: NavBarStyle): void {
    const bar = $<HTMLDivElement>('#mp-navbar');
    bar.hidden = style.hidden;
    // The status bar above takes the navigation bar's colours, as on the phone.
    for (const part of [bar, $<HTMLDivElement>('.mp-statusbar')]) {
      part.style.background = style.background;
      part.style.color = style.textStyle === 'black' ? '#000' : '#fff';
    }
    $<HTMLSpanElement>('#mp-title').textContent = style.title;
    $<HTMLButtonElement>('#mp-back').hidden = style.back !== 'back';
    $<HTMLButtonElement>('#mp-home').hidden = style.back !== 'home';
  },

  setTabBar(
    config: { list: TabItem[]; color?: string; selectedColor?: string; backgroundColor?: string } | undefined,
    current: string | null,
    onSwitch: (path: string) => void,
  ): void {
    const bar = $<HTMLElement>('#mp-tabbar');
    bar.hidden = !config || current === null;
    if (!config || current === null) return;
    bar.style.background = config.backgroundColor ?? '#fff';
    bar.replaceChildren(
      ...config.list.map((item) => {
        const selected = item.pagePath === current;
        const button = el('button', { className: 'mp-tab', textContent: item.text, type: 'button' });
        button.style.color = (selected ? config.selectedColor : config.color) ?? '';
        if (selected) button.setAttribute('aria-current', 'page');
        button.addEventListener('click', () => onSwitch(item.pagePath));
        return button;
      }),
    );
  },

  /** A full-phone overlay; resolves with what `build` reports through `done`. */
  overlay<T>(build: (done: (value: T) => void) => HTMLElement, mask = true): Promise<T> {
    return new Promise((resolve) => {
      const box = el('div', { className: mask ? 'mp-mask' : 'mp-mask mp-mask-clear' });
      box.append(
        build((value) => {
          box.remove();
          resolve(value);
        }),
      );
      frame.layer().append(box);
    });
  },

  toast(title: string, icon: string, durationMs: number, mask: boolean): void {
    frame.hideToast();
    const mark = icon === 'success' ? '✓' : icon === 'error' ? '✕' : icon === 'loading' ? '…' : '';
    const box = el(
      'div',
      { className: `mp-toast${mark ? ' mp-toast-icon' : ''}`, role: 'status' },
      ...(mark ? [el('div', { className: 'mp-toast-mark', textContent: mark })] : []),
      el('div', { textContent: title }),
    );
    const holder = el('div', { className: mask ? 'mp-mask mp-mask-clear' : 'mp-toast-holder', id: 'mp-toast' }, box);
    frame.layer().append(holder);
    if (durationMs > 0) setTimeout(() => holder.remove(), durationMs);
  },

  hideToast(): void {
    document.getElementById('mp-toast')?.remove();
  },

  modal(opts: {
    title?: string;
    content?: string;
    showCancel?: boolean;
    cancelText?: string;
    confirmText?: string;
    confirmColor?: string;
    editable?: boolean;
    placeholderText?: string;
  }) {
    return frame.overlay<{ confirm: boolean; cancel: boolean; content?: string }>((done) => {
      const input = opts.editable ? el('textarea', { className: 'mp-modal-input', placeholder: opts.placeholderText ?? '' }) : null;
      const confirm = el('button', { className: 'mp-modal-confirm', type: 'button', textContent: opts.confirmText ?? '确定' });
      confirm.style.color = opts.confirmColor ?? '';
      confirm.addEventListener('click', () => done({ confirm: true, cancel: false, ...(input ? { content: input.value } : {}) }));
      const cancel = el('button', { className: 'mp-modal-cancel', type: 'button', textContent: opts.cancelText ?? '取消' });
      cancel.addEventListener('click', () => done({ confirm: false, cancel: true }));
      return el(
        'div',
        { className: 'mp-modal', role: 'dialog' },
        ...(opts.title ? [el('div', { className: 'mp-modal-title', textContent: opts.title })] : []),
        ...(opts.content ? [el('div', { className: 'mp-modal-content', textContent: opts.content })] : []),
        ...(input ? [input] : []),
        el('div', { className: 'mp-modal-buttons' }, ...(opts.showCancel === false ? [] : [cancel]), confirm),
      );
    });
  },

  /** A list to choose from (action sheet, selector picker): the index, or null when cancelled. */
  sheet(items: string[], title?: string, selected?: number) {
    return frame.overlay<number | null>((done) => {
      const options = items.map((text, i) => {
        const button = el('button', { className: 'mp-sheet-item', type: 'button', textContent: text });
        if (i === selected) button.setAttribute('aria-selected', 'true');
        button.addEventListener('click', () => done(i));
        return button;
      });
      const cancel = el('button', { className: 'mp-sheet-cancel', type: 'button', textContent: '取消' });
      cancel.addEventListener('click', () => done(null));
      return el(
        'div',
        { className: 'mp-sheet', role: 'dialog' },
        ...(title ? [el('div', { className: 'mp-sheet-title', textContent: title })] : []),
        el('div', { className: 'mp-sheet-list' }, ...options),
        cancel,
      );
    });
  },

  /** A browser input (date, time, text) in a sheet: its value, or null when cancelled. */
  ask(title: string, input: HTMLInputElement, extra: HTMLElement[] = []) {
    return frame.overlay<string | null>((done) => {
      const ok = el('button', { className: 'mp-sheet-item mp-sheet-ok', type: 'button', textContent: '确定' });
      ok.addEventListener('click', () => done(input.value));
      input.addEventListener('keydown', (e) => e.key === 'Enter' && done(input.value));
      const cancel = el('button', { className: 'mp-sheet-cancel', type: 'button', textContent: '取消' });
      cancel.addEventListener('click', () => done(null));
      return el('div', { className: 'mp-sheet', role: 'dialog' }, el('div', { className: 'mp-sheet-title', textContent: title }), input, ...extra, ok, cancel);
    });
  },

  el,
};
