/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { frame } from './frame';
import { callerOf, jComponent, type BuiltinDefinition, type Caller } from './framework';
import { settings } from './settings';

/**
 * WeChat's built-in components as the preview renders them. simulate registers every built-in as
 * an empty `<slot/>` (enough for tests that read data); here the ones pages use get a native
 * element and WeChat's events (`input`, `change`, `confirm`…), registered under the same ids so
 * j-component picks these up instead.
 */

type Props = Record<string, { type: unknown; value?: unknown }>;
type Wx = Record<string, (opts: Record<string, unknown>) => unknown>;

const wx = () => (window as unknown as { wx: Wx }).wx;
const host = (c: Caller) => c._exparserNode.$$;
/** The native element a built-in renders inside its `wx-` element. */
const natives = new WeakMap<object, HTMLElement>();
const nativeOf = <T extends HTMLElement>(c: Caller) => natives.get(c._exparserNode) as T | undefined;
/** Nodes already given their element and tap listener: a node moved by wx:for is attached again. */
const wired = new WeakSet<object>();

function define(
  name: string,
  def: Omit<BuiltinDefinition, 'id' | 'tagName' | 'template'> & {
    native?: (c: Caller) => HTMLElement;
    onTap?: (c: Caller, target: HTMLElement) => void;
    sync?: (c: Caller) => void;
  },
) {
  const { native, onTap, sync, lifetimes, ...rest } = def;
  const names = Object.keys(rest.properties ?? {}).join(', ');
  jComponent.register({
    id: name,
    tagName: `wx-${name}`,
    template: '<slot/>',
    ...rest,
    // Properties can change before attached, when the native element does not exist yet.
    observers:
      sync && names
        ? {
            [names]: function (this: Caller) {
              if (nativeOf(this) || !native) sync(this);
            },
          }
        : undefined,
    lifetimes: {
      ...lifetimes,
      attached(this: Caller) {
        if (!wired.has(this._exparserNode)) {
          wired.add(this._exparserNode);
          if (native) {
            const el = native(this);
            natives.set(this._exparserNode, el);
            host(this).prepend(el);
          }
          if (onTap) this._exparserNode.addListener('tap', (event) => onTap(this, event.target.$$));
          lifetimes?.attached?.call(this);
        }
        sync?.(this);
      },
    },
  });
}

const prop = (type: unknown, value?: unknown) => ({ type, value });

// ── text entry ────────────────────────────────────────────────────────────────
const textProps: Props = {
  name: prop(String, ''),
  value: prop(String, ''),
  type: prop(String, 'text'),
  password: prop(Boolean, false),
  placeholder: prop(String, ''),
  disabled: prop(Boolean, false),
  maxlength: prop(Number, 140),
  focus: prop(Boolean, false),
  autoHeight: prop(Boolean, false),
};

function textField(c: Caller, el: HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  const detail = () => ({ value: el.value, cursor: el.selectionStart ?? el.value.length });
  el.addEventListener('input', () => {
    if (c.data.autoHeight) fitHeight(el);
    c.triggerEvent('input', { ...detail(), keyCode: 0 });
  });
  el.addEventListener('focus', () => c.triggerEvent('focus', { value: el.value, height: 0 }));
  el.addEventListener('blur', () => c.triggerEvent('blur', detail()));
  el.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter' && el instanceof HTMLInputElement) c.triggerEvent('confirm', { value: el.value });
  });
  return el;
}

