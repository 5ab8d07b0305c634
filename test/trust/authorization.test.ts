import { isAllowed } from '../../cloudfunctions/_shared/router';
import { localDay } from '../../cloudfunctions/_shared/time';
import type { Role } from '../../cloudfunctions/_shared/contract';
import { allActions } from '../support/contracts';
import { startTestCloud, type TestCloud } from '../support/cloud';

const INVITE = 'trust-invite-code';

/** The callers the matrix walks: every role, plus people the system has never seen and timers. */
const CALLERS: { name: string; openid: string | null; roles: Role[] }[] = [
  { name: 'resident', openid: 'o_resident', roles: [] },
  { name: 'another resident', openid: 'o_resident_2', roles: [] },
  { name: 'volunteer', openid: 'o_volunteer', roles: ['volunteer'] },
  { name: 'group leader', openid: 'o_leader', roles: [] },
  { name: 'worker', openid: 'o_worker', roles: ['worker'] },
  { name: 'secretary', openid: 'o_secretary', roles: ['secretary'] },
  { name: 'admin', openid: 'o_admin', roles: ['admin'] },
  { name: 'unknown openid', openid: 'o_never_seen_before', roles: [] },
  { name: 'no openid (timer)', openid: null, roles: [] },
];

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
  await cloud.ok('users', 'claimAdmin', { code: INVITE }, 'o_admin');
  for (const c of CALLERS) {
    if (c.openid && c.openid !== 'o_never_seen_before') await cloud.ok('users', 'me', {}, c.openid);
    if (c.roles.length && c.openid !== 'o_admin') await cloud.ok('users', 'setRoles', { personId: c.openid!, roles: c.roles as never }, 'o_admin');
  }
});
afterAll(() => cloud.close());

/** Two groups: o_leader is 队长 of the first, o_other_leader of the second; o_member sings in the first. */
async function twoGroups(): Promise<[string, string]> {
  const schedule = { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '07:00', durationMinutes: 60 };
  const ids: string[] = [];
  for (const [name, leader] of [
    ['矩阵合唱团', 'o_leader'],
    ['矩阵太极队', 'o_other_leader'],
  ]) {
    const { id } = await cloud.ok('groups', 'create', { name, description: '测试', serviceArea: '社区', place: '便民大厅', schedule }, 'o_worker');
    for (const person of leader === 'o_leader' ? [leader, 'o_member'] : [leader]) {
      await cloud.ok('users', 'updateProfile', { name: '组员', phone: '13900009999' }, person);
      await cloud.ok('groups', 'addMember', { groupId: id, personId: person }, 'o_worker');
    }
    await cloud.ok('groups', 'setRole', { groupId: id, personId: leader, role: 'leader' }, 'o_worker');
    ids.push(id);
  }
  return [ids[0], ids[1]];
}

/**
 * Walks every action × every caller with an empty input. The router checks the role before it
 * reads the input, so FORBIDDEN must come back exactly where the contract's `allow` says no.
 * The matrix is also kept as a snapshot: a new action changes it, and CI (which never writes
 * snapshots) fails until someone has reviewed who may call it and updated the snapshot.
 */
test('every action allows exactly the roles its contract names', async () => {
  const matrix: Record<string, Record<string, 'allow' | 'refuse'>> = {};
  const mismatches: string[] = [];
  for (const { fn, action, contract } of allActions()) {
    const row: Record<string, 'allow' | 'refuse'> = {};
    for (const c of CALLERS) {
      const reply = (await cloud.host.invoke(fn, { action }, c.openid)) as { ok: boolean; error?: { code: string } };
      const refused = !reply.ok && reply.error?.code === 'FORBIDDEN';
      const expected = isAllowed(contract.allow, { openid: c.openid, roles: new Set<Role>(c.openid ? ['resident', ...c.roles] : []) });
      row[c.name] = refused ? 'refuse' : 'allow';
      if (expected === refused)
        mismatches.push(`${fn}.${action} as ${c.name}: contract says ${expected ? 'allow' : 'refuse'}, got ${reply.error?.code ?? 'ok'}`);
    }
    matrix[`${fn}.${action}`] = row;
  }
  expect(mismatches).toEqual([]);
  expect(matrix).toMatchSnapshot();
});

test('no action is open to callers without an openid unless it says so', () => {
  const systemActions = allActions()
    .filter((a) => a.contract.allow.includes('system'))
    .map((a) => `${a.fn}.${a.action}`);
  // Timer-triggered work only: anything else reachable without an identity is a hole.
  expect(systemActions.every((name) => /remind|sweep|timer|tick/i.test(name))).toBe(true);
});

/**
 * A 队长/副队长 leads one group: every action open to `groupLeader` must refuse a plain resident
 * and the leader of another group, and let this group's leader through. A new group action that
 * forgets the check fails here.
 */
test('group-leader actions are scoped to the leader’s own group', async () => {
  const [groupId] = await twoGroups();
  const input = { groupId, personId: 'o_member', day: localDay(cloud.clock.now()), reason: '时间不合适', weeksBack: 1, weeksAhead: 1 };
  const scoped = allActions().filter((a) => a.contract.allow.includes('groupLeader'));
  expect(scoped.length).toBeGreaterThan(0);
  const outcomes: string[] = [];
  for (const { fn, action } of scoped) {
    const codeAs = async (openid: string) => {
      const reply = (await cloud.host.invoke(fn, { ...input, action }, openid)) as { ok: boolean; error?: { code: string } };
      return reply.ok ? 'ok' : reply.error!.code;
    };
    outcomes.push(
      `${fn}.${action}: resident ${await codeAs('o_member')}, other group's leader ${await codeAs('o_other_leader')}, own leader ${['NOT_GROUP_MANAGER', 'FORBIDDEN'].includes(await codeAs('o_leader')) ? 'refused' : 'let through'}`,
    );
  }
  expect(outcomes).toEqual(
    scoped.map(({ fn, action }) => `${fn}.${action}: resident NOT_GROUP_MANAGER, other group's leader NOT_GROUP_MANAGER, own leader let through`),
  );
});
