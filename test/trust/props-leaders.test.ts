import tcb from '@cloudbase/node-sdk';
import fc from 'fast-check';
import type { TestCloud } from '../support/cloud';
import { startStationCloud } from '../support/station';
import { startDelayingProxy, type DelayingProxy } from '../support/delaying-proxy';

/*
 * 队长 and 副队长 under races: generated sets of calls — several staff naming leaders, deputies and
 * plain members in two groups, members leaving and being added back — run all at once, with every
 * database request held for a generated delay. After each run, from the records: at most one 队长
 * and one 副队长 per group and never the same person, each a current member, the roster and the
 * group page showing exactly who the group doc names, and each named one named by a staff call that
 * succeeded (or before the race).
 */
jest.setTimeout(600_000);

const RUNS = Number(process.env.PROPS_RUNS) || 20;
const ADMIN = 'o_ldr_admin';
const STAFF = ['o_ldr_worker_0', 'o_ldr_worker_1', 'o_ldr_worker_2'];
const MEMBERS = 5;
const member = (i: number) => `o_ldr_member_${i}`;
const ROLES = ['leader', 'deputy', 'member'] as const;
type GroupRole = (typeof ROLES)[number];

let cloud: TestCloud;
let proxy: DelayingProxy;
const db = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();

beforeAll(async () => {
  cloud = await startStationCloud(
    ADMIN,
    STAFF.map((s) => [s, ['worker']]),
  );
  for (let i = 0; i < MEMBERS; i++) await cloud.ok('users', 'updateProfile', { name: `队员${i}`, phone: `1390000200${i}` }, member(i));
  proxy = await startDelayingProxy(cloud.emulator.url);
});
afterAll(async () => {
  await proxy.close();
  await cloud.close();
});

type Op =
  | { kind: 'setRole'; staff: number; group: number; who: number; role: GroupRole }
  | { kind: 'leave'; group: number; who: number }
  | { kind: 'addBack'; staff: number; group: number; who: number };

const staff = fc.integer({ min: 0, max: STAFF.length - 1 });
const group = fc.integer({ min: 0, max: 1 });
const who = fc.integer({ min: 0, max: MEMBERS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('setRole' as const), staff, group, who, role: fc.constantFrom(...ROLES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('leave' as const), group, who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addBack' as const), staff, group, who }) },
);
const scenario = fc.record({
  /** Who leads each group before the race (a member index, or none). */
  before: fc.array(fc.record({ leader: fc.option(who, { nil: null }), deputy: fc.option(who, { nil: null }) }), { minLength: 2, maxLength: 2 }),
  ops: fc.array(op, { minLength: 2, maxLength: 9 }),
  delays: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }),
});

type Reply = { ok: boolean; error?: { code: string; message: string } };
const figures = { runs: 0, calls: 0, requests: 0, refusals: {} as Record<string, number> };

async function freshGroups(before: { leader: number | null; deputy: number | null }[]): Promise<string[]> {
  proxy.delay([]);
  for (const c of ['groups', 'memberships']) await db().collection(c).where({}).remove();
  const schedule = { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '19:00', durationMinutes: 60 };
  const ids: string[] = [];
  for (const [g, lead] of before.entries()) {
    const { id } = await cloud.ok('groups', 'create', { name: `竞态队${g}`, description: '测试', serviceArea: '社区', place: '便民大厅', schedule }, STAFF[0]);
    for (let i = 0; i < MEMBERS; i++) await cloud.ok('groups', 'addMember', { groupId: id, personId: member(i) }, STAFF[0]);
    if (lead.leader !== null) await cloud.ok('groups', 'setRole', { groupId: id, personId: member(lead.leader), role: 'leader' }, STAFF[0]);
    if (lead.deputy !== null) await cloud.ok('groups', 'setRole', { groupId: id, personId: member(lead.deputy), role: 'deputy' }, STAFF[0]);
    ids.push(id);
  }
  return ids;
}

