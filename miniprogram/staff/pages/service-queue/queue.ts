import type { HaircutDay, QueuedRequest, ServiceKind } from '../../../services/services';
import { stationInstant } from '../../../services/services';

/** What staff may do next with a request, from its kind and status (the function checks again). */
export function actionsFor(kind: ServiceKind, status: QueuedRequest['status']) {
  const open = status === 'submitted' || status === 'scheduled' || status === 'matched';
  const takenUp = status === 'scheduled' || status === 'matched';
  return {
    schedule: open && kind.intake === 'schedule',
    match: open && kind.intake === 'match',
    record: takenUp,
    complete: takenUp && !kind.oneOff,
    decline: open,
  };
}

export interface DayPlan {
  day: string;
  place: string;
  note: string;
  /** 'HH:mm' of the first slot. */
  start: string;
  minutes: string;
  count: string;
  seats: string;
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/**
 * A haircut day's slots from what staff typed — first slot, length, how many, seats each — or what
 * to fix. Slots follow one another, so they never overlap.
 */
export function slotsFrom(plan: DayPlan): { startAt: string; endAt: string; seats: number }[] | string {
  if (!plan.day) return '请选日期';
  if (!plan.place.trim()) return '请填写地点';
  const minutes = whole(plan.minutes);
  const count = whole(plan.count);
  const seats = whole(plan.seats);
  if (!(minutes >= 10 && minutes <= 120)) return '每个时段 10 到 120 分钟';
  if (!(count >= 1 && count <= 20)) return '时段个数 1 到 20 个';
  if (!(seats >= 1 && seats <= 50)) return '每个时段名额 1 到 50 个';
  const [h, m] = plan.start.split(':').map(Number);
  const first = h * 60 + m;
  if (first + minutes * count >= 24 * 60) return '最后一个时段超过了当天，请少排几个';
  const hhmm = (t: number) => `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  return Array.from({ length: count }, (_, i) => ({
    startAt: stationInstant(plan.day, hhmm(first + i * minutes)),
    endAt: stationInstant(plan.day, hhmm(first + (i + 1) * minutes)),
    seats,
  }));
}

/** A haircut day's slots as staff manage them: the time, the seats and how many are booked. */
export const slotRows = (day: HaircutDay, time: (instant: string) => string) =>
  day.slots.map((s) => ({ id: s.id, timeText: `${time(s.startAt)}–${time(s.endAt)}`, seats: s.seats, booked: s.seats - s.seatsLeft }));

/** The seats staff typed for a slot: a whole number the function takes, or what to fix. */
export function seatsFrom(text: string): number | string {
  const seats = whole(text);
  return seats >= 0 && seats <= 50 ? seats : '名额请填 0 到 50 的整数';
}
