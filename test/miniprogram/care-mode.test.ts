import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/*
 * Care mode (适老化): the font scale, and what every page must do for people with poor sight or
 * unsteady hands — apply the scale, keep tap targets at least 44px, keep text contrast at 4.5:1.
 */
const ROOT = join(__dirname, '..', '..', 'miniprogram');

// utils/care.ts defines the careMode Behavior when loaded, as the mini-program does; here it is inert.
(globalThis as Record<string, unknown>).Behavior = (definition: object) => definition;

const care = require('../../miniprogram/utils/care') as typeof import('../../miniprogram/utils/care');

describe('font scale', () => {
  test('WeChat at its default size and the switch off: scale 1, 18px text', () => {
    expect(care.fontScale(17, false)).toBe(1);
    expect(care.fontScale(undefined, false)).toBe(1);
    expect(care.rootFontSize(1)).toBe('18px');
  });

  test('a smaller WeChat font never shrinks our text', () => {
    expect(care.fontScale(14, false)).toBe(1);
  });

  test('a larger WeChat font grows our text in proportion, up to a cap', () => {
    expect(care.fontScale(20, false)).toBe(1.18);
    expect(care.fontScale(40, false)).toBe(care.MAX_SCALE);
  });

  test('the in-app switch gives at least the large-text scale; the larger of the two wins', () => {
    expect(care.fontScale(17, true)).toBe(care.LARGE_TEXT_SCALE);
    expect(care.fontScale(25, true)).toBe(1.47);
    expect(care.rootFontSize(care.LARGE_TEXT_SCALE)).toBe('23px');
  });

  test('the scale comes from the phone setting and the stored switch', () => {
    const storage = new Map<string, unknown>();
    let fontSizeSetting = 17;
    (globalThis as Record<string, unknown>).wx = {
      getAppBaseInfo: () => ({ fontSizeSetting }),
      getStorageSync: (k: string) => storage.get(k) ?? '',
      setStorageSync: (k: string, v: unknown) => storage.set(k, v),
    };
    expect(care.careData()).toEqual({ fontScale: 1, rootFontSize: '18px', enlarged: false });
    care.setLargeText(true);
    expect(care.isLargeText()).toBe(true);
    expect(care.careData()).toEqual({ fontScale: 1.3, rootFontSize: '23px', enlarged: true });
    care.setLargeText(false);
    fontSizeSetting = 22;
    expect(care.careData()).toEqual({ fontScale: 1.29, rootFontSize: '23px', enlarged: true });
  });
});

const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
const PAGES = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
/** Pages written so far; pages-exist.test.ts reports the missing ones. */
const WRITTEN = PAGES.filter((p) => existsSync(join(ROOT, `${p}.wxml`)));
const COMPONENTS = readdirSync(join(ROOT, 'components')).map((c) => `components/${c}/index`);

describe('every page applies care mode', () => {
  test.each(WRITTEN)('%s', (page) => {
    const wxml = readFileSync(join(ROOT, `${page}.wxml`), 'utf8');
    const script = readFileSync(join(ROOT, `${page}.ts`), 'utf8');
    expect(wxml.trimStart().startsWith('<page-meta root-font-size="{{rootFontSize}}"')).toBe(true);
    expect(script).toMatch(/behaviors:\s*\[[^\]]*\bcareMode\b/);
  });
});

/** A CSS length in px on a 375px-wide phone at scale 1 (1rem = 18px, 750rpx = 375px). */
function px(value: string, vars: Record<string, string>): number | undefined {
  const v = value.trim().replace(/\s*!important$/, '');
  const ref = v.match(/^var\((--[\w-]+)(?:,\s*(.+))?\)$/);
  if (ref) return vars[ref[1]] !== undefined ? px(vars[ref[1]], vars) : ref[2] ? px(ref[2], vars) : undefined;
  const m = v.match(/^(-?[\d.]+)(px|rpx|rem|em)?$/);
  if (!m) return undefined; // auto, %, calc(): not a fixed size
  const n = Number(m[1]);
  return { px: n, rpx: n / 2, rem: n * care.BASE_FONT_PX, em: n * care.BASE_FONT_PX, undefined: n }[m[2] ?? 'undefined'];
}