function call(o: Op, groups: string[]): Promise<Reply> {
  const groupId = groups[o.group];
  if (o.kind === 'setRole') return cloud.call('groups', 'setRole', { groupId, personId: member(o.who), role: o.role }, STAFF[o.staff]);
  if (o.kind === 'leave') return cloud.call('groups', 'leave', { groupId }, member(o.who));
  return cloud.call('groups', 'addMember', { groupId, personId: member(o.who) }, STAFF[o.staff]);
}

async function checkRecords(groups: string[], before: { leader: number | null; deputy: number | null }[], ops: Op[], replies: Reply[]) {
  const dump = cloud.emulator.dump();
  const memberships = (dump.memberships ?? []) as { _id: string; groupId: string; personId: string; status: string }[];
  for (const [g, groupId] of groups.entries()) {
    const doc = ((dump.groups ?? []) as { _id: string; leaderId: string | null; deputyId: string | null }[]).find((d) => d._id === groupId)!;
    const current = new Set(memberships.filter((m) => m.groupId === groupId && m.status === 'approved').map((m) => m.personId));
    // One of each, never the same person, each a current member.
    if (doc.leaderId !== null) expect(doc.leaderId).not.toBe(doc.deputyId);
    for (const named of [doc.leaderId, doc.deputyId]) if (named !== null) expect(current).toContain(named);
    // Named by a staff call that succeeded, or before the race.
    const namedAs = (role: GroupRole, initially: number | null) =>
      new Set([
        ...(initially === null ? [] : [member(initially)]),
        ...ops.flatMap((o, i) => (o.kind === 'setRole' && o.group === g && o.role === role && replies[i].ok ? [member(o.who)] : [])),
      ]);
    if (doc.leaderId !== null) expect(namedAs('leader', before[g].leader)).toContain(doc.leaderId);
    if (doc.deputyId !== null) expect(namedAs('deputy', before[g].deputy)).toContain(doc.deputyId);

    // The records that show roles agree with the group doc: the roster, the group's page, and no role left on a membership.
    const roster = await cloud.ok('groups', 'roster', { groupId }, STAFF[1]);
    const shown = (role: GroupRole) => roster.filter((m) => m.role === role).map((m) => m.personId);
    expect(shown('leader')).toEqual(doc.leaderId === null ? [] : [doc.leaderId]);
    expect(shown('deputy')).toEqual(doc.deputyId === null ? [] : [doc.deputyId]);
    const page = await cloud.ok('groups', 'get', { groupId }, member(0));
    expect(page.leaders.map((l) => l.role)).toEqual([...(doc.leaderId ? ['leader'] : []), ...(doc.deputyId ? ['deputy'] : [])]);
    expect(memberships.filter((m) => m.groupId === groupId && 'role' in m)).toEqual([]);
  }
  for (const r of replies) {
    if (r.ok) continue;
    figures.refusals[r.error!.code] = (figures.refusals[r.error!.code] ?? 0) + 1;
    expect(r.error!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(['NOT_A_MEMBER', 'NOT_IN_GROUP', 'ALREADY_MEMBER', 'BUSY']).toContain(r.error!.code);
  }
}

test('staff naming 队长 and 副队长 at once, with members leaving and coming back: one of each per group, agreeing everywhere', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ before, ops, delays }) => {
      const groups = await freshGroups(before);
      const sent = proxy.forwarded();
      proxy.delay(delays);
      const replies = (await Promise.all(ops.map((o) => call(o, groups)))) as Reply[];
      proxy.delay([]);
      figures.runs++;
      figures.calls += ops.length;
      figures.requests += proxy.forwarded() - sent;
      await checkRecords(groups, before, ops, replies);
    }),
    { seed: 42, numRuns: RUNS },
  );
  if (process.env.PROPS_RUNS)
    console.log(
      `leaders: ${figures.runs} interleavings, ${figures.calls} concurrent calls, ${figures.requests} database requests delayed; refusals ${JSON.stringify(figures.refusals)}`,
    );
});
