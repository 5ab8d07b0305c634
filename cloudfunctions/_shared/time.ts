import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/** The station's time zone; cloud functions themselves run in UTC. */
export const STATION_TZ = 'Asia/Shanghai';

/** Station-local calendar day, 'YYYY-MM-DD'. */
export const localDay = (at: Date | string) => dayjs(at).tz(STATION_TZ).format('YYYY-MM-DD');

/** Station-local month, 'YYYY-MM': the unit of the monthly work summary. */
export const localMonth = (at: Date | string) => dayjs(at).tz(STATION_TZ).format('YYYY-MM');

/** Station-local display, e.g. '2026-12-05 09:30'. */
export const localDateTime = (at: Date | string) => dayjs(at).tz(STATION_TZ).format('YYYY-MM-DD HH:mm');

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Station-local day as residents read it, e.g. '12月5日 周六'. */
export function dayText(at: Date): string {
  const d = dayjs(at).tz(STATION_TZ);
  return `${d.month() + 1}月${d.date()}日 ${WEEKDAYS[d.day()]}`;
}

/** The instant a station-local day starts ('2026-12-01' → 2026-11-30T16:00:00Z). */
export const startOfLocalDay = (day: string) => dayjs.tz(day, 'YYYY-MM-DD', STATION_TZ).toDate();

/** The instant after a station-local day ends: the exclusive end of a [from, to] day range. */
export const endOfLocalDay = (day: string) => dayjs.tz(day, 'YYYY-MM-DD', STATION_TZ).add(1, 'day').toDate();

export { dayjs };
