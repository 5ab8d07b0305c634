import { monthLabel, type Dashboard } from '../../../services/stats';
import { formatDateTime, formatDay } from '../../../utils/date';

/** The month-by-month trend as bars: 受益人次 sets the length, the widest month fills the row. */
export function trendBars(trend: Dashboard['trend']) {
  const most = Math.max(0, ...trend.map((t) => t.visits));
  return trend.map((t, i) => ({
    month: t.month,
    label: monthLabel(t.month, i === 0 || t.month.endsWith('-01')),
    sessions: t.sessions,
    visits: t.visits,
    width: most ? Math.max(1, Math.round((t.visits / most) * 100)) : 0,
  }));
}

/** An upcoming activity as the secretary reads it: when, seats taken of the capacity, and who waits. */
export const upcomingLines = (upcoming: Dashboard['upcoming']) =>
  upcoming.map((a) => ({ ...a, when: formatDateTime(a.startAt), full: a.seatsTaken >= a.capacity }));

/**
 * An activity held this month as the secretary reads it: when, 已报 (seats taken) and 到场 (people
 * who came, family included); over a series 到场 is person-times across its sessions.
 */
export const heldLines = (held: Dashboard['held']) =>
  held.map((a) => ({
    ...a,
    when: a.sessions > 1 ? `${formatDay(a.startAt)} 起，共 ${a.sessions} 次` : formatDateTime(a.startAt),
    countText: `已报 ${a.seatsTaken} 人 · 到场 ${a.attended} ${a.sessions > 1 ? '人次' : '人'}`,
  }));
