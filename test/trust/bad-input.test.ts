import { z } from 'zod';
import type { Audience } from '../../cloudfunctions/_shared/contract';
import { allActions, type ActionEntry } from '../support/contracts';
import { startTestCloud, type TestCloud } from '../support/cloud';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  maxLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
};

const inputSchema = (a: ActionEntry) => z.toJSONSchema(a.contract.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Every field of every input, with its path: where bounds must be set. */
function fields(schema: JsonSchema, path = 'input'): [string, JsonSchema][] {
  const own: [string, JsonSchema][] = [[path, schema]];
  const nested = [
    ...Object.entries(schema.properties ?? {}).flatMap(([k, s]) => fields(s, `${path}.${k}`)),
    ...(schema.items ? fields(schema.items, `${path}[]`) : []),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => fields(s, path)),
  ];
  return [...own, ...nested];
}

const HUGE = 'x'.repeat(100_000);
/** Values that are wrong for a field of the given type, or plain hostile. */
function badValuesFor(s: JsonSchema): unknown[] {
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return [12345, null, {}, [], HUGE, '', '2026-13-45T99:00:00+08:00', '1800-01-01', 'o_someone_else'];
    case 'integer':
    case 'number':
      return ['1', -1, 1.5, 1e15, null, {}];
    case 'boolean':
      return ['true', 1, null];
    case 'array':
      return ['x', {}, Array.from({ length: 1000 }, () => ({}))];
    case 'object':
      return ['x', [], 42];
    default:
      return [HUGE, -1, null, { $where: '1' }];
  }
}

/** One mutation per bad value per field, applied to an otherwise empty input. */
function badInputs(schema: JsonSchema): Record<string, unknown>[] {
  const props = Object.entries(schema.properties ?? {});
  return [
    { unexpected: HUGE },
    ...props.flatMap(([key, s]) => badValuesFor(s).map((v) => ({ [key]: v }))),
    ...props.map(([key]) => ({ [key]: '<script>alert(1)</script>😀' })),
  ];
}

/** The most trusted caller the action allows: bad input from staff must be refused too. */
const PREFERENCE: [Audience, string | null][] = [
  ['admin', 'o_admin'],
  ['worker', 'o_worker'],
  ['secretary', 'o_secretary'],
  ['volunteer', 'o_volunteer'],
  ['resident', 'o_resident'],
  ['system', null],
];
const callerFor = (a: ActionEntry) => PREFERENCE.find(([role]) => a.contract.allow.includes(role))?.[1] ?? null;

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe('bad input', () => {
  let cloud: TestCloud;
  const INVITE = 'fuzz-invite-code';
  beforeAll(async () => {
    cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
    await cloud.ok('users', 'claimAdmin', { code: INVITE }, 'o_admin');
    for (const [role, openid] of PREFERENCE) {
      if (!openid || role === 'admin' || role === 'resident') continue;
      await cloud.ok('users', 'me', {}, openid);
      await cloud.ok('users', 'setRoles', { personId: openid, roles: [role as 'worker'] }, 'o_admin');
    }
    await cloud.ok('users', 'me', {}, 'o_resident');
  });
  afterAll(() => cloud.close());

  test('every string, number and list in every input has a bound', () => {
    const unbounded = allActions().flatMap((a) =>
      fields(inputSchema(a))
        .filter(([, s]) => {
          if (s.enum || s.const !== undefined) return false;
          if (s.type === 'string') return s.maxLength === undefined && s.format === undefined;
          if (s.type === 'number' || s.type === 'integer') return !(Math.abs(s.maximum ?? Infinity) <= 1e9 && Math.abs(s.minimum ?? Infinity) <= 1e9);
          if (s.type === 'array') return s.maxItems === undefined;
          return false;
        })
        .map(([path]) => `${a.fn}.${a.action} ${path}`),
    );
    expect(unbounded).toEqual([]);
  });

  test('every action refuses generated bad input with a code and a Chinese message, and writes nothing', async () => {
    const problems: string[] = [];
    let refused = 0;
    for (const a of allActions()) {
      const openid = callerFor(a);
      for (const input of badInputs(inputSchema(a))) {
        const accepted = a.contract.input.safeParse(input).success;
        const before = cloud.emulator.dump();
        const reply = (await cloud.host.invoke(a.fn, { ...input, action: a.action }, openid)) as { ok: boolean; error?: { code: string; message: string } };
        const label = `${a.fn}.${a.action} ${JSON.stringify(input).slice(0, 80)}`;
        if (reply.error?.code === 'INTERNAL') problems.push(`${label}: unhandled failure`);
        if (accepted) continue; // valid after all (an optional field left out): only "no crash" applies
        refused += 1;
        if (reply.ok) problems.push(`${label}: accepted`);
        else if (!/^[A-Z_]+$/.test(reply.error!.code) || !hasChinese(reply.error!.message))
          problems.push(`${label}: unclear error ${JSON.stringify(reply.error)}`);
        if (JSON.stringify(cloud.emulator.dump()) !== JSON.stringify(before)) problems.push(`${label}: the database changed`);
      }
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(allActions().length);
  });
});
