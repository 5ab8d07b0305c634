import { addDays } from '../../cloudfunctions/groups/rules';
import type { TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';
import { clearOfMidnight, dayIn, startStationCloud } from '../support/station';

/* 队伍管理 for a 队长 and a social worker — the real page, real function, real emulator. */
const WORKER = 'demo-worker';
const res = (n: number) => `demo-resident-${n}`;
const LEADER = res(1);
const TAIJI_LEADER = res(6);
let cloud: TestCloud;
let choir: string;
let taiji: string;

const attendanceOf = (day: string) =>
  ((cloud.emulator.dump().attendance ?? []) as { sessionId: string; personId: string }[])
    .filter((a) => a.sessionId === `${choir}~${day}`)
    .map((a) => a.personId)
    .sort();

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [[WORKER, ['worker'], { name: '李社工', phone: '13900009001' }]]);
  const names = ['张桂兰', '李德顺', '王秀英', '赵建国', '刘芳', '陈明'];
  for (const [i, name] of names.entries()) await cloud.ok('users', 'updateProfile', { name, phone: `1390000100${i + 1}` }, res(i + 1));
  await cloud.ok('users', 'setTags', { personId: res(3), tags: ['低保'] }, WORKER);

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
      { name: '福源太极健身队', description: '一起打太极。', serviceArea: '老年人', place: '小广场', schedule: everyDay },
      WORKER,
    )
  ).id;
  for (const p of [LEADER, res(2)]) {
    await cloud.ok('groups', 'apply', { groupId: choir, why: '喜欢唱歌' }, p);
    await cloud.ok('groups', 'approve', { groupId: choir, personId: p }, WORKER);
  }
  await cloud.ok('groups', 'setRole', { groupId: choir, personId: LEADER, role: 'leader' }, WORKER);
  await cloud.ok('groups', 'apply', { groupId: taiji, why: '想锻炼' }, TAIJI_LEADER);
  await cloud.ok('groups', 'addMember', { groupId: taiji, personId: TAIJI_LEADER }, WORKER);
  await cloud.ok('groups', 'setRole', { groupId: taiji, personId: TAIJI_LEADER, role: 'leader' }, WORKER);
  await cloud.ok('groups', 'apply', { groupId: choir, why: '想多认识邻居', experience: '唱过合唱', preferredTimes: '晚上' }, res(3));
  await cloud.ok('groups', 'apply', { groupId: choir }, res(4)); // the reason is optional: some residents can barely type
});
afterAll(() => cloud.close());

test('the 队长 approves one application and declines another with a reason; phones are masked, tags never shown', async () => {
  const page = await openPage(cloud, 'staff/pages/group-admin/index', { openid: LEADER });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.title')).toBe('福源红合唱团');
  expect(page.all('.application')).toHaveLength(2);
  expect(page.text('#application-0')).toContain('王秀英');
  expect(page.text('#application-0')).toContain('139****1003');
  expect(page.text('#application-0')).toContain('为什么加入：想多认识邻居');
  expect(page.text('#application-1')).toContain('为什么加入：（未填写）');
  expect(page.text()).not.toContain('13900001003');
  expect(page.text()).not.toContain('低保');
  // Nor anyone's openid: the 队长's page names people by the group's pseudonyms, and acts on them.
  expect(JSON.stringify(page.data)).not.toMatch(/demo-resident-\d/);

  await page.tap('#approve-0');
  await page.waitFor(() => page.data.applications.length === 1);
  expect(page.toasts).toContainEqual({ title: '王秀英已加入', icon: 'success' });

  await page.tap('#decline-0');
  await page.tap('#confirm-decline');
  expect(page.text('.form__error')).toBe('请写上原因，申请人会看到');
  expect(page.calls.filter((c) => c.data.action === 'decline')).toEqual([]);
  await page.input('#decline-reason', '这一季人满了，下季度欢迎再来');
  await page.tap('#confirm-decline');
  await page.waitFor(() => page.data.applications.length === 0);
  expect(page.text()).toContain('没有待审核的申请');
  expect((await cloud.ok('groups', 'get', { groupId: choir }, res(4))).mine).toMatchObject({
    status: 'declined',
    declineReason: '这一季人满了，下季度欢迎再来',
  });
  expect((await cloud.ok('groups', 'get', { groupId: choir }, res(3))).mine?.status).toBe('approved');
  page.close();
});

