import type { TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';
import { startStationCloud } from '../support/station';

/* What a resident types is stored as typed and shown as text to the people who read it, never as markup. */
const WORKER = 'demo-worker';
const TYPED = '<script>alert(1)</script><b>想唱歌</b> 😀';
let cloud: TestCloud;
let choir: string;

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [[WORKER, ['worker']]]);
  await cloud.ok('users', 'updateProfile', { name: '<i>小明</i>', phone: '13900001234' }, 'demo-resident-1');
  const schedule = { weekdays: [3], startTime: '19:00', durationMinutes: 90 };
  choir = (
    await cloud.ok('groups', 'create', { name: '福源红合唱团', description: '一起唱歌。', serviceArea: '社区', place: '便民大厅二楼', schedule }, WORKER)
  ).id;
  await cloud.ok('groups', 'apply', { groupId: choir, why: TYPED }, 'demo-resident-1');
});
afterAll(() => cloud.close());

test('an application with markup in it reaches the worker as the same text, not as elements', async () => {
  const stored = (cloud.emulator.dump().memberships as { application?: { why: string } }[])[0];
  expect(stored.application?.why).toBe(TYPED);

  const page = await openPage(cloud, 'staff/pages/group-admin/index', { openid: WORKER, query: { id: choir } });
  await page.waitFor(() => page.data.state === 'ready' && page.all('.application').length === 1);
  const card = page.all('.application')[0].dom!;
  expect(card.textContent).toContain(`为什么加入：${TYPED}`);
  expect(card.textContent).toContain('<i>小明</i>');
  expect(card.querySelectorAll('script, b, i')).toHaveLength(0);
});
