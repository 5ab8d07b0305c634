import { STATUS_TEXT, type ActivityDetail, type RosterEntry } from '../../../services/activities';
import { localDay } from '../../../utils/date';
import { now as clockNow } from '../../../utils/clock';

/** The session the door is working on: today's, else the next one, else the last one held. */
export function defaultSession(a: Pick<ActivityDetail, 'sessions'>, now = clockNow()): string {
  const today = localDay(now);
  const next = a.sessions.find((s) => localDay(s.startAt) === today || new Date(s.startAt) > now);
  return (next ?? a.sessions[a.sessions.length - 1]).id;
}

/** One line of the 报名表 as the worker reads it, for the session chosen. */
export function rosterRow(e: RosterEntry, sessionId: string) {
  const present = e.attendance.find((x) => x.sessionId === sessionId);
  const absent = e.noShow.includes(sessionId);
  return {
    personId: e.personId,
    name: e.name || '（未填姓名）',
    phone: e.phone,
    building: e.building,
    offline: e.offline,
    proxy: e.proxy,
    status: e.status,
    statusText: present ? `已签到 ${present.headcount} 人` : absent ? '缺席' : STATUS_TEXT[e.status],
    tone: present ? 'in' : absent || e.status === 'cancelled' ? 'muted' : e.status,
    partyText: e.party.map((m) => `${m.name}（${m.relation}）`).join('、'),
    seats: e.seats,
    checkedIn: Boolean(present),
    canTick: e.status === 'registered' && !present,
    /** 取消报名 (staff): someone still on the list, not yet checked in, while sign-up is open. */
    canWithdraw: e.status !== 'cancelled' && !present,
  };
}

type Row = ReturnType<typeof rosterRow>;

/**
 * Finding one person on the door list: by name (or a family member's), by phone digits — the
 * visible ones of a masked phone too — or by building. Empty: everyone.
 */
export function matchesFilter(row: Pick<Row, 'name' | 'phone' | 'building' | 'partyText'>, filter: string): boolean {
  const q = filter.replace(/\s+/g, '').toLowerCase();
  if (!q) return true;
  if (/^\d+$/.test(q) && row.phone.split(/\D+/).some((digits) => digits.includes(q))) return true;
  return [row.name, row.building, row.partyText].some((text) => text.replace(/\s+/g, '').toLowerCase().includes(q));
}

/** A check-in code as typed from what the resident read out: spaces dropped, any case. */
export const typedCode = (typed: string) => typed.replace(/\s+/g, '').toUpperCase();

/** 本次签到 12 人，共 20 人次: people checked in, and the person-times they make with their families. */
export function tally(entries: RosterEntry[], sessionId: string) {
  const here = entries.flatMap((e) => e.attendance.filter((x) => x.sessionId === sessionId));
  return { people: here.length, headcount: here.reduce((n, x) => n + x.headcount, 0), expected: entries.filter((e) => e.status === 'registered').length };
}