test('roll call: the 队长 ticks who came, unticks a mistake, and the practice list counts them', async () => {
  // Today's practice heads the list and tomorrow's cannot be ticked yet: the test stays on one day.
  clearOfMidnight(cloud.clock);
  const today = dayIn(0);
  const page = await openPage(cloud, 'staff/pages/group-admin/index', { openid: LEADER, query: { id: choir } });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#tab-practices');
  await page.waitFor(() => page.data.practices.length > 0);
  expect(page.data.practices[0].day).toBe(today);
  expect(page.exists('#cancel-practice-0')).toBe(false); // staff only

  await page.tap('#practice-0');
  await page.waitFor(() => page.data.roll !== null);
  expect(page.all('.roll__row').map((r) => r.dom!.textContent!.replace(/\s+/g, ''))).toEqual(['○张桂兰未到', '○李德顺未到', '○王秀英未到']);
  await page.tap('#roll-0');
  await page.waitFor(() => page.data.presentCount === 1);
  await page.tap('#roll-2');
  await page.waitFor(() => page.data.presentCount === 2);
  await page.tap('#roll-1');
  await page.waitFor(() => page.data.presentCount === 3);
  await page.tap('#roll-1'); // ticked by mistake
  await page.waitFor(() => page.data.presentCount === 2);
  expect(page.text('.roll__sum')).toBe('到了 2 人，共 3 位队员');
  expect(page.text('#roll-0')).toContain('到了');
  expect(attendanceOf(today)).toEqual([LEADER, res(3)].sort());
  expect(JSON.stringify(page.data)).not.toMatch(/demo-resident-\d/);

  await page.tap('#close-roll');
  await page.waitFor(() => page.data.roll === null && page.data.practices[0]?.presentCount === 2);
  expect(page.text('#practice-0')).toContain('到了 2 人');

  // A practice still to come opens, but cannot be ticked yet.
  const tomorrow = page.data.practices.findIndex((p: { day: string }) => p.day === addDays(today, 1));
  await page.tap(`#practice-${tomorrow}`);
  await page.waitFor(() => page.data.roll !== null);
  expect(page.text('#roll')).toContain('现在不能点名');
  await page.tap('#roll-0');
  expect(page.calls.filter((c) => c.data.action === 'tick')).toHaveLength(3);
  page.close();
});

test('the roster shows roles and each member’s attendance history', async () => {
  const page = await openPage(cloud, 'staff/pages/group-admin/index', { openid: LEADER, query: { id: choir } });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#tab-roster');
  await page.waitFor(() => page.data.members.length === 3);
  expect(page.text('.member')).toContain('队长');
  expect(page.exists('#role-leader-1')).toBe(false); // roles are set by staff
  await page.tap('#member-0');
  await page.waitFor(() => page.data.history !== null);
  expect(page.text('#history')).toContain('张桂兰的出勤');
  expect(page.text('#history')).toContain('参加 1 次，共练习 1 次');
  await page.tap('#close-history');
  expect(page.exists('#history')).toBe(false);
  page.close();
});

test('a 队长 cannot run another group, and a resident without a group is told so', async () => {
  const other = await openPage(cloud, 'staff/pages/group-admin/index', { openid: LEADER, query: { id: taiji } });
  await other.waitFor(() => other.data.state === 'error');
  expect(other.text()).toContain('只有本队的队长、副队长或社工可以管理');
  other.close();

  const none = await openPage(cloud, 'staff/pages/group-admin/index', { openid: res(5) });
  await none.waitFor(() => none.data.state === 'empty');
  expect(none.text()).toContain('您现在没有要管理的队伍');
  none.close();
});

test('a social worker picks a group, names a 副队长 after confirming, and calls off a practice', async () => {
  const today = dayIn(0);
  const page = await openPage(cloud, 'staff/pages/group-admin/index', { openid: WORKER });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.all('.choice__name').map((c) => c.dom!.textContent)).toEqual(['福源红合唱团', '福源太极健身队']);
  await page.tap('#group-0');
  await page.waitFor(() => page.data.group !== null && page.data.state === 'ready');

  await page.tap('#tab-roster');
  await page.waitFor(() => page.data.members.length === 3);
  expect(page.text('.member')).toContain('13900001001'); // staff see the full number
  const wang = page.data.members.findIndex((m: { name: string }) => m.name === '王秀英');
  await page.tap(`#role-deputy-${wang}`);
  expect(page.modals.at(-1)?.content).toBe('把王秀英设为副队长。');
  await page.waitFor(() => page.data.members.find((m: { name: string }) => m.name === '王秀英')?.role === 'deputy');
  const li = page.data.members.findIndex((m: { name: string }) => m.name === '李德顺');
  page.modalAnswer = false;
  await page.tap(`#role-deputy-${li}`);
  expect(page.modals.at(-1)?.content).toBe('把李德顺设为副队长。原副队长王秀英将改为队员。');
  expect(page.data.members.find((m: { name: string }) => m.name === '王秀英')?.role).toBe('deputy');

  await page.tap('#tab-practices');
  await page.waitFor(() => page.data.practices.length > 0);
  const next = page.data.practices.findIndex((p: { day: string }) => p.day === addDays(today, 2));
  await page.tap(`#cancel-practice-${next}`);
  expect(page.modals.at(-1)?.content).toContain('这次不练了吗');
  await page.waitFor(() => page.data.practices[next]?.cancelled === true);
  expect(page.text(`#practice-${next}`)).toContain('停练');
  expect((await cloud.ok('groups', 'get', { groupId: choir }, res(3))).nextPractices.map((p) => p.day)).not.toContain(addDays(today, 2));
  await page.tap(`#restore-practice-${next}`);
  await page.waitFor(() => page.data.practices[next]?.cancelled === false);
  page.close();
});

