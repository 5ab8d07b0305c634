import { GRANTABLE_ROLES, RESIDENT_TAGS, ROLE_LABELS, type GrantableRole, type ResidentForStaff, type StaffMember } from '../../../services/users';

/** One resident as the worker reads them: full phone (staff call people), and the staff-only tags. */
export function personRow(p: ResidentForStaff) {
  return {
    id: p.id,
    name: p.name || '（未填姓名）',
    phone: p.phone,
    building: p.building,
    offline: p.offline,
    tags: p.tags,
    tagsText: p.tags.join('、'),
  };
}
export type PersonRow = ReturnType<typeof personRow>;

/** The tag chips for one person: every tag, ticked where the person has it. */
export const tagChoices = (tags: readonly string[]) => RESIDENT_TAGS.map((tag) => ({ tag, on: tags.includes(tag) }));

/** What each role lets a person do, said in one line when the admin grants or removes it. */
export const ROLE_NOTES: Record<GrantableRole, string> = {
  worker: '社工能查居民、代报名、发布活动、处理服务申请。',
  volunteer: '志愿者能帮忙签到、记服务时长。',
  secretary: '书记能看数据看板和报表。',
  admin: '管理员能给别人加减身份、删除居民资料。',
};

/** The role chips for one person. */
export const roleChoices = (roles: readonly string[]) => GRANTABLE_ROLES.map((role) => ({ role, label: ROLE_LABELS[role], on: roles.includes(role) }));

/** 社工、管理员: a person's staff roles in words, or 无 for none. */
export const rolesText = (roles: readonly string[]) =>
  GRANTABLE_ROLES.filter((r) => roles.includes(r))
    .map((r) => ROLE_LABELS[r])
    .join('、') || '无';

export const staffRow = (s: StaffMember) => ({ personId: s.personId, name: s.name || '（未填姓名）', rolesText: rolesText(s.roles) });
