import type { TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';
import { dayIn, startStationCloud } from '../support/station';

/* The resident's side of community groups: 队伍 (tab) and the group's page — real pages, real function, real emulator. */
const WORKER = 'demo-worker';
const res = (n: number) => `demo-resident-${n}`;
let cloud: TestCloud;
let choir: string;
let taiji: string;

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [[WORKER, ['worker'], { name: '李社工', phone: '13900009001' }]]);
  for (const [n, name] of [
    [1, '张桂兰'],
    [2, '李德顺'],
    [3, '王秀英'],
    [4, '赵建国'],
  ] as const) {
    await cloud.ok('users', 'updateProfile', { name, phone: `1390000100${n}` }, res(n));
  }
  const everyDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '19:00', durationMinutes: 90 };
  choir = (
    await cloud.ok(
      'groups',
      'create',
      { name: '福源红合唱团', description: '一起唱歌。', serviceArea: '社区', place: '便民大厅二楼', schedule: everyDay },
      WORKER,
    )
  ).id;
  taiji = (
    await cloud.ok(
      'groups',
      'create',
      {
        name: '福源太极健身队',
        description: '一起打太极。',
        serviceArea: '老年人',
        place: '小广场',
        schedule: { ...everyDay, weekdays: [1, 3, 5], startTime: '07:30', durationMinutes: 60 },
      },
      WORKER,
    )
  ).id;
  await cloud.ok('groups', 'apply', { groupId: choir, why: '喜欢唱歌' }, res(2));
  await cloud.ok('groups', 'approve', { groupId: choir, personId: res(2) }, WORKER);
  await cloud.ok('groups', 'setRole', { groupId: choir, personId: res(2), role: 'leader' }, WORKER);
});
afterAll(() => cloud.close());

test('the 队伍 tab lists the groups with time, place, members and my status, and opens one', async () => {
  const page = await openPage(cloud, 'pages/groups/index', { openid: res(2) });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.all('.group__name').map((t) => t.dom!.textContent)).toEqual(['福源红合唱团', '福源太极健身队']);
  expect(page.text('#group-0')).toContain('每天 19:00-20:30');
  expect(page.text('#group-0')).toContain('1 位队员');
  expect(page.text('#group-0')).toContain('已加入');
  expect(page.text('#group-1')).toContain('每周一、周三、周五 07:30-08:30');
  expect(page.text('#group-1')).not.toContain('已加入');

  await page.tap('#group-1');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: `/pages/group/index?id=${taiji}` }]);
  page.close();
});

test('offline, the tab says so and offers to try again', async () => {
  const page = await openPage(cloud, 'pages/groups/index', { openid: res(1), network: 'offline' });
  await page.waitFor(() => page.data.state === 'error');
  expect(page.text()).toContain('网络不太好');
  page.network = 'ok';
  await page.tap('#state-retry');
  await page.waitFor(() => page.data.state === 'ready');
  page.close();
});

