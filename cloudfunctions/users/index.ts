import { randomBytes } from 'node:crypto';
import { _, db } from '../_shared/cloud';
import { AppError, notFound } from '../_shared/errors';
import { NOTICE_KINDS, openidOf, type OutboxDoc } from '../_shared/outbox';
import { emptyPerson, ensurePerson, getPerson, isProfileComplete, newCheckinCode, people, type PersonDoc } from '../_shared/people';
import { defineFunction, requireOpenid } from '../_shared/router';
import { changeRoles, claimFirstAdmin } from './admins';
import { usersContract } from './contract';
import { erase, personToErase, unfinishedErasures } from './erase';
import { gatherMyData } from './mydata';
import { checkHousehold } from './rules';

const tagsOf = async (ids: string[]) => {
  if (ids.length === 0) return new Map<string, string[]>();
  const { data } = await db
    .collection('residentTags')
    .where({ _id: _.in(ids) })
    .limit(1000)
    .get();
  return new Map(data.map((d) => [d._id as string, d.tags as string[]]));
};

const asProfile = (p: PersonDoc) => ({
  id: p._id,
  name: p.name,
  phone: p.phone,
  building: p.building,
  household: p.household,
  roles: p.roles,
  checkinCode: p.checkinCode,
  profileComplete: isProfileComplete(p),
});

const forStaff = (p: PersonDoc, tags: string[] = []) => ({
  id: p._id,
  name: p.name,
  phone: p.phone,
  building: p.building,
  offline: p.openid === null,
  tags,
});

/** An outbox doc once a worker has told the resident by phone. */
type PhonedNotice = OutboxDoc & { phonedAt?: Date; phonedBy?: string };

/** The most notices the phone list shows at once: the oldest wait until the newest are done. */
const PHONE_LIST_LIMIT = 200;

