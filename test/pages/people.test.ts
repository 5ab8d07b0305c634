import type { PersonDoc } from '../../cloudfunctions/_shared/people';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { openPage, type PageHarness } from '../support/simulate';
import { startStationCloud } from '../support/station';

/* 居民和人员 (staff/pages/people): finding residents, their staff-only tags, offline records, roles and erasure — real page, real users function, real emulator. */
const ADMIN = 'demo-admin';
const WORKER = 'demo-worker';
const res = (n: number) => `demo-resident-${n}`;
const hoursFromNow = (h: number) => new Date(nowMs() + h * 3600_000).toISOString();
let cloud: TestCloud;

const users = () => cloud.emulator.dump().users as PersonDoc[];
const tagsStored = (personId: string) => (cloud.emulator.dump().residentTags as { _id: string; tags: string[] }[]).find((t) => t._id === personId)?.tags;
const cloudActions = (page: PageHarness) => page.calls.map((c) => c.data.action);

async function openAs(openid: string) {
  const page = await openPage(cloud, 'staff/pages/people/index', { openid });
  await page.waitFor(() => page.data.state === 'ready', 'page loaded');
  return page;
}

async function search(page: PageHarness, query: string, count: number) {
  await page.input('#query', query);
  await page.tap('#search');
  await page.waitFor(() => page.data.searched && page.data.found.length === count, `${count} found for ${query}`);
}

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [[WORKER, ['worker'], { name: '李社工', phone: '13900009001' }]]);
  await cloud.ok('users', 'updateProfile', { name: '张桂兰', phone: '13900001001', building: '3号楼2单元' }, res(1));
  await cloud.ok('users', 'updateProfile', { name: '赵志强', phone: '13900001003', building: '7号楼' }, res(3));
  await cloud.ok('users', 'updateProfile', { name: '钱淑芬', phone: '13900001004', building: '8号楼' }, res(4));
});
afterAll(() => cloud.close());

test('a worker finds a resident by building, sees the full phone, and sets tags that are stored and shown back', async () => {
  const page = await openAs(WORKER);
  await search(page, '3号楼', 1);
  expect(page.text('#person-0')).toContain('张桂兰');
  expect(page.text('#person-0')).toContain('13900001001');
  expect(page.text('.person__tags')).toBe('标签：无');
  await page.tap('#call-0');
  expect(page.phoneCalls).toEqual(['13900001001']);

  await page.tap('#tags-0');
  await page.tap('#tag-0'); // 老年人
  await page.tap('#tag-1'); // 空巢
  await page.tap('#tag-4'); // 低保
  await page.tap('#tag-4'); // … not 低保 after all
  await page.tap('#save-tags');
  await page.waitFor(() => page.text('.person__tags') === '标签：老年人、空巢', 'tags shown back');
  expect(tagsStored(res(1))).toEqual(['老年人', '空巢']);
  expect(page.toasts).toContainEqual({ title: '标签已保存', icon: 'success' });
  expect(page.exists('#save-tags')).toBe(false);
  page.close();

  // Opened again, the page reads them from the function.
  const again = await openAs(WORKER);
  await search(again, '张桂兰', 1);
  expect(again.text('.person__tags')).toBe('标签：老年人、空巢');
  again.close();
});

test('a worker records a resident without WeChat and, once they have an account, links the two after confirming', async () => {
  const page = await openAs(WORKER);
  await page.input('#offline-name', '王秀英');
  await page.input('#offline-building', '5号楼1单元');
  await page.tap('#offline-save');
  await page.waitFor(() => page.data.found.length === 1 && page.data.found[0].offline, 'offline record shown');
  expect(page.text('#person-0')).toContain('王秀英');
  expect(page.text('#person-0')).toContain('无微信');
  expect(page.text('#person-0')).toContain('没有留电话');
  const offline = users().find((u) => u.name === '王秀英')!;
  expect(offline).toMatchObject({ openid: null, building: '5号楼1单元', phone: '' });

  // Later the resident makes their own account.
  await cloud.ok('users', 'updateProfile', { name: '王秀英', phone: '13900001002' }, res(2));

  await page.tap('#link-0');
  expect(page.text('#linking')).toContain('王秀英');
  await search(page, '王秀英', 2);
  const account = page.data.found.findIndex((p: { offline: boolean }) => !p.offline);
  expect(page.exists(`#same-${1 - account}`)).toBe(false); // an offline record is not an account

  page.modalAnswer = false;
  await page.tap(`#same-${account}`);
  expect(page.modals.at(-1)?.content).toContain('是同一个人吗');
  expect(cloudActions(page)).not.toContain('linkOffline');

  await page.tap(`#same-${account}`);
  await page.waitFor(() => page.data.linking === null && page.data.found.length === 1, 'linked and searched again');
  expect(page.toasts).toContainEqual({ title: '已关联', icon: 'success' });
  expect(users().find((u) => u._id === offline._id)?.linkedTo).toBe(res(2));
  expect(users().find((u) => u._id === res(2))?.aliases).toEqual([offline._id]);
  expect(page.data.found[0]).toMatchObject({ id: res(2), offline: false });
  page.close();
});

