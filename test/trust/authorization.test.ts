import { isAllowed } from '../../cloudfunctions/_shared/router';
import type { Role } from '../../cloudfunctions/_shared/contract';
import { allActions } from '../support/contracts';
import { startTestCloud, type TestCloud } from '../support/cloud';

const INVITE = 'trust-invite-code';

/** The callers the matrix walks: every role, plus people the system has never seen and timers. */
const CALLERS: { name: string; openid: string | null; roles: Role[] }[] = [
  { name: 'resident', openid: 'o_resident', roles: [] },
  { name: 'another resident', openid: 'o_resident_2', roles: [] },
  { name: 'volunteer', openid: 'o_volunteer', roles: ['volunteer'] },
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
      if (expected === refused) mismatches.push(`${fn}.${action} as ${c.name}: contract says ${expected ? 'allow' : 'refuse'}, got ${reply.error?.code ?? 'ok'}`);
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
