import type { ActivityDetail, PartyMember } from '../../services/activities';

/*
 * The sign-up form's checks, made before anything is sent so the resident hears at once what to
 * fix; the activities function checks the same again.
 */
const PHONE = /^1[3-9]\d{9}$/;

export interface SignUpForm {
  /** Only asked when the profile has no name yet (a first-time user). */
  askContact: boolean;
  name: string;
  phone: string;
  household: PartyMember[];
  chosen: boolean[];
  agreed: boolean;
}

/** What is wrong with the form, in words a resident understands; '' when it can be sent. */
export function signUpProblem(a: Pick<ActivityDetail, 'maxParty' | 'safetyAgreement'>, f: SignUpForm): string {
  if (f.askContact && !f.name.trim()) return '请填写您的姓名';
  if (f.askContact && f.name.trim().length > 20) return '姓名最多 20 个字';
  if (f.askContact && f.phone.trim() && !PHONE.test(f.phone.trim())) return '电话请填 11 位手机号';
  const party = f.chosen.filter(Boolean).length;
  if (party > a.maxParty) return a.maxParty === 0 ? '这个活动只能本人报名' : `最多可以带 ${a.maxParty} 位家人`;
  if (a.safetyAgreement && !f.agreed) return '请先阅读安全协议，勾选“我已阅读并同意”';
  return '';
}

/** The family members ticked, as the function takes them. */
export const partyOf = (f: SignUpForm): PartyMember[] => f.household.filter((_, i) => f.chosen[i]).map(({ name, relation }) => ({ name, relation }));

/** '本人、刘小雨（女儿）' */
export const partyText = (party: PartyMember[]) => ['本人', ...party.map((m) => `${m.name}（${m.relation}）`)].join('、');
