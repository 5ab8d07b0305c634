/**
 * The station's settings in one place. The phone number is a fictional demo number: replace it
 * with the real 社工站 number before going live.
 */
export const STATION = {
  name: '福源小镇社区社工站',
  phone: '0931-5550123',
  hours: '周一至周五 8:30–17:30',
} as const;

/** The CloudBase environment id; empty uses the environment chosen in WeChat DevTools. */
export const CLOUD_ENV = '';
