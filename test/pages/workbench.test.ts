import { TILES, tilesFor } from '../../miniprogram/staff/pages/workbench/tiles';
import type { TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';
import { startStationCloud } from '../support/station';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [
    ['demo-worker', ['worker']],
    ['demo-secretary', ['secretary']],
    ['demo-volunteer', ['volunteer']],
  ]);
});
afterAll(() => cloud.close());

const tileTitles = (page: Awaited<ReturnType<typeof openPage>>) => page.all('.tile__title').map((t) => t.dom!.textContent);
const titlesOf = (ids: string[]) => ids.map((id) => TILES.find((t) => t.id === id)!.title);

/** Staff pages opened from another staff page rather than from a tile. */
const SUB_PAGES = ['/staff/pages/workbench/index', '/staff/pages/group-edit/index', '/staff/pages/work-record/index'];

test('each tile leads to a staff page listed in app.json, and every other staff page has a tile', () => {
  const app = require('../../miniprogram/app.json') as { subPackages: { root: string; pages: string[] }[] };
  const staffPages = app.subPackages.flatMap((p) => p.pages.map((page) => `/${p.root}/${page}`));
  expect(TILES.map((t) => t.url).sort()).toEqual(staffPages.filter((p) => !SUB_PAGES.includes(p)).sort());
});

test.each([
  [
    'demo-worker',
    [
      'roster',
      'activity-edit',
      'notices',
      'service-queue',
      'service-record',
      'group-admin',
      'work-records',
      'volunteer-hours',
      'dashboard',
      'report',
      'people',
    ],
  ],
  ['demo-secretary', ['dashboard', 'report']],
  ['demo-volunteer', ['roster', 'service-record', 'volunteer-hours']],
  ['demo-admin', TILES.map((t) => t.id)],
])('%s sees the tiles of their role', async (openid, expected) => {
  const page = await openPage(cloud, 'staff/pages/workbench/index', { openid });
  await page.waitFor(() => page.data.state === 'ready');
  expect(tileTitles(page)).toEqual(titlesOf(expected));
  page.close();
});

test('a tile opens its page', async () => {
  const page = await openPage(cloud, 'staff/pages/workbench/index', { openid: 'demo-secretary' });
  await page.waitFor(() => page.data.state === 'ready');
  expect(page.text('.hint')).toBe('身份：社区书记');
  await page.tap('#tile-dashboard');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/staff/pages/dashboard/index' }]);
  page.close();
});

test('a resident who lands here is told what the workbench is and led back home', async () => {
  expect(tilesFor(['resident'])).toEqual([]);
  const page = await openPage(cloud, 'staff/pages/workbench/index', { openid: 'demo-resident-8' });
  await page.waitFor(() => page.data.state === 'empty');
  expect(page.all('.tile')).toHaveLength(0);
  expect(page.text()).toContain('工作台是给社工和志愿者用的');
  await page.tap('#state-action');
  expect(page.navigations).toEqual([{ method: 'switchTab', url: '/pages/home/index' }]);
  page.close();
});
