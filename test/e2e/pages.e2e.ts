import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPreview, type PreviewSession } from './support';

/**
 * Every page app.json lists opens in the preview with its data and without an error, as the
 * person it is for; each is photographed in normal and large text (test-results/e2e/page-*.png).
 */
const app = JSON.parse(readFileSync(join(__dirname, '..', '..', 'miniprogram', 'app.json'), 'utf8')) as {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
};
const ROUTES = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
/** demo-admin is also a worker: the one person who may open every staff page. */
const personFor = (route: string) => (route.startsWith('staff/') ? 'demo-admin' : 'demo-resident-1');

let s: PreviewSession;
/** Pages that show one thing open on the first of the demo data's. */
let queries: Record<string, string>;

beforeAll(async () => {
  s = await openPreview();
  const [activity] = await s.cloud.ok('activities', 'list', {}, 'demo-resident-1');
  const [group] = await s.cloud.ok('groups', 'list', {}, 'demo-resident-1');
  queries = { 'pages/activity/index': `?id=${activity.id}`, 'pages/group/index': `?id=${group.id}` };
});
afterAll(() => s?.close());

test.each(ROUTES)('%s opens with its data', async (route) => {
  await s.open(`/${route}${queries[route] ?? ''}`, personFor(route));
  const screen = s.screen();
  expect(await screen.locator('wx-page').getAttribute('data-route')).toBe(route);
  // Nothing reported beside the phone: the page was built, and its code threw nothing.
  expect(await s.page.locator('#problems').textContent()).toBe('');
  // The shared state-view shows neither its spinner nor its "没有加载出来" any more.
  expect(await screen.locator('[class*="state--loading"], [class*="state--error"]').count()).toBe(0);
  expect((await screen.innerText()).trim()).not.toBe('');
  await s.snap(`page-${route.replace(/\//g, '_')}`);
});