function fitHeight(el: HTMLElement) {
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight}px`;
}

function syncTextField(c: Caller) {
  const el = nativeOf<HTMLInputElement | HTMLTextAreaElement>(c)!;
  const d = c.data as {
    value: string;
    placeholder: string;
    disabled: boolean;
    maxlength: number;
    focus: boolean;
    type: string;
    password: boolean;
    autoHeight: boolean;
  };
  // Only when it differs: rewriting the same value would move the cursor while typing.
  if (el.value !== String(d.value ?? '')) el.value = String(d.value ?? '');
  el.placeholder = d.placeholder ?? '';
  el.disabled = Boolean(d.disabled);
  if (d.maxlength >= 0) el.maxLength = d.maxlength;
  else el.removeAttribute('maxlength');
  if (el instanceof HTMLInputElement) {
    el.type = d.password || d.type === 'safe-password' ? 'password' : 'text';
    el.inputMode = d.type === 'number' ? 'numeric' : d.type === 'digit' ? 'decimal' : d.type === 'idcard' ? 'text' : '';
  }
  if (d.autoHeight) fitHeight(el);
  if (d.focus && document.activeElement !== el) setTimeout(() => el.focus());
}

define('input', { properties: textProps, native: (c) => textField(c, document.createElement('input')), sync: syncTextField });
define('textarea', { properties: textProps, native: (c) => textField(c, document.createElement('textarea')), sync: syncTextField });

// ── buttons and links ─────────────────────────────────────────────────────────
define('button', {
  properties: {
    type: prop(String, 'default'),
    size: prop(String, 'default'),
    plain: prop(Boolean, false),
    disabled: prop(Boolean, false),
    loading: prop(Boolean, false),
    formType: prop(String, ''),
    openType: prop(String, ''),
  },
  sync(c) {
    const el = host(c);
    const d = c.data as { type: string; size: string; plain: boolean; disabled: boolean; loading: boolean };
    el.setAttribute('role', 'button');
    el.dataset.type = d.type;
    el.dataset.size = d.size;
    el.toggleAttribute('data-plain', d.plain);
    el.toggleAttribute('data-loading', d.loading);
    el.setAttribute('aria-disabled', String(Boolean(d.disabled)));
  },
  onTap(c) {
    if (c.data.openType === 'agreePrivacyAuthorization') {
      settings.agreePrivacy();
      c.triggerEvent('agreeprivacyauthorization', {});
    }
    const form = host(c).closest('wx-form');
    const formType = c.data.formType as string;
    const caller = form && callerOf(form);
    if (caller && (formType === 'submit' || formType === 'reset') && !c.data.disabled)
      (caller[formType === 'submit' ? '_submit' : '_reset'] as () => void).call(caller);
  },
});

define('navigator', {
  properties: { url: prop(String, ''), openType: prop(String, 'navigate'), delta: prop(Number, 1) },
  onTap(c) {
    const { url, openType, delta } = c.data as { url: string; openType: string; delta: number };
    const api = { navigate: 'navigateTo', redirect: 'redirectTo', switchTab: 'switchTab', reLaunch: 'reLaunch', navigateBack: 'navigateBack' }[openType];
    if (api) wx()[api]({ url, delta, fail: (err: unknown) => console.error(err) });
  },
});

// ── choices ───────────────────────────────────────────────────────────────────
const choiceProps: Props = { value: prop(String, ''), checked: prop(Boolean, false), disabled: prop(Boolean, false), color: prop(String, '') };

function syncChoice(c: Caller) {
  const el = host(c);
  el.setAttribute('aria-checked', String(Boolean(c.data.checked)));
  el.setAttribute('aria-disabled', String(Boolean(c.data.disabled)));
  const mark = nativeOf(c);
  if (mark && c.data.color) mark.style.color = String(c.data.color);
}

/** The group around a choice, told after the choice changed so it reports all values at once. */
function notifyGroup(c: Caller, groupTag: string) {
  const group = host(c).parentElement?.closest(groupTag);
  const caller = group && callerOf(group);
  if (caller) (caller._changed as (from: Caller) => void).call(caller, c);
}

define('switch', {
  properties: { name: prop(String, ''), checked: prop(Boolean, false), disabled: prop(Boolean, false), type: prop(String, 'switch'), color: prop(String, '') },
  native: () => frame.el('span', { className: 'wx-switch-input' }),
  sync(c) {
    syncChoice(c);
    host(c).setAttribute('role', c.data.type === 'checkbox' ? 'checkbox' : 'switch');
    host(c).dataset.type = String(c.data.type);
  },
  methods: {
    _toggle(this: Caller) {
      if (this.data.disabled) return;
      toggle(this, () => !this.data.checked);
      this.triggerEvent('change', { value: this.data.checked });
    },
  },
  onTap: (c) => (c._toggle as () => void).call(c),
});

function toggle(c: Caller, next: () => boolean) {
  if (c.data.disabled) return;
  c.setData({ checked: next() });
  syncChoice(c);
}

define('checkbox', {
  properties: choiceProps,
  native: () => frame.el('span', { className: 'wx-checkbox-input' }),
  sync(c) {
    host(c).setAttribute('role', 'checkbox');
    syncChoice(c);
  },
  methods: {
    _toggle(this: Caller) {
      toggle(this, () => !this.data.checked);
      notifyGroup(this, 'wx-checkbox-group');
    },
  },
  onTap: (c) => (c._toggle as () => void).call(c),
});

define('checkbox-group', {
  properties: { name: prop(String, '') },
  methods: {
    _changed(this: Caller) {
      const checked = [...host(this).querySelectorAll('wx-checkbox')].map(callerOf).filter((b) => b?.data.checked);
      this.triggerEvent('change', { value: checked.map((b) => b!.data.value) });
    },
  },
});

define('radio', {
  properties: choiceProps,
  native: () => frame.el('span', { className: 'wx-radio-input' }),
  sync(c) {
    host(c).setAttribute('role', 'radio');
    syncChoice(c);
  },
  methods: {
    _toggle(this: Caller) {
      if (this.data.checked || this.data.disabled) return;
      toggle(this, () => true);
      notifyGroup(this, 'wx-radio-group');
    },
  },
  onTap: (c) => (c._toggle as () => void).call(c),
});

define('radio-group', {
  properties: { name: prop(String, '') },
  lifetimes: {
    attached(this: Caller) {
      host(this).setAttribute('role', 'radiogroup');
    },
  },
  methods: {
    _changed(this: Caller, chosen: Caller) {
      for (const radio of host(this).querySelectorAll('wx-radio')) {
        const other = callerOf(radio);
        if (other && other !== chosen && other.data.checked) toggle(other, () => false);
      }
      this.triggerEvent('change', { value: chosen.data.value });
    },
  },
});

/** A tap anywhere on a label works its checkbox, radio or switch, as on the phone. */
define('label', {
  onTap(c, target) {
    if (target.closest('wx-checkbox, wx-radio, wx-switch')) return;
    const control = host(c).querySelector('wx-checkbox, wx-radio, wx-switch');
    const caller = control && callerOf(control);
    if (caller) (caller._toggle as () => void).call(caller);
  },
});

// ── pickers: WeChat's bottom sheet, as a list or the browser's date and time inputs ──
define('picker', {
  properties: {
    name: prop(String, ''),
    mode: prop(String, 'selector'),
    range: prop(Array, []),
    rangeKey: prop(String, ''),
    value: prop(null, 0),
    start: prop(String, ''),
    end: prop(String, ''),
    fields: prop(String, 'day'),
    disabled: prop(Boolean, false),
    headerText: prop(String, ''),
  },
  async onTap(c) {
    const d = c.data as {
      mode: string;
      range: unknown[];
      rangeKey: string;
      value: unknown;
      start: string;
      end: string;
      fields: string;
      disabled: boolean;
      headerText: string;
    };
    if (d.disabled) return;
    const label = (item: unknown) => String(d.rangeKey && item && typeof item === 'object' ? (item as Record<string, unknown>)[d.rangeKey] : item);
    let value: unknown;
    if (d.mode === 'selector') {
      value = await frame.sheet(d.range.map(label), d.headerText, Number(d.value));
    } else if (d.mode === 'multiSelector') {
      const chosen: number[] = [];
      for (const [i, column] of (d.range as unknown[][]).entries()) {
        const index = await frame.sheet(column.map(label), d.headerText, (d.value as number[] | undefined)?.[i]);
        if (index === null) break;
        chosen.push(index);
      }
      value = chosen.length === d.range.length ? chosen : null;
    } else if (d.mode === 'date' || d.mode === 'time') {
      const type = d.mode === 'time' ? 'time' : d.fields === 'month' ? 'month' : d.fields === 'year' ? 'number' : 'date';
      const input = frame.el('input', { type, className: 'mp-sheet-input', value: String(d.value ?? '') });
      if (d.start) input.min = d.start;
      if (d.end) input.max = d.end;
      value = (await frame.ask(d.headerText || (d.mode === 'time' ? '选择时间' : '选择日期'), input)) || null;
    } else {
      frame.toast('预览暂不支持这种选择器', 'none', 1500, false);
      return;
    }
    if (value === null) return c.triggerEvent('cancel', {});
    c.setData({ value });
    c.triggerEvent('change', { value });
  },
});

// ── containers and media ──────────────────────────────────────────────────────
define('scroll-view', {
  properties: {
    scrollX: prop(Boolean, false),
    scrollY: prop(Boolean, false),
    scrollTop: prop(null, 0),
    scrollLeft: prop(null, 0),
    lowerThreshold: prop(null, 50),
    upperThreshold: prop(null, 50),
  },
  sync(c) {
    const el = host(c);
    const d = c.data as { scrollX: boolean; scrollY: boolean; scrollTop: number; scrollLeft: number };
    el.style.overflowX = d.scrollX ? 'auto' : 'hidden';
    el.style.overflowY = d.scrollY ? 'auto' : 'hidden';
    if (Number(d.scrollTop)) el.scrollTop = Number(d.scrollTop);
    if (Number(d.scrollLeft)) el.scrollLeft = Number(d.scrollLeft);
  },
  lifetimes: {
    attached(this: Caller) {
      const el = host(this);
      let near = { lower: false, upper: true };
      // j-component already reports `scroll` itself; the edges are WeChat's extra events.
      el.addEventListener('scroll', () => {
        const vertical = Boolean(this.data.scrollY);
        const pos = vertical ? el.scrollTop : el.scrollLeft;
        const room = vertical ? el.scrollHeight - el.clientHeight : el.scrollWidth - el.clientWidth;
        const lower = room - pos <= Number(this.data.lowerThreshold);
        const upper = pos <= Number(this.data.upperThreshold);
        if (lower && !near.lower) this.triggerEvent('scrolltolower', { direction: vertical ? 'bottom' : 'right' });
        if (upper && !near.upper) this.triggerEvent('scrolltoupper', { direction: vertical ? 'top' : 'left' });
        near = { lower, upper };
      });
    },
  },
});

/** Image paths in the mini-program are from its root; the preview serves them under /mp/. */
const imageUrl = (src: string) => (/^(https?:|data:|blob:)/.test(src) ? src : src ? `/mp/${src.replace(/^\//, '')}` : '');
const IMAGE_FIT: Record<string, string> = { scaleToFill: 'fill', aspectFit: 'contain', aspectFill: 'cover', widthFix: 'fill', heightFix: 'fill' };

define('image', {
  properties: { src: prop(String, ''), mode: prop(String, 'scaleToFill') },
  native(c) {
    const img = document.createElement('img');
    img.addEventListener('load', () => c.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight }));
    img.addEventListener('error', () => c.triggerEvent('error', { errMsg: `GET ${img.src} failed` }));
    return img;
  },
  sync(c) {
    const img = nativeOf<HTMLImageElement>(c)!;
    const mode = String(c.data.mode);
    if (img.getAttribute('src') !== imageUrl(String(c.data.src))) img.src = imageUrl(String(c.data.src));
    // The crop modes (top, bottom left…) show the image unscaled from that edge.
    img.style.objectFit = IMAGE_FIT[mode] ?? 'none';
    img.style.objectPosition = IMAGE_FIT[mode] ? 'center' : mode;
    host(c).dataset.mode = mode;
  },
});