/** `--name: value` custom properties, as app.wxss declares them on page. */
const tokens = (wxss: string) =>
  Object.fromEntries([...wxss.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, k, v]) => [k, v.replace(/\/\*.*?\*\//g, '').trim()]));
const APP_WXSS = readFileSync(join(ROOT, 'app.wxss'), 'utf8');
const VARS = tokens(APP_WXSS);

/** Classes on elements a finger taps: a tap handler, a link, or a form control. */
function tappableClasses(wxml: string): Set<string> {
  const classes = new Set<string>();
  for (const [tag] of wxml.matchAll(/<[\w-]+\b[^>]*>/g)) {
    if (!/\b(bind|catch):?(tap|click|change)=|\burl=|^<(navigator|button|t-button|switch|t-switch|checkbox|radio|picker)\b/.test(tag)) continue;
    const cls = tag.match(/\bclass="([^"]*)"/)?.[1] ?? '';
    for (const c of cls.replace(/\{\{[^}]*\}\}/g, ' ').split(/\s+/)) if (c) classes.add(c);
  }
  return classes;
}

describe('tap targets are at least 44px high', () => {
  test('tdesign buttons and cells, through the app.wxss tokens', () => {
    for (const token of ['--td-button-extra-small-height', '--td-button-small-height', '--td-button-medium-height', '--td-button-large-height', '--tap-min']) {
      expect([token, px(VARS[token], VARS)! >= 44]).toEqual([token, true]);
    }
    // A cell grows with its text: its padding above and below plus one line of the base font.
    const oneLine = 18 * 1.5;
    expect(2 * px(VARS['--td-cell-vertical-padding'], VARS)! + oneLine).toBeGreaterThanOrEqual(44);
  });

  test.each([...WRITTEN, ...COMPONENTS])('%s', (page) => {
    const tappable = tappableClasses(readFileSync(join(ROOT, `${page}.wxml`), 'utf8'));
    const wxss = readFileSync(join(ROOT, `${page}.wxss`), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const tooSmall: string[] = [];
    for (const [, selector, body] of wxss.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const classes = [...selector.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
      if (!classes.some((c) => tappable.has(c))) continue;
      for (const [, prop, value] of body.matchAll(/(?:^|;)\s*(height|min-height)\s*:\s*([^;]+)/g)) {
        const size = px(value, VARS);
        if (size !== undefined && size < 44) tooSmall.push(`${selector.trim()} { ${prop}: ${value.trim()} }`);
      }
    }
    expect(tooSmall).toEqual([]);
  });
});

/** Every component our pages and components render, tdesign's inner ones included (`usingComponents`, followed). */
function componentsInUse(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const json = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const path of Object.values(json.usingComponents ?? {})) {
      const target = path.startsWith('/') ? join(ROOT, path) : path.startsWith('.') ? join(dirname(file), path) : join(ROOT, 'miniprogram_npm', path);
      if (!existsSync(`${target}.json`)) throw new Error(`${file}.json uses ${path}, not found: build miniprogram_npm with \`npx tsx scripts/pack-npm.ts\``);
      visit(target);
    }
  };
  for (const page of [...WRITTEN, ...COMPONENTS]) visit(join(ROOT, page));
  return [...seen];
}

/** A component's styles with the files it @imports. */
function stylesOf(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  const css = readFileSync(file, 'utf8');
  const imported = [...css.matchAll(/@import\s+['"]([^'"]+)['"]/g)].map(([, path]) => stylesOf(join(dirname(file), path), seen));
  return [css, ...imported].join('\n');
}

