import { startTestCloud, type TestCloud } from '../support/cloud';

const INVITE = 'test-invite-code';
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ ADMIN_INVITE_CODE: INVITE });
});
afterAll(() => cloud.close());

describe('users', () => {
  test('a first-time caller is a resident with an empty profile and a check-in code', async () => {
    const me = await cloud.ok('users', 'me', {}, 'o_new_1');
    expect(me).toMatchObject({ id: 'o_new_1', name: '', phone: '', roles: [], profileComplete: false });
    expect(me.checkinCode).toMatch(/^[2-9A-Z]{8}$/);
    // Calling again returns the same person, not a second one.
    expect((await cloud.ok('users', 'me', {}, 'o_new_1')).checkinCode).toBe(me.checkinCode);
  });

  test('a resident fills in the profile and reads it back', async () => {
    const saved = await cloud.ok(
      'users',
      'updateProfile',
      { name: '测试居民', phone: '13900001111', household: [{ name: '小宝', relation: '儿子', birthYear: 2016 }] },
      'o_res_1',
    );
    expect(saved).toMatchObject({ name: '测试居民', phone: '13900001111', profileComplete: true });
    const me = await cloud.ok('users', 'me', {}, 'o_res_1');
    expect(me.household).toEqual([{ name: '小宝', relation: '儿子', birthYear: 2016 }]);
  });

  test('bad input is refused with a code and a Chinese message, and nothing is written', async () => {
    const before = cloud.emulator.dump();
    const reply = await cloud.call('users', 'updateProfile', { phone: '12345' }, 'o_res_2');
    expect(reply).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('电话'), field: '电话' } });
    expect(cloud.emulator.dump()).toEqual(before);
  });

  test('an unknown action and a missing action get UNKNOWN_ACTION', async () => {
    expect(await cloud.host.invoke('users', { action: 'dropDatabase' }, 'o_res_1')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(await cloud.host.invoke('users', {}, 'o_res_1')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(await cloud.host.invoke('users', { action: 'toString' }, 'o_res_1')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });

  test('identity comes from the context, never from the event', async () => {
    await cloud.ok('users', 'updateProfile', { name: '真实用户', phone: '13900002222' }, 'o_victim');
    const forged = await cloud.host.invoke('users', { action: 'me', userInfo: { openId: 'o_victim' } }, 'o_attacker');
    expect(forged).toMatchObject({ ok: true, data: { id: 'o_attacker', name: '' } });
  });

  test('the first admin comes from the invite code, once; a used code reads exactly as a wrong one', async () => {
    const wrong = await cloud.call('users', 'claimAdmin', { code: 'wrong-code' }, 'o_boss');
    expect(wrong).toEqual({ ok: false, error: { code: 'INVITE_CODE_WRONG', message: '邀请码不正确' } });
    expect((await cloud.ok('users', 'claimAdmin', { code: INVITE }, 'o_boss')).roles).toEqual(['admin']);
    // A retry by the first admin (a lost reply) is answered as a success, and changes nothing.
    expect((await cloud.ok('users', 'claimAdmin', { code: INVITE }, 'o_boss')).roles).toEqual(['admin']);
    expect(await cloud.call('users', 'claimAdmin', { code: INVITE }, 'o_other')).toEqual(wrong);
    expect(await cloud.call('users', 'claimAdmin', { code: 'wrong-code' }, 'o_other')).toEqual(wrong);
  });

  test('an admin grants staff roles; others may not', async () => {
    await cloud.ok('users', 'me', {}, 'o_worker');
    expect(await cloud.call('users', 'setRoles', { personId: 'o_worker', roles: ['worker'] }, 'o_res_1')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await cloud.ok('users', 'setRoles', { personId: 'o_worker', roles: ['worker'] }, 'o_boss');
    expect((await cloud.ok('users', 'me', {}, 'o_worker')).roles).toEqual(['worker']);
    expect((await cloud.ok('users', 'listStaff', {}, 'o_boss')).map((s) => s.personId).sort()).toEqual(['o_boss', 'o_worker']);
    expect(await cloud.call('users', 'setRoles', { personId: 'o_boss', roles: [] }, 'o_boss')).toMatchObject({
      ok: false,
      error: { code: 'CANNOT_DEMOTE_SELF' },
    });
  });

  test('two admins taking the role from each other at once: one is refused, an admin stays, and the code stays used', async () => {
    await cloud.ok('users', 'me', {}, 'o_second');
    await cloud.ok('users', 'setRoles', { personId: 'o_second', roles: ['admin'] }, 'o_boss');
    const replies = await Promise.all([
      cloud.call('users', 'setRoles', { personId: 'o_second', roles: [] }, 'o_boss'),
      cloud.call('users', 'setRoles', { personId: 'o_boss', roles: [] }, 'o_second'),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    // LAST_ADMIN when both were read as admins; FORBIDDEN if the loser's own role was read after it was taken.
    const refused = replies.find((r) => !r.ok);
    expect(refused).toEqual({
      ok: false,
      error: { code: expect.stringMatching(/^(LAST_ADMIN|FORBIDDEN)$/), message: expect.stringMatching(/[\u4e00-\u9fa5]/) },
    });
    const admins = (await cloud.ok('users', 'listStaff', {}, replies[0].ok ? 'o_boss' : 'o_second')).filter((s) => s.roles.includes('admin'));
    expect(admins).toHaveLength(1);
    expect(cloud.emulator.dump().guards).toContainEqual(expect.objectContaining({ _id: 'admins', count: 1 }));
    expect(await cloud.call('users', 'claimAdmin', { code: INVITE }, 'o_other')).toMatchObject({ ok: false, error: { code: 'INVITE_CODE_WRONG' } });
    // Whoever is left gives the role back to the other, so the tests below find o_boss an admin.
    if (!replies[0].ok) await cloud.ok('users', 'setRoles', { personId: 'o_boss', roles: ['admin'] }, 'o_second');
  });

  test('staff-only tags are visible to workers and never to the resident', async () => {
    await cloud.ok('users', 'setTags', { personId: 'o_res_1', tags: ['低保', '单亲'] }, 'o_worker');
    const found = await cloud.ok('users', 'findResidents', { query: '测试' }, 'o_worker');
    expect(found).toEqual([expect.objectContaining({ id: 'o_res_1', tags: ['低保', '单亲'], phone: '13900001111' })]);
    expect(JSON.stringify(await cloud.ok('users', 'me', {}, 'o_res_1'))).not.toContain('低保');
    expect(await cloud.call('users', 'findResidents', { query: '测试' }, 'o_res_2')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a worker records a resident without WeChat and later links them to an account', async () => {
    const offline = await cloud.ok('users', 'createOffline', { name: '线下大爷', phone: '13900003333' }, 'o_worker');
    expect(offline).toMatchObject({ offline: true, name: '线下大爷' });
    await cloud.ok('users', 'updateProfile', { name: '线下大爷', phone: '13900003333' }, 'o_joined');
    expect(await cloud.ok('users', 'linkOffline', { offlineId: offline.id, personId: 'o_joined' }, 'o_worker')).toEqual({
      personId: 'o_joined',
      aliases: [offline.id],
    });
    // Once linked, the worker finds the account, not the old paper record.
    expect((await cloud.ok('users', 'findResidents', { query: '线下' }, 'o_worker')).map((p) => p.id)).toEqual(['o_joined']);
  });

  test('a timer (no openid) may not call resident actions', async () => {
    expect(await cloud.call('users', 'me', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('the first admin, once stepped down and erased, leaves no id in the guard; the code stays spent', async () => {
    await cloud.ok('users', 'setRoles', { personId: 'o_second', roles: ['admin'] }, 'o_boss');
    await cloud.ok('users', 'setRoles', { personId: 'o_boss', roles: [] }, 'o_second');
    await cloud.ok('users', 'erasePerson', { personId: 'o_boss', confirm: true }, 'o_second');
    expect(JSON.stringify(cloud.emulator.dump().guards)).not.toContain('o_boss');
    expect(await cloud.call('users', 'claimAdmin', { code: INVITE }, 'o_boss')).toEqual({
      ok: false,
      error: { code: 'INVITE_CODE_WRONG', message: '邀请码不正确' },
    });
  });

  test('reading a profile costs two DB requests: the caller’s roles and the profile', async () => {
    cloud.emulator.resetCounts();
    await cloud.ok('users', 'me', {}, 'o_res_1');
    expect(cloud.emulator.totalRequests()).toBe(2);
  });
});