define('icon', {
  properties: { type: prop(String, ''), size: prop(null, 23), color: prop(String, '') },
  native: () => frame.el('span', { className: 'wx-icon-mark' }),
  sync(c) {
    const mark = nativeOf(c)!;
    const glyphs: Record<string, string> = {
      success: '✔',
      success_no_circle: '✓',
      info: 'ℹ',
      warn: '!',
      waiting: '◷',
      cancel: '✕',
      download: '↓',
      search: '⌕',
      clear: '✕',
    };
    mark.textContent = glyphs[String(c.data.type)] ?? '';
    mark.style.fontSize = `${Number.parseFloat(String(c.data.size))}px`;
    mark.style.color = String(c.data.color || '');
    host(c).dataset.type = String(c.data.type);
  },
});

define('progress', {
  properties: {
    percent: prop(Number, 0),
    showInfo: prop(Boolean, false),
    strokeWidth: prop(null, 6),
    activeColor: prop(String, '#09BB07'),
    backgroundColor: prop(String, '#EBEBEB'),
  },
  native: () =>
    frame.el(
      'span',
      { className: 'wx-progress-bar' },
      frame.el('span', { className: 'wx-progress-inner' }),
      frame.el('span', { className: 'wx-progress-info' }),
    ),
  sync(c) {
    const d = c.data as { percent: number; showInfo: boolean; strokeWidth: number; activeColor: string; backgroundColor: string };
    const bar = nativeOf(c)!;
    const percent = Math.max(0, Math.min(100, Number(d.percent)));
    bar.style.height = `${Number.parseFloat(String(d.strokeWidth))}px`;
    bar.style.background = d.backgroundColor;
    const inner = bar.querySelector<HTMLElement>('.wx-progress-inner')!;
    inner.style.width = `${percent}%`;
    inner.style.background = d.activeColor;
    bar.querySelector('.wx-progress-info')!.textContent = d.showInfo ? `${percent}%` : '';
    host(c).setAttribute('role', 'progressbar');
    host(c).setAttribute('aria-valuenow', String(percent));
  },
});

