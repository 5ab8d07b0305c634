/// <reference lib="dom" />
/**
 * What is chosen beside the phone, kept in the browser's localStorage so a reload keeps it; read
 * on every use, so a switch applies at once.
 */

/** WeChat's font-size setting (px): 17 is the default, the others are its larger steps. */
export const FONT_SIZES = [
  { px: 17, label: '标准' },
  { px: 22, label: '大' },
  { px: 26, label: '特大' },
];

export const IDENTITIES = [
  { openid: 'demo-resident-1', role: '居民' },
  { openid: 'demo-resident-2', role: '居民' },
  { openid: 'demo-worker', role: '社工' },
  { openid: 'demo-secretary', role: '社区书记' },
  { openid: 'demo-admin', role: '项目负责人' },
  { openid: 'demo-volunteer', role: '志愿者' },
];

export const settings = {
  /** Who is using the mini-program: every cloud call goes as this openid. */
  openid: () => localStorage.getItem('preview.openid') ?? IDENTITIES[0].openid,
  setOpenid: (openid: string) => localStorage.setItem('preview.openid', openid),
  fontSizeSetting: () => Number(localStorage.getItem('preview.fontSize') ?? FONT_SIZES[0].px),
  setFontSizeSetting: (px: number) => localStorage.setItem('preview.fontSize', String(px)),
  /** Whether this person agreed to the privacy guide: WeChat keeps that record, per person. */
  privacyAgreed: () => localStorage.getItem(`preview.privacy.${settings.openid()}`) === 'agreed',
  agreePrivacy: () => localStorage.setItem(`preview.privacy.${settings.openid()}`, 'agreed'),
};
