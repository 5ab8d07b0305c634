import { ROLE_TEXT, type GroupDetail, type GroupEdit, type GroupRole, type Practice, type RosterMember } from '../../../services/groups';

export type Tab = 'applications' | 'roster' | 'practices';

/** A practice row: what it reads, and whether staff may still call it off or bring it back. */
const practiceRow = (p: Practice, today: string) => ({
  ...p,
  countText: p.cancelled ? '停练' : p.day > today ? '还没到' : `到了 ${p.presentCount} 人`,
  upcoming: p.day >= today,
});

/** Today's practice and the ones before it first (the roll is taken for those), then the coming ones. */
export function practiceRows(list: Practice[], today: string) {
  const rows = list.map((p) => practiceRow(p, today));
  const held = rows.filter((p) => p.day <= today).sort((a, b) => b.day.localeCompare(a.day));
  const coming = rows.filter((p) => p.day > today).sort((a, b) => a.day.localeCompare(b.day));
  return [...held, ...coming];
}

export const memberRow = (m: RosterMember) => ({ ...m, roleText: ROLE_TEXT[m.role] });

/** The whole group as `update` takes it, with one day called off or brought back. */
export function withPracticeCancelled(g: GroupDetail, day: string, cancelled: boolean): GroupEdit {
  const others = g.schedule.cancelledDays.filter((d) => d !== day);
  return {
    groupId: g.id,
    name: g.name,
    description: g.description,
    serviceArea: g.serviceArea,
    place: g.place,
    indicatorId: g.indicatorId,
    schedule: { ...g.schedule, cancelledDays: cancelled ? [...others, day].sort() : others },
  };
}

/** What staff are told before naming a 队长/副队长 when someone holds the role already. */
export function roleChangeNote(members: RosterMember[], personId: string, role: GroupRole): string {
  const target = members.find((m) => m.personId === personId);
  if (!target || role === 'member') return target && target.role !== 'member' ? `${target.name}将不再担任${ROLE_TEXT[target.role]}，改为队员。` : '';
  const holder = members.find((m) => m.role === role && m.personId !== personId);
  return `把${target.name}设为${ROLE_TEXT[role]}。${holder ? `原${ROLE_TEXT[role]}${holder.name}将改为队员。` : ''}`;
}