define('slider', {
  properties: {
    name: prop(String, ''),
    min: prop(Number, 0),
    max: prop(Number, 100),
    step: prop(Number, 1),
    value: prop(Number, 0),
    disabled: prop(Boolean, false),
    showValue: prop(Boolean, false),
  },
  native(c) {
    const input = frame.el('input', { type: 'range' });
    input.addEventListener('input', () => c.triggerEvent('changing', { value: Number(input.value) }));
    input.addEventListener('change', () => c.triggerEvent('change', { value: Number(input.value) }));
    return input;
  },
  sync(c) {
    const input = nativeOf<HTMLInputElement>(c)!;
    Object.assign(input, {
      min: String(c.data.min),
      max: String(c.data.max),
      step: String(c.data.step),
      value: String(c.data.value),
      disabled: Boolean(c.data.disabled),
    });
  },
});

/** Rich text from a string of HTML or WeChat's node array; scripts and handlers never run. */
define('rich-text', {
  properties: { nodes: prop(null, []) },
  native: () => frame.el('span', { className: 'wx-rich-text' }),
  sync(c) {
    const box = nativeOf(c)!;
    const nodes = c.data.nodes;
    const doc = typeof nodes === 'string' ? new DOMParser().parseFromString(nodes, 'text/html').body : null;
    box.replaceChildren(...(doc ? [...doc.childNodes] : (Array.isArray(nodes) ? nodes : []).map(buildRichNode)));
    box.querySelectorAll('script, style, iframe, object, embed').forEach((n) => n.remove());
    box
      .querySelectorAll('*')
      .forEach((n) => [...n.attributes].filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).forEach((a) => n.removeAttribute(a.name)));
  },
});

