import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { db } from './cloud';
import type { Role } from './contract';
import { householdMember } from './schemas';

/**
 * A person the station serves. WeChat users are keyed by openid; residents without WeChat,
 * whom a worker signs up in person (代报名), get an `off_` id and may later be linked to an account.
 * Staff-only tags (老年人, 残障, 低保…) live in their own collection, `residentTags`, so no
 * query for a profile can carry them to a resident's phone.
 */
export interface PersonDoc {
  _id: string;
  openid: string | null;
  name: string;
  phone: string;
  building: string;
  household: z.infer<typeof householdMember>[];
  roles: Role[];
  /** The personal code shown as a QR on the resident's phone and scanned at the door (签到). */
  checkinCode: string;
  /** For an offline record: the account it was linked to once the resident joined. */
  linkedTo?: string;
  /** For an account: offline records that are the same person, so their history is theirs. */
  aliases?: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Letters and digits that cannot be misread when typed by hand (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newCheckinCode(): string {
  return Array.from(randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export function emptyPerson(id: string, openid: string | null, now: Date): PersonDoc {
  return { _id: id, openid, name: '', phone: '', building: '', household: [], roles: [], checkinCode: newCheckinCode(), createdAt: now, updatedAt: now };
}

export const isProfileComplete = (p: Pick<PersonDoc, 'name' | 'phone'>) => p.name !== '' && p.phone !== '';

/** 138****1234: how a phone number shows in any list. */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone ? '****' : '');

export const people = () => db.collection('users');

export async function getPerson(id: string): Promise<PersonDoc | null> {
  const { data } = await people().where({ _id: id }).limit(1).get();
  return (data[0] as PersonDoc | undefined) ?? null;
}

/** A first-time caller is a resident with an empty profile; creating it twice is harmless. */
export async function ensurePerson(openid: string, now: Date): Promise<PersonDoc> {
  const existing = await getPerson(openid);
  if (existing) return existing;
  const fresh = emptyPerson(openid, openid, now);
  try {
    await people().add(fresh);
    return fresh;
  } catch {
    const raced = await getPerson(openid);
    if (!raced) throw new Error('person not created');
    return raced;
  }
}

/** The code as scanned, or as typed from what the resident read out ('ABCD 2345', 'abcd2345'). */
export async function findPersonByCode(code: string): Promise<PersonDoc | null> {
  const { data } = await people()
    .where({ checkinCode: code.replace(/\s+/g, '').toUpperCase() })
    .limit(1)
    .get();
  return (data[0] as PersonDoc | undefined) ?? null;
}