/** Where the `)` closing the `(` at `open` is. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced: ${text.slice(open, open + 80)}`);
}

/** Every `var(--name, fallback)` in the text, nested ones included. */
function varReads(text: string): { name: string; fallback?: string }[] {
  const reads: { name: string; fallback?: string }[] = [];
  for (const { index } of text.matchAll(/var\(/g)) {
    const inner = text.slice(index + 4, closing(text, index + 3));
    const comma = inner.indexOf(',');
    reads.push(comma < 0 ? { name: inner.trim() } : { name: inner.slice(0, comma).trim(), fallback: inner.slice(comma + 1).trim() });
  }
  return reads;
}

/** The value with every var() replaced, as the page would compute it from the app.wxss tokens. */
function substitute(value: string, vars: Record<string, string>): string {
  const start = value.indexOf('var(');
  if (start < 0) return value;
  const end = closing(value, start + 3);
  const { name, fallback } = varReads(value.slice(start, end + 1))[0];
  const replacement = vars[name] ?? fallback;
  if (replacement === undefined) throw new Error(`${name} is not set`);
  return substitute(value.slice(0, start) + substitute(replacement, vars) + value.slice(end + 1), vars);
}

describe('large text reaches tdesign components', () => {
  const reads = new Map<string, { fallback: string; files: Set<string> }>();
  for (const file of componentsInUse()) {
    for (const { name, fallback } of varReads(stylesOf(`${file}.wxss`))) {
      // Colours (--td-font-gray-1, --td-font-white-1) and the family are not sizes.
      if (!name.startsWith('--td-font-') || name === '--td-font-family' || !fallback || /^(#|rgba?\()/.test(fallback)) continue;
      const entry = reads.get(name) ?? { fallback, files: new Set<string>() };
      entry.files.add(file.slice(ROOT.length + 1));
      reads.set(name, entry);
    }
  }

  test('the used components read the font shorthands and sizes (the scan finds them)', () => {
    for (const name of [
      '--td-font-body-large',
      '--td-font-body-medium',
      '--td-font-body-small',
      '--td-font-mark-large',
      '--td-font-mark-medium',
      '--td-font-size-m',
    ]) {
      expect([name, reads.has(name)]).toEqual([name, true]);
    }
  });

  /*
   * tdesign's buttons, input labels, tick boxes and cells read `font: var(--td-font-body-large,
   * 32rpx / 48rpx …)`: left unset, or set in px/rpx, that text stays the same size in 大字模式.
   */
  test.each([...reads.keys()].sort())('%s is set in app.wxss, sized in rem', (name) => {
    const { fallback, files } = reads.get(name)!;
    const where = `${name} (read by ${[...files].join(', ')})`;
    expect([where, VARS[name] !== undefined]).toEqual([where, true]);
    const value = substitute(VARS[name], VARS);
    expect([where, value.match(/[\d.]+r?px\b/g) ?? []]).toEqual([where, []]);
    if (!fallback.includes('/')) {
      // A plain size: --td-font-size-m.
      expect([where, value]).toEqual([where, expect.stringMatching(/^[\d.]+rem$/)]);
      expect(px(value, VARS)!).toBeGreaterThanOrEqual(px(fallback, VARS)!);
      return;
    }
    // A `font` shorthand: [weight] size / line-height family. Without the family WeChat drops the whole declaration.
    const parts = value.match(/^(?:(\d{3}|bold|normal)\s+)?([\d.]+rem)\s*\/\s*([\d.]+rem)\s+(\S.*)$/);
    expect([where, parts !== null]).toEqual([where, true]);
    const [, weight, size, lineHeight] = parts!;
    const [, tdWeight, tdSize] = fallback.match(/^(?:(\d{3})\s+)?([\d.]+rpx)/)!;
    // Never smaller than tdesign's own size, never less bold, lines never tighter than the text.
    expect([where, px(size, VARS)! >= px(tdSize, VARS)!]).toEqual([where, true]);
    expect([where, weight]).toEqual([where, tdWeight]);
    expect([where, px(lineHeight, VARS)! >= px(size, VARS)!]).toEqual([where, true]);
  });

  test('tick boxes and their labels grow with the text too', () => {
    for (const token of ['--td-checkbox-icon-size', '--td-checkbox-title-line-height']) {
      expect([token, substitute(VARS[token] ?? 'unset', VARS)]).toEqual([token, expect.stringMatching(/^[\d.]+rem$/)]);
    }
    expect(px(substitute(VARS['--td-checkbox-icon-size'], VARS), VARS)).toBeGreaterThanOrEqual(24);
  });
});

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test.each([
  ['--color-text', '--color-card'],
  ['--color-text', '--color-bg'],
  ['--color-text-secondary', '--color-card'],
  ['--color-text-secondary', '--color-bg'],
  ['--color-primary', '--color-card'],
  ['--color-on-primary', '--color-primary'],
  ['--color-danger', '--color-card'],
  ['--color-success', '--color-card'],
  ['--color-warning', '--color-card'],
  ['--td-text-color-placeholder', '--color-card'],
])('%s on %s has a contrast of at least 4.5:1', (fg, bg) => {
  const colour = (token: string): string => (VARS[token].startsWith('var(') ? colour(VARS[token].slice(4, -1)) : VARS[token]);
  expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
});
