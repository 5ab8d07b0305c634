import type { HouseholdMember } from '../services/users';

/*
 * The profile form's checks, made before anything is sent so the resident hears at once what to
 * fix; the users function checks the same again (its zod contract).
 */

/** The contract allows ten family members; saying so beats a refusal after typing. */
export const MAX_HOUSEHOLD = 10;
const PHONE = /^1[3-9]\d{9}$/;

export type ProfileField = 'name' | 'phone' | 'building';
export type MemberField = 'name' | 'relation' | 'birthYear';

/** What is wrong with the profile form, in words a resident understands; '' when it can be saved. */
export function profileProblem(form: Record<ProfileField, string>): string {
  if (!form.name.trim()) return '请填写姓名';
  if (form.name.trim().length > 20) return '姓名最多 20 个字';
  if (form.phone.trim() && !PHONE.test(form.phone.trim())) return '电话请填 11 位手机号';
  if (form.building.trim().length > 100) return '楼栋单元写得太长了';
  return '';
}

/** The new family member, or the reason it cannot be added yet. */
export function memberFrom(input: Record<MemberField, string>, thisYear: number): HouseholdMember | string {
  const name = input.name.trim();
  const relation = input.relation.trim();
  if (!name) return '请填写家人的姓名';
  if (name.length > 20) return '姓名最多 20 个字';
  if (!relation) return '请填写和您的关系，比如 儿子、老伴';
  if (relation.length > 10) return '关系最多 10 个字';
  if (!input.birthYear.trim()) return { name, relation };
  const birthYear = Number(input.birthYear.trim());
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > thisYear) return `出生年份请填 1900 到 ${thisYear} 之间的四位数`;
  return { name, relation, birthYear };
}
