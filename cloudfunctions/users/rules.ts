import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '../_shared/contract';
import { AppError } from '../_shared/errors';

/**
 * Who is an admin: the first one claims it with the invite code, once ever; after that admins
 * grant and take it away, and there is always at least one. Plain rules; the writes that keep
 * them under races are in index.ts.
 */

/**
 * A wrong code and a code already used get the same reply, so trying codes tells nobody whether
 * one was right. (The page says the same for a code too short to send.)
 */
export const inviteRefused = () => new AppError('INVITE_CODE_WRONG', '邀请码不正确');

/** Compared in constant time: how long the check takes says nothing about how much of a guess was right. */
export function inviteMatches(code: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(code), digest(expected));
}

/** What a change of roles does to the admins: one more, one fewer, or nothing. */
export function adminChange(before: readonly Role[], after: readonly Role[]): 'grant' | 'revoke' | 'none' {
  const was = before.includes('admin');
  const is = after.includes('admin');
  return was === is ? 'none' : is ? 'grant' : 'revoke';
}

export const lastAdmin = () => new AppError('LAST_ADMIN', '这是最后一位管理员，不能取消。请先把另一位设为管理员');

/**
 * A household lists each family member once (same name and relation): a second entry would let
 * the same person be ticked twice at sign-up.
 */
export function checkHousehold(household: readonly { name: string; relation: string }[]): void {
  const seen = new Set<string>();
  for (const m of household) {
    const key = `${m.name.trim()}\u0000${m.relation.trim()}`;
    if (seen.has(key)) throw new AppError('DUPLICATE_MEMBER', `${m.name.trim()}（${m.relation.trim()}）已经在家庭成员里了，不用重复添加`);
    seen.add(key);
  }
}