test('a resident applies with the short form, sees it waiting, and withdraws after confirming', async () => {
  const page = await openPage(cloud, 'pages/group/index', { openid: res(1), query: { id: choir } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.title')).toBe('福源红合唱团');
  expect(page.text()).toContain('现有 1 位队员');
  expect(page.text()).toContain('队长：李德顺');
  expect(page.all('.practice')).toHaveLength(4);
  expect(page.exists('#manage')).toBe(false);

  await page.tap('#join');
  await page.input('#why', '想多认识邻居');
  await page.input('#preferred-times', '晚上');
  await page.tap('#submit');
  await page.waitFor(() => page.data.group?.mine?.status === 'applied');
  expect(page.toasts).toContainEqual({ title: '申请已提交', icon: 'success' });
  expect(page.text('.mine__status')).toBe('申请已提交，等待审核');
  expect(page.calls.find((c) => c.data.action === 'apply')?.data).toEqual({
    action: 'apply',
    groupId: choir,
    why: '想多认识邻居',
    experience: '',
    preferredTimes: '晚上',
  });
  expect(page.exists('#join')).toBe(false);

  page.modalAnswer = false;
  await page.tap('#withdraw');
  expect(page.modals.at(-1)?.content).toContain('确定撤回加入“福源红合唱团”的申请吗');
  expect((await cloud.ok('groups', 'get', { groupId: choir }, res(1))).mine?.status).toBe('applied');
  await page.tap('#withdraw');
  await page.waitFor(() => page.data.group?.mine?.status === 'withdrawn');
  expect(page.toasts).toContainEqual({ title: '已撤回申请', icon: 'success' });
  expect(page.exists('#join')).toBe(true);
  page.close();
});

test('a declined applicant reads the reason and may apply again', async () => {
  await cloud.ok('groups', 'apply', { groupId: taiji, why: '想锻炼' }, res(3));
  await cloud.ok('groups', 'decline', { groupId: taiji, personId: res(3), reason: '这一季人满了，下季度欢迎再来' }, WORKER);
  const page = await openPage(cloud, 'pages/group/index', { openid: res(3), query: { id: taiji } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.mine--declined')).toContain('原因：这一季人满了，下季度欢迎再来');
  await page.tap('#join');
  await page.input('#why', '下季度了，再试试');
  await page.tap('#submit');
  await page.waitFor(() => page.data.group?.mine?.status === 'applied');
  page.close();
});

test('a member sees how often they came and leaves in one tap, after confirming', async () => {
  await cloud.ok('groups', 'apply', { groupId: taiji, why: '想锻炼' }, res(4));
  await cloud.ok('groups', 'approve', { groupId: taiji, personId: res(4) }, WORKER);
  const page = await openPage(cloud, 'pages/group/index', { openid: res(4), query: { id: taiji } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.mine--approved')).toContain('您是本队队员');
  expect(page.text('.mine--approved')).toContain('已参加 0 次练习');

  await page.tap('#leave');
  expect(page.modals.at(-1)).toEqual({ title: '退出队伍', content: '确定退出“福源太极健身队”吗？以后想回来，可以再申请。' });
  await page.waitFor(() => page.data.group?.mine?.status === 'left');
  expect(page.toasts).toContainEqual({ title: '已退出队伍', icon: 'success' });
  expect(page.text()).toContain('现有 0 位队员');
  page.close();
});

test('without a name and phone, applying leads to the profile page', async () => {
  const page = await openPage(cloud, 'pages/group/index', { openid: 'o_newcomer', query: { id: choir } });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#join');
  await page.input('#why', '想唱歌');
  await page.tap('#submit');
  await page.waitFor(() => page.navigations.length > 0);
  expect(page.modals.at(-1)?.content).toContain('先留下姓名和电话');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/profile/index' }]);
  expect(page.data.group.mine).toBeNull();
  page.close();
});

test('the 队长 finds the way to the group’s admin page', async () => {
  const page = await openPage(cloud, 'pages/group/index', { openid: res(2), query: { id: choir } });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.mine--approved')).toContain('您是本队队长');
  await page.tap('#manage');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: `/staff/pages/group-admin/index?id=${choir}` }]);
  page.close();
});

test('the reason is optional: a resident who can barely type just taps 提交申请', async () => {
  await cloud.ok('users', 'updateProfile', { name: '孙淑珍', phone: '13900001005' }, res(5));
  const page = await openPage(cloud, 'pages/group/index', { openid: res(5), query: { id: taiji } });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#join');
  expect(page.text('.apply')).toContain('为什么想加入（选填，不写也行）');
  expect(page.text('.apply')).not.toContain('必填');
  await page.tap('#submit');
  await page.waitFor(() => page.data.group?.mine?.status === 'applied');
  expect(page.exists('.form__error')).toBe(false);
  expect(page.toasts).toContainEqual({ title: '申请已提交', icon: 'success' });
  expect(page.calls.find((c) => c.data.action === 'apply')?.data).toEqual({ action: 'apply', groupId: taiji, why: '', experience: '', preferredTimes: '' });
  page.close();
});

test('a practice called off stays in 接下来的练习, marked 停练, instead of vanishing', async () => {
  const off = dayIn(2);
  const { id } = await cloud.ok(
    'groups',
    'create',
    {
      name: '福源广场舞队',
      description: '一起跳舞。',
      serviceArea: '社区',
      place: '小广场',
      schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '19:00', durationMinutes: 90, cancelledDays: [off] },
    },
    WORKER,
  );
  const page = await openPage(cloud, 'pages/group/index', { openid: res(3), query: { id } });
  await page.waitFor(() => page.data.state === 'ready');
  const practices = page.data.group.practices as { day: string; calledOff: boolean }[];
  const i = practices.findIndex((p) => p.day === off);
  expect(i).toBeGreaterThan(0);
  expect(practices.filter((p) => p.calledOff).map((p) => p.day)).toEqual([off]);
  expect(practices.map((p) => p.day)).toEqual([...practices.map((p) => p.day)].sort());
  expect(page.text(`#practice-${i}`)).toContain('停练');
  expect(page.exists(`#practice-${i}.practice--off`)).toBe(true);
  expect(page.text(`#practice-${i - 1}`)).not.toContain('停练');
  page.close();
});
