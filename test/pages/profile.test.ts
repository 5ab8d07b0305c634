import { startTestCloud, type TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

test('a resident fills in the profile and it is stored by the users function', async () => {
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'demo-resident-3' });
  await page.waitFor(() => page.data.state === 'ready');

  await page.input('#name', '李秀兰');
  await page.input('#phone', '13900003333');
  await page.input('#building', '5号楼1单元');
  await page.tap('#save');
  await page.waitFor(() => page.toasts.length > 0, 'saved');

  expect(page.toasts).toEqual([{ title: '已保存', icon: 'success' }]);
  expect(page.calls.at(-1)).toEqual({ name: 'users', data: { action: 'updateProfile', name: '李秀兰', phone: '13900003333', building: '5号楼1单元' } });
  expect(await cloud.ok('users', 'me', {}, 'demo-resident-3')).toMatchObject({
    name: '李秀兰',
    phone: '13900003333',
    building: '5号楼1单元',
    profileComplete: true,
  });
  page.close();
});

test('a wrong phone number is explained before anything is sent', async () => {
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'demo-resident-4' });
  await page.waitFor(() => page.data.state === 'ready');
  await page.input('#name', '赵大爷');
  await page.input('#phone', '12345');
  await page.tap('#save');

  expect(page.text('.form__error')).toBe('电话请填 11 位手机号');
  expect(page.calls.map((c) => c.data.action)).toEqual(['me']);
  page.close();
});

test('a family member is added, and removed only after the resident confirms', async () => {
  await cloud.ok(
    'users',
    'updateProfile',
    { name: '孙阿姨', phone: '13900005555', household: [{ name: '孙小宝', relation: '孙子', birthYear: 2017 }] },
    'demo-resident-5',
  );
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'demo-resident-5' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.member__name')).toBe('孙小宝');

  await page.input('#member-name', '老孙');
  await page.input('#member-relation', '老伴');
  await page.tap('#add-member');
  await page.waitFor(() => page.data.household.length === 2, 'member added');
  expect((await cloud.ok('users', 'me', {}, 'demo-resident-5')).household).toEqual([
    { name: '孙小宝', relation: '孙子', birthYear: 2017 },
    { name: '老孙', relation: '老伴' },
  ]);

  // 不删除: nothing changes.
  page.modalAnswer = false;
  await page.tap('.member__remove');
  expect(page.modals).toEqual([{ title: '删除家人', content: expect.stringContaining('孙小宝') }]);
  expect(page.calls.filter((c) => c.data.action === 'updateProfile')).toHaveLength(1);

  // 删除: gone, in the function's store too.
  await page.tap('.member__remove');
  await page.waitFor(() => page.data.household.length === 1, 'member removed');
  expect(page.text('.member__name')).toBe('老孙');
  expect((await cloud.ok('users', 'me', {}, 'demo-resident-5')).household).toEqual([{ name: '老孙', relation: '老伴' }]);
  page.close();
});

test('a failed save keeps what was typed and says what happened', async () => {
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'demo-resident-6' });
  await page.waitFor(() => page.data.state === 'ready');
  await page.input('#name', '周师傅');
  page.network = 'offline';
  await page.tap('#save');
  await page.waitFor(() => page.data.formError !== '', 'error shown');

  expect(page.text('.form__error')).toBe('网络不太好，请检查网络后再试');
  expect(page.data.form.name).toBe('周师傅');
  expect(page.toasts).toEqual([]);
  page.close();
});

test('the same family member cannot be added twice: the page says so and nothing changes', async () => {
  await cloud.ok('users', 'updateProfile', { name: '钱阿姨', phone: '13900005566', household: [{ name: '钱多多', relation: '孙女' }] }, 'demo-resident-6');
  const page = await openPage(cloud, 'pages/profile/index', { openid: 'demo-resident-6' });
  await page.waitFor(() => page.data.state === 'ready');
  await page.input('#member-name', '钱多多');
  await page.input('#member-relation', '孙女');
  await page.tap('#add-member');
  await page.waitFor(() => page.data.memberError !== '', 'the refusal');
  expect(page.text('.form__error')).toContain('钱多多（孙女）已经在家庭成员里了');
  expect(page.data.household).toHaveLength(1);
  expect((await cloud.ok('users', 'me', {}, 'demo-resident-6')).household).toEqual([{ name: '钱多多', relation: '孙女' }]);
  expect(
    await cloud.call(
      'users',
      'updateProfile',
      {
        household: [
          { name: '钱多多', relation: '孙女' },
          { name: '钱多多', relation: '孙女' },
        ],
      },
      'demo-resident-6',
    ),
  ).toMatchObject({
    ok: false,
    error: { code: 'DUPLICATE_MEMBER' },
  });
  page.close();
});
