import { isDuplicate } from '../_shared/attendance';
import { _, db } from '../_shared/cloud';
import type { Role } from '../_shared/contract';
import { AppError, notFound } from '../_shared/errors';
import { ensurePerson, getPerson, people, type PersonDoc } from '../_shared/people';
import { adminChange, inviteMatches, inviteRefused, lastAdmin } from './rules';

/**
 * Admins under races, with two documents in `guards`:
 * - `firstAdmin`: added once, by natural key, when the invite code is used. Whoever adds it is the
 *   first admin; every later claim, with or without the right code, is refused the same way.
 * - `admins`: how many people hold the admin role, changed only by guarded updates. Taking the role
 *   away first takes one from the count where it is above 1, so two admins removing each other at
 *   once cannot leave none. Granting writes the role first and counts it after, so a write lost in
 *   between leaves the count low, never high: a low count can only refuse a removal, not allow one.
 */
const guards = () => db.collection('guards');

interface FirstAdminDoc {
  _id: 'firstAdmin';
  claimedBy: string;
  claimedAt: Date;
}

async function guard<T>(id: string): Promise<T | null> {
  const { data } = await guards().where({ _id: id }).limit(1).get();
  return (data[0] as T | undefined) ?? null;
}

/**
 * The number of admins. The first time it is needed (a new deployment, or one from before the count
 * existed) it starts from the admins there are. Counting once is safe: every change of who holds
 * admin (below) reads this first, so none can land before the document that records the count.
 */
async function adminCount(now: Date): Promise<number> {
  const found = await guard<{ count: number }>('admins');
  if (found) return found.count;
  const { total } = await people().where({ roles: 'admin' }).count();
  try {
    await guards().add({ _id: 'admins', count: total, updatedAt: now });
    return total;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await guard<{ count: number }>('admins'))!.count;
  }
}

const countOneMore = (now: Date) =>
  guards()
    .doc('admins')
    .update({ count: _.inc(1), updatedAt: now });

/** Writes `roles` if the person still holds admin as they did when read; false when they changed meanwhile. */
async function writeRoles(person: PersonDoc, roles: Role[], now: Date): Promise<boolean> {
  const { updated } = (await people()
    .where({ _id: person._id, openid: _.neq(null), roles: person.roles.includes('admin') ? 'admin' : _.neq('admin') })
    .update({ roles: _.set(roles), updatedAt: now })) as { updated: number };
  return updated > 0;
}

/** The invite code makes its first user an admin, once ever. A retry by that same person finishes their claim. */
export async function claimFirstAdmin(openid: string, code: string, now: Date): Promise<PersonDoc> {
  // Read before the code is checked, so a wrong code and a used one take the same path.
  const claimed = await guard<FirstAdminDoc>('firstAdmin');
  if (!inviteMatches(code, process.env.ADMIN_INVITE_CODE) || (claimed && claimed.claimedBy !== openid)) throw inviteRefused();
  const person = await ensurePerson(openid, now);
  if (person.roles.includes('admin')) {
    // The first admin asking again (a lost reply) is told yes; an admin from before the guard did not claim.
    if (claimed) return person;
    throw inviteRefused();
  }
  // Admins made before the guard existed: the code was used then.
  if ((await adminCount(now)) > 0) throw inviteRefused();
  if (!claimed) {
    try {
      await guards().add({ _id: 'firstAdmin', claimedBy: openid, claimedAt: now });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      if ((await guard<FirstAdminDoc>('firstAdmin'))?.claimedBy !== openid) throw inviteRefused();
    }
  }
  const roles = [...person.roles, 'admin' as const];
  // Two taps of the same claimer: one writes the role and counts it.
  if (await writeRoles(person, roles, now)) await countOneMore(now);
  return { ...person, roles };
}

/** An admin sets someone's roles. The last admin keeps theirs; a race is decided again on what it changed. */
export async function changeRoles(personId: string, roles: Role[], now: Date): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const person = await getPerson(personId);
    if (!person || person.openid === null) throw notFound('用户');
    const change = adminChange(person.roles, roles);
    if (change !== 'none') await adminCount(now);
    if (change === 'revoke') {
      const { updated } = (await guards()
        .where({ _id: 'admins', count: _.gt(1) })
        .update({ count: _.inc(-1), updatedAt: now })) as { updated: number };
      if (!updated) throw lastAdmin();
    }
    if (await writeRoles(person, roles, now)) {
      if (change === 'grant') await countOneMore(now);
      return;
    }
    // Someone changed this person's admin role first: give back what was taken and decide again.
    if (change === 'revoke') await countOneMore(now);
  }
  throw new AppError('BUSY', '刚才有人同时在修改，请刷新后再试');
}
