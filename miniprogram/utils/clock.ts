/**
 * The phone's time, read in one place. On a phone it is the real time. The page tests and the
 * local preview put the pages on the local system's one clock (local/clock.ts) by setting
 * `__stationClock` before any page loads, so a page's "today" is the functions' today.
 */
const local = globalThis as { __stationClock?: () => number };

/** Milliseconds since the epoch, where a page would read Date.now(). */
export const nowMs = (): number => (local.__stationClock ? local.__stationClock() : Date.now());

/** Now, where a page would write new Date(). */
export const now = (): Date => new Date(nowMs());
