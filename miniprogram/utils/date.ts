/**
 * Dates shown to people are station-local (Asia/Shanghai, UTC+8, no daylight saving), whatever
 * time zone the phone is set to. A fixed offset keeps this independent of Intl support on old phones.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const pad = (n: number) => String(n).padStart(2, '0');

function shanghaiParts(instant: Date | string) {
  const d = new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** 12月5日 周六 */
export function formatDay(instant: Date | string): string {
  const p = shanghaiParts(instant);
  return `${p.month}月${p.day}日 周${WEEKDAYS[p.weekday]}`;
}

/** 09:30 */
export function formatTime(instant: Date | string): string {
  const p = shanghaiParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** 12月5日 周六 09:30 */
export const formatDateTime = (instant: Date | string) => `${formatDay(instant)} ${formatTime(instant)}`;

/** 2026-12-05: the station-local calendar day, as the functions take it. */
export function localDay(instant: Date | string): string {
  const p = shanghaiParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