interface RichNode {
  type?: string;
  text?: string;
  name?: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}

function buildRichNode(node: RichNode): Node {
  if (node.type === 'text') return document.createTextNode(node.text ?? '');
  const el = document.createElement(node.name ?? 'span');
  for (const [k, v] of Object.entries(node.attrs ?? {})) el.setAttribute(k, v);
  el.append(...(node.children ?? []).map(buildRichNode));
  return el;
}

// ── page-level settings ───────────────────────────────────────────────────────
/** `<page-meta root-font-size>` sets what 1rem is, which is how care mode scales text. */
define('page-meta', {
  properties: { rootFontSize: prop(String, ''), pageFontSize: prop(String, ''), pageStyle: prop(String, '') },
  sync(c) {
    const d = c.data as { rootFontSize: string; pageFontSize: string; pageStyle: string };
    document.documentElement.style.fontSize = d.rootFontSize;
    const page = host(c).closest<HTMLElement>('wx-page');
    if (!page) return;
    page.setAttribute('style', d.pageStyle);
    page.style.fontSize = d.pageFontSize;
  },
});

define('navigation-bar', {
  properties: { title: prop(String, '') },
  sync(c) {
    if (c.data.title) wx().setNavigationBarTitle({ title: c.data.title });
  },
});

// ── forms: collect every named field's value on submit ─────────────────────────
const FIELD_TAGS = 'wx-input, wx-textarea, wx-switch, wx-slider, wx-picker, wx-checkbox-group, wx-radio-group';

function fieldValue(el: Element): unknown {
  const caller = callerOf(el);
  if (!caller) return undefined;
  const tag = el.tagName.toLowerCase();
  if (tag === 'wx-input' || tag === 'wx-textarea') return nativeOf<HTMLInputElement>(caller)?.value ?? '';
  if (tag === 'wx-switch') return Boolean(caller.data.checked);
  if (tag === 'wx-checkbox-group')
    return [...el.querySelectorAll('wx-checkbox')]
      .map(callerOf)
      .filter((b) => b?.data.checked)
      .map((b) => b!.data.value);
  if (tag === 'wx-radio-group') return [...el.querySelectorAll('wx-radio')].map(callerOf).find((r) => r?.data.checked)?.data.value ?? '';
  return caller.data.value;
}

define('form', {
  methods: {
    _submit(this: Caller) {
      const value: Record<string, unknown> = {};
      for (const el of host(this).querySelectorAll(FIELD_TAGS)) {
        const name = callerOf(el)?.data.name;
        if (name) value[String(name)] = fieldValue(el);
      }
      this.triggerEvent('submit', { value });
    },
    _reset(this: Caller) {
      for (const el of host(this).querySelectorAll('wx-input, wx-textarea')) {
        const field = nativeOf<HTMLInputElement>(callerOf(el)!);
        if (field) field.value = '';
      }
      this.triggerEvent('reset', {});
    },
  },
});