test('a worker sees no staff list, roles or erasure', async () => {
  const page = await openAs(WORKER);
  await search(page, '赵志强', 1);
  expect(page.exists('#admin')).toBe(false);
  expect(page.exists('#roles-0')).toBe(false);
  expect(page.exists('#erase-0')).toBe(false);
  expect(cloudActions(page)).not.toContain('listStaff');
  page.close();
});

test('someone without a staff role who lands here reads who the page is for, and nobody is looked up', async () => {
  const page = await openPage(cloud, 'staff/pages/people/index', { openid: res(9) });
  await page.waitFor(() => page.data.state === 'empty', 'refused');
  expect(page.text()).toContain('这一页给社工和管理员用');
  expect(page.text()).not.toContain('查找居民');
  expect(cloudActions(page)).toEqual(['me']);
  page.close();
});

test('an admin sees the staff, grants the volunteer role to a resident and removes it, each change confirmed', async () => {
  const page = await openAs(ADMIN);
  expect(page.text('#admin')).toContain('李社工');
  await search(page, '赵志强', 1);
  await page.tap('#roles-0');
  await page.waitFor(() => page.data.rolesFor !== null, 'roles open');

  page.modalAnswer = false;
  await page.tap('#role-volunteer');
  expect(page.modals.at(-1)).toEqual({ title: '加身份', content: '让 赵志强 做志愿者吗？志愿者能帮忙签到、记服务时长。' });
  expect(cloudActions(page)).not.toContain('setRoles');

  await page.tap('#role-volunteer');
  await page.waitFor(() => page.text('#admin').includes('赵志强'), 'staff list shows the volunteer');
  expect(page.toasts).toContainEqual({ title: '已设为志愿者', icon: 'success' });
  expect(page.text('.panel')).toContain('✓ 志愿者');
  expect((await cloud.ok('users', 'me', {}, res(3))).roles).toEqual(['volunteer']);

  await page.tap('#role-volunteer');
  expect(page.modals.at(-1)).toEqual({ title: '取消身份', content: '取消 赵志强 的志愿者身份吗？取消后TA就不能再用志愿者的功能了。' });
  await page.waitFor(() => !page.text('#admin').includes('赵志强'), 'staff list without them');
  expect(page.toasts).toContainEqual({ title: '已取消志愿者', icon: 'success' });
  expect((await cloud.ok('users', 'me', {}, res(3))).roles).toEqual([]);
  page.close();
});

test('an admin cannot take away their own admin role: the refusal is shown as it comes', async () => {
  const page = await openAs(ADMIN);
  const me = page.data.staffRows.findIndex((s: { personId: string }) => s.personId === ADMIN);
  await page.tap(`#staff-roles-${me}`);
  await page.waitFor(() => page.data.rolesFor !== null, 'roles open');
  await page.tap('#role-admin');
  await page.waitFor(() => page.modals.length === 2, 'refusal shown');
  expect(page.modals[1]).toEqual({ title: '身份没有改成', content: '不能取消自己的管理员身份，请让另一位管理员操作' });
  expect((await cloud.ok('users', 'me', {}, ADMIN)).roles).toEqual(['admin']);
  page.close();
});

test('erasing a resident asks twice, refuses clearly while they have an open sign-up, then erases', async () => {
  const { id: activityId } = await cloud.ok(
    'activities',
    'create',
    { title: '重阳茶话会', serviceArea: '社区', place: '便民大厅', capacity: 10, startAt: hoursFromNow(50), endAt: hoursFromNow(52) },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId }, WORKER);
  await cloud.ok('activities', 'signUp', { activityId }, res(4));

  const page = await openAs(ADMIN);
  await search(page, '钱淑芬', 1);

  // The first question answered 不删除: nothing happens.
  page.modalAnswer = false;
  await page.tap('#erase-0');
  expect(page.modals).toHaveLength(1);
  expect(page.modals[0].title).toBe('删除居民资料');
  expect(page.modals[0].content).toContain('本人书面提出要求');

  // Asked twice and both answered: the function refuses while the sign-up is open, in its own words.
  await page.tap('#erase-0');
  await page.waitFor(() => page.modals.length === 4, 'refusal shown');
  expect(page.modals.slice(1)).toEqual([
    expect.objectContaining({ title: '删除居民资料' }),
    { title: '再确认一次', content: '确定永久删除 钱淑芬 的全部资料吗？删除后不能恢复。' },
    { title: '没有删除', content: '这位居民还有1 个还没举行的活动报名，请先替TA取消，再删除资料。' },
  ]);
  expect(cloudActions(page).filter((a) => a === 'erasePerson')).toHaveLength(1);
  expect(users().some((u) => u._id === res(4))).toBe(true);

  // The worker cancels the sign-up for her; now the data goes.
  await cloud.ok('activities', 'cancel', { activityId, personId: res(4) }, WORKER);
  await page.tap('#erase-0');
  await page.waitFor(() => page.data.found.length === 0, 'erased');
  expect(page.toasts).toContainEqual({ title: '已删除', icon: 'success' });
  expect(users().some((u) => u._id === res(4))).toBe(false);
  page.close();
});
