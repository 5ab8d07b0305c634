import { z } from 'zod';
import { action, EVERYONE, ROLES, STAFF } from '../_shared/contract';
import { householdMember, id, personName, phone, shortText } from '../_shared/schemas';

const grantable = z.enum(ROLES).exclude(['resident']);

/** What a resident reads back about themselves: never the staff-only tags. */
const profile = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  building: z.string(),
  household: z.array(householdMember),
  roles: z.array(z.enum(ROLES)),
  checkinCode: z.string(),
  profileComplete: z.boolean(),
});

/** What staff see when they look a resident up to sign them up or call them. */
const residentForStaff = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  building: z.string(),
  offline: z.boolean(),
  tags: z.array(z.string()),
});

export const RESIDENT_TAGS = ['老年人', '空巢', '失独', '残障', '低保', '单亲', '困境家庭', '青少年', '社区矫正'] as const;
export type ResidentTag = (typeof RESIDENT_TAGS)[number];

export const usersContract = {
  me: action({ input: z.object({}), output: profile, allow: EVERYONE }),
  updateProfile: action({
    input: z.object({
      name: personName.optional(),
      phone: phone.optional(),
      building: shortText.optional(),
      household: z.array(householdMember).max(10).optional(),
    }),
    output: profile,
    allow: EVERYONE,
  }),
  /** The first admin of a fresh deployment: whoever knows the ADMIN_INVITE_CODE set on this function. */
  claimAdmin: action({ input: z.object({ code: z.string().min(6).max(64) }), output: profile, allow: EVERYONE }),
  setRoles: action({
    input: z.object({ personId: id, roles: z.array(grantable).max(4) }),
    output: z.object({ personId: z.string(), roles: z.array(z.enum(ROLES)) }),
    allow: ['admin'],
  }),
  listStaff: action({
    input: z.object({}),
    output: z.array(z.object({ personId: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) })),
    allow: ['admin'],
  }),
  findResidents: action({
    input: z.object({ query: z.string().trim().min(1).max(20) }),
    output: z.array(residentForStaff),
    allow: STAFF,
  }),
  /** A resident without WeChat, recorded by a worker so they can be signed up (代报名). */
  createOffline: action({
    input: z.object({ name: personName, phone: phone.optional(), building: shortText.optional() }),
    output: residentForStaff,
    allow: STAFF,
  }),
  /** Joins an offline record to the account the resident later made, so their history follows them. */
  linkOffline: action({
    input: z.object({ offlineId: id, personId: id }),
    output: z.object({ personId: z.string(), aliases: z.array(z.string()) }),
    allow: STAFF,
  }),
  setTags: action({
    input: z.object({ personId: id, tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length) }),
    output: z.object({ personId: z.string(), tags: z.array(z.string()) }),
    allow: STAFF,
  }),
};
export type UsersContract = typeof usersContract;