test('a social worker adds a resident in person (代报名) from the roster', async () => {
  const page = await openPage(cloud, 'staff/pages/group-admin/index', { openid: WORKER, query: { id: taiji } });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#tab-roster');
  await page.waitFor(() => page.data.members.length === 1);
  await page.input('#member-search', '赵建国');
  await page.tap('#search');
  await page.waitFor(() => page.data.searched);
  expect(page.text('.found')).toContain('赵建国');
  expect(page.text('.found')).not.toContain('低保');
  await page.tap('#add-member-0');
  await page.waitFor(() => page.data.members.length === 2);
  expect(page.toasts).toContainEqual({ title: '赵建国已加入', icon: 'success' });
  expect((await cloud.ok('groups', 'get', { groupId: taiji }, res(4))).mine?.status).toBe('approved');
  page.close();
});

test('a social worker starts a new group from 队伍管理, and edits it keeping the called-off days', async () => {
  const today = dayIn(0);
  const admin = await openPage(cloud, 'staff/pages/group-admin/index', { openid: WORKER });
  await admin.waitFor(() => admin.data.state === 'ready');
  await admin.tap('#new-group');
  expect(admin.navigations).toEqual([{ method: 'navigateTo', url: '/staff/pages/group-edit/index' }]);
  admin.close();

  const page = await openPage(cloud, 'staff/pages/group-edit/index', { openid: WORKER });
  await page.waitFor(() => page.data.state === 'ready');
  await page.tap('#save');
  expect(page.text('.form__error')).toBe('请填写队伍名称');
  await page.input('#name', '福源书法队');
  await page.input('#description', '一起练毛笔字。');
  await page.input('#place', '便民大厅一楼');
  await page.tap('#area-0');
  await page.tap('#save');
  expect(page.text('.form__error')).toBe('请选择每周哪几天练习');
  await page.tap('#day-2');
  await page.tap('#day-4');
  await page.input('#start-time', '9：30');
  await page.input('#duration', '90');
  expect(page.calls.filter((c) => c.data.action === 'create')).toEqual([]);
  await page.tap('#save');
  await page.waitFor(() => page.navigations.length > 0);
  const created = (await cloud.ok('groups', 'list', {}, res(5))).find((g) => g.name === '福源书法队')!;
  expect(created).toMatchObject({ serviceArea: '老年人', place: '便民大厅一楼', scheduleText: '每周二、周四 09:30-11:00', indicatorId: null });
  expect(page.navigations).toEqual([{ method: 'redirectTo', url: `/staff/pages/group-admin/index?id=${created.id}` }]);
  page.close();

  const off = addDays(today, 7);
  const g = await cloud.ok('groups', 'get', { groupId: created.id }, WORKER);
  await cloud.ok(
    'groups',
    'update',
    { groupId: created.id, name: g.name, description: g.description, serviceArea: '老年人', place: g.place, schedule: { ...g.schedule, cancelledDays: [off] } },
    WORKER,
  );
  const edit = await openPage(cloud, 'staff/pages/group-edit/index', { openid: WORKER, query: { id: created.id } });
  await edit.waitFor(() => edit.data.state === 'ready');
  expect(edit.data.form).toMatchObject({ name: '福源书法队', weekdays: [2, 4], startTime: '09:30', duration: '90' });
  await edit.tap('#day-6');
  await edit.tap('#save');
  await edit.waitFor(() => edit.navigations.length > 0);
  expect(edit.navigations).toEqual([{ method: 'navigateBack', delta: 1 }]);
  expect((await cloud.ok('groups', 'get', { groupId: created.id }, WORKER)).schedule).toMatchObject({ weekdays: [2, 4, 6], cancelledDays: [off] });
  edit.close();
});
