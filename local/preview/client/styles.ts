/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import postcss from 'postcss';
import { jComponentUtils, simulateUtils, simulateWxss } from './framework';

/** The phone frame is 375 px wide, WeChat's design width is 750 rpx. */
export const PX_PER_RPX = 375 / 750;

/** Built-in components render as `wx-<name>` elements: a `view {}` rule must reach them. */
const BUILTIN_TAGS = [
  'view',
  'text',
  'button',
  'input',
  'textarea',
  'image',
  'icon',
  'scroll-view',
  'swiper',
  'swiper-item',
  'navigator',
  'picker',
  'picker-view',
  'picker-view-column',
  'switch',
  'checkbox',
  'checkbox-group',
  'radio',
  'radio-group',
  'label',
  'form',
  'slider',
  'progress',
  'rich-text',
  'video',
  'map',
  'canvas',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
];
// `page` is the element each page renders into (a `wx-page`, see router.ts).
const TAG_SELECTOR = new RegExp(`(^|[\\s>+~(,])(page|${BUILTIN_TAGS.join('|')})(?=$|[\\s.:#\\[>+~,)])`, 'g');

function rpxToPx(css: string): string {
  return css.replace(/(-?\d*\.?\d+)rpx/gi, (_, n: string) => `${Math.round(Number(n) * PX_PER_RPX * 100) / 100}px`);
}

/**
 * WXSS → CSS for this frame: tag selectors (`page` too) aimed at the `wx-` elements, and the light theme only — app.json does not opt into dark mode, so WeChat never
 * applies the UI library's dark rules either.
 */
function adapt(wxss: string): string {
  return postcss([
    (root: postcss.Root) => {
      root.walkAtRules('media', (rule) => {
        if (/prefers-color-scheme:\s*dark/.test(rule.params)) rule.remove();
        else if (/prefers-color-scheme:\s*light/.test(rule.params)) rule.replaceWith(rule.nodes ?? []);
      });
      root.walkRules((rule) => {
        if (rule.parent?.type === 'atrule' && /keyframes/.test((rule.parent as postcss.AtRule).name)) return;
        rule.selectors = rule.selectors.map((s) => s.replace(TAG_SELECTOR, '$1wx-$2'));
      });
    },
  ]).process(wxss, { from: undefined }).css;
}

/** Hooks the preview's rules into simulate's own style pipeline (class prefixes, insertion). */
export function installStyles(): void {
  simulateUtils.transformRpx = rpxToPx;
  jComponentUtils.transformRpx = rpxToPx;
  const compile = simulateWxss.compile;
  simulateWxss.compile = (wxss, options) => compile(adapt(wxss), options);
}
