/**
 * Care mode (适老化): text grows with the phone's own font-size setting and with the in-app
 * 大字模式 switch on the 我的 page. Every page applies the result through `careMode` (a
 * Behavior) and `<page-meta root-font-size="{{rootFontSize}}"/>`; styles size text in rem.
 */

/** Base text size in px at scale 1: larger than WeChat's 17 on purpose, for older readers. */
export const BASE_FONT_PX = 18;
/** WeChat's default font-size setting (px): anything above it means the user asked for larger text. */
const SYSTEM_DEFAULT_PX = 17;
/** The in-app switch gives at least this much. */
export const LARGE_TEXT_SCALE = 1.3;
/** Beyond this, single words stop fitting on a phone line. */
export const MAX_SCALE = 1.6;

const LARGE_TEXT_KEY = 'care.largeText';

/** The font scale from the system setting and the in-app switch: the larger wins, never below 1. */
export function fontScale(systemFontPx: number | undefined, largeText: boolean): number {
  const fromSystem = systemFontPx && systemFontPx > SYSTEM_DEFAULT_PX ? systemFontPx / SYSTEM_DEFAULT_PX : 1;
  const scale = Math.max(fromSystem, largeText ? LARGE_TEXT_SCALE : 1);
  return Math.round(Math.min(scale, MAX_SCALE) * 100) / 100;
}

export const rootFontSize = (scale: number) => `${Math.round(BASE_FONT_PX * scale)}px`;

export function isLargeText(): boolean {
  return wx.getStorageSync(LARGE_TEXT_KEY) === true;
}

export function setLargeText(on: boolean): void {
  wx.setStorageSync(LARGE_TEXT_KEY, on);
}

/** The scale for this phone now: read on every page show, so a change applies everywhere at once. */
export function currentFontScale(): number {
  let systemFontPx: number | undefined;
  try {
    systemFontPx = wx.getAppBaseInfo().fontSizeSetting;
  } catch {
    // Old base libraries lack getAppBaseInfo: the in-app switch still works.
  }
  return fontScale(systemFontPx, isLargeText());
}

export interface CareData {
  fontScale: number;
  /** For `<page-meta root-font-size>`: 1rem in every style is this. */
  rootFontSize: string;
  /** Text is enlarged: pages may stack side-by-side items so words do not break. */
  enlarged: boolean;
}

export function careData(scale = currentFontScale()): CareData {
  return { fontScale: scale, rootFontSize: rootFontSize(scale), enlarged: scale > 1 };
}

/** Add to every page's `behaviors`; the page's wxml starts with the page-meta line above. */
export const careMode = Behavior({
  data: careData(1),
  lifetimes: {
    attached() {
      this.setData(careData());
    },
  },
  pageLifetimes: {
    show() {
      this.setData(careData());
    },
  },
});