export const main = defineFunction('users', usersContract, {
  async me(_input, { caller, now }) {
    return asProfile(await ensurePerson(requireOpenid(caller), now));
  },

  async updateProfile(input, { caller, now }) {
    if (input.household) checkHousehold(input.household);
    const person = await ensurePerson(requireOpenid(caller), now);
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await people()
      .doc(person._id)
      .update({ ...patch, household: _.set(input.household ?? person.household), updatedAt: now });
    return asProfile({ ...person, ...patch, updatedAt: now });
  },

  async claimAdmin({ code }, { caller, now }) {
    return asProfile(await claimFirstAdmin(requireOpenid(caller), code, now));
  },

  async setRoles({ personId, roles }, { caller, now }) {
    if (personId === caller.openid && !roles.includes('admin')) {
      throw new AppError('CANNOT_DEMOTE_SELF', '不能取消自己的管理员身份，请让另一位管理员操作');
    }
    await changeRoles(personId, roles, now);
    return { personId, roles };
  },

  async listStaff() {
    const { data } = await people()
      .where({ 'roles.0': _.exists(true) })
      .limit(1000)
      .get();
    return (data as PersonDoc[]).map((p) => ({ personId: p._id, name: p.name, roles: p.roles }));
  },

  async findResidents({ query }) {
    const pattern = db.RegExp({ regexp: query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
    const { data } = await people()
      .where(_.and([{ linkedTo: _.exists(false) }, _.or([{ name: pattern }, { phone: pattern }, { building: pattern }])]))
      .limit(50)
      .get();
    const found = data as PersonDoc[];
    const tags = await tagsOf(found.map((p) => p._id));
    return found.map((p) => forStaff(p, tags.get(p._id)));
  },

  async createOffline({ name, phone = '', building = '' }, { now }) {
    const person: PersonDoc = {
      _id: `off_${randomBytes(8).toString('hex')}`,
      openid: null,
      name,
      phone,
      building,
      household: [],
      roles: [],
      checkinCode: newCheckinCode(),
      createdAt: now,
      updatedAt: now,
    };
    await people().add(person);
    return forStaff(person);
  },

  async linkOffline({ offlineId, personId }, { now }) {
    const [offline, account] = await Promise.all([getPerson(offlineId), getPerson(personId)]);
    if (!offline || offline.openid !== null) throw notFound('线下登记的居民');
    if (!account || account.openid === null) throw notFound('用户');
    if (offline.linkedTo && offline.linkedTo !== personId) throw new AppError('ALREADY_LINKED', '这条记录已经关联到另一位居民');
    // Alias first: if the second write is lost, a retry finishes the link and nothing points nowhere.
    await people()
      .doc(personId)
      .update({ aliases: _.addToSet(offlineId), updatedAt: now });
    await people().doc(offlineId).update({ linkedTo: personId, updatedAt: now });
    return { personId, aliases: [...new Set([...(account.aliases ?? []), offlineId])] };
  },

  async setTags({ personId, tags }, { now }) {
    if (!(await getPerson(personId))) throw notFound('居民');
    await db.collection('residentTags').doc(personId).set({ tags, updatedAt: now });
    return { personId, tags };
  },

  async noticesToPhone() {
    // Not delivered: never sent (sendResult null) or WeChat refused it (an errcode, 'failed').
    const { data } = await db
      .collection('outbox')
      .where({ sendResult: _.neq('ok'), phonedAt: _.exists(false) })
      .orderBy('createdAt', 'desc')
      .limit(PHONE_LIST_LIMIT)
      .get();
    const notices = data as PhonedNotice[];
    const ids = [...new Set(notices.map((n) => n.personId))];
    const found = ids.length
      ? ((
          await people()
            .where({ _id: _.in(ids) })
            .limit(1000)
            .get()
        ).data as PersonDoc[])
      : [];
    const byId = new Map(found.map((p) => [p._id, p]));
    return notices.map((n) => {
      const person = byId.get(n.personId) ?? null;
      return {
        id: n._id,
        kindLabel: NOTICE_KINDS[n.kind] ?? '',
        title: n.title,
        timeText: n.timeText,
        place: n.place,
        createdAt: n.createdAt,
        name: person?.name ?? '',
        phone: person?.phone ?? '',
        hasWeChat: (openidOf(person) ?? n.openid) !== null,
      };
    });
  },

  async markPhoned({ noticeId }, { caller, now }) {
    const phonedBy = requireOpenid(caller);
    const outbox = db.collection('outbox');
    // Guarded: the first mark stands; a second tap, or a colleague's, changes nothing.
    const { updated } = (await outbox.where({ _id: noticeId, phonedAt: _.exists(false) }).update({ phonedAt: now, phonedBy })) as { updated: number };
    if (updated) return { noticeId, phonedAt: now };
    const { data } = await outbox.where({ _id: noticeId }).limit(1).get();
    const notice = data[0] as PhonedNotice | undefined;
    if (!notice?.phonedAt) throw notFound('通知');
    return { noticeId, phonedAt: notice.phonedAt };
  },

  async myData(_input, { caller, now }) {
    const openid = requireOpenid(caller);
    // Read only: asking what is held must not itself create a record, nor a check-in code.
    const person = (await getPerson(openid)) ?? { ...emptyPerson(openid, openid, now), checkinCode: '' };
    return gatherMyData(person);
  },

  async eraseMe(_input, { caller, now }) {
    const person = await personToErase(requireOpenid(caller));
    // Nothing held (never used the app, or erased already and the reply was lost): nothing to do.
    if (person) await erase(person, 'self', now);
    return { erased: true as const };
  },

  async erasePerson({ personId }, { now }) {
    const person = await personToErase(personId);
    if (!person) throw notFound('居民');
    await erase(person, 'admin', now);
    return { erased: true as const };
  },

  async sweepErasures(_input, { now }) {
    let finished = 0;
    const marked = await unfinishedErasures();
    for (const person of marked) {
      try {
        await erase(person, 'admin', now);
        finished++;
      } catch {
        // Still holding a seat or a role, or a fault: it stays marked for the next run.
      }
    }
    return { finished, waiting: marked.length - finished };
  },
});
