import { formatDateTime, formatDay, formatTime, localDay } from '../../miniprogram/utils/date';

/* Dates are shown as the station reads them (Asia/Shanghai), whatever zone the phone or the test machine is in. */
test('an instant shows as the station-local day and time', () => {
  const instant = '2026-12-05T01:30:00Z'; // 09:30 in 兰州
  expect(formatDay(instant)).toBe('12月5日 周六');
  expect(formatTime(instant)).toBe('09:30');
  expect(formatDateTime(new Date(instant))).toBe('12月5日 周六 09:30');
  expect(localDay(instant)).toBe('2026-12-05');
});

test('late evening UTC is already the next day at the station', () => {
  const instant = '2026-12-31T17:00:00Z'; // 01:00 on New Year's Day in Shanghai
  expect(localDay(instant)).toBe('2027-01-01');
  expect(formatDay(instant)).toBe('1月1日 周五');
  expect(formatTime(instant)).toBe('01:00');
});
