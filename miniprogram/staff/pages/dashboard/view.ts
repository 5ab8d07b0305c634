import { monthLabel, type Dashboard } from '../../../services/stats';
import { formatDateTime } from '../../../utils/date';

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
