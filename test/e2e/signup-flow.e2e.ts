import { readFileSync } from 'node:fs';
import { openPreview, type PreviewSession } from './support';

/**
 * The product's main path in the real mini-program, as people use it in the browser preview:
 * a resident adds a family member and signs up with them, sees it under 我的活动; a worker
 * checks them in at the door; the secretary sees the counts change. Each step is checked
 * against what the cloud functions hold, and photographed in normal and large text.
 */
const RESIDENT = 'demo-resident-1';
// Not a seeded activity's title, so every text match below is about this one.
const TITLE = '邻里手工课 做香包';
let s: PreviewSession;
let activityId: string;
/** This month's 受益人次 before anyone came: the seeded demo data already has some. */
let visitsBefore: number;

/** The dashboard's figures for the new activity, as the stats function reports them. */
async function board() {
  const data = await s.cloud.ok('stats', 'dashboard', {}, 'demo-secretary');
  return { seatsTaken: data.upcoming.find((a) => a.id === activityId)?.seatsTaken, visits: data.thisMonth.visits };
}

beforeAll(async () => {
  s = await openPreview({ path: '/pages/mine/index' });
  // The worker's notice, posted through the function (activity-edit is tested on its own):
  // today, so the door check-in and this month's figures both apply.
  const start = new Date(s.cloud.clock.nowMs() + 30 * 60_000);
  ({ id: activityId } = await s.cloud.ok(
    'activities',
    'create',
    {
      title: TITLE,
      serviceArea: '老年人',
      place: '社工站活动室',
      capacity: 20,
      maxParty: 2,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    },
    'demo-worker',
  ));
  await s.cloud.ok('activities', 'publish', { activityId }, 'demo-worker');
});
afterAll(() => s?.close());

test('the secretary sees the new activity with no one signed up yet', async () => {
  await s.as('demo-secretary');
  await s.see('王书记');
  await s.screen().getByText('工作台').click();
  await (await s.see('数据看板')).click();
  await s.see(TITLE);
  const now = await board();
  expect(now).toMatchObject({ seatsTaken: 0 });
  visitsBefore = now.visits;
  await s.see('已报 0 / 名额 20');
  await s.snap('01-secretary-dashboard-before');
});

test('a resident agrees to the privacy guide, then adds a family member on 个人资料', async () => {
  await s.as(RESIDENT);
  await s.page.locator('#mp-home').click();
  await s.page.locator('#mp-tabbar').getByText('我的').click();
  await s.see('张桂兰');
  await s.snap('02-resident-mine');
  await s.screen().getByText('个人资料', { exact: true }).click();
  // First time personal data is asked for: WeChat's privacy authorization, through the app's sheet.
  await s.see('先说说您的资料怎么用');
  await s.snap('03-resident-privacy');
  await s.screen().getByText('同意，继续').click();
  await s.screen().getByPlaceholder('家人的姓名').fill('张小明');
  await s.screen().getByPlaceholder('如 儿子、老伴').fill('孙子');
  await s.screen().getByText('添加这位家人').click();
  await s.see('已添加');
  expect((await s.cloud.ok('users', 'me', {}, RESIDENT)).household).toEqual([{ name: '张小明', relation: '孙子' }]);
  await s.snap('04-resident-profile-family');
});

test('the resident signs up for the activity with that family member', async () => {
  await s.page.locator('#mp-back').click();
  await s.page.locator('#mp-tabbar').getByText('活动').click();
  await (await s.see(TITLE)).click();
  await s.see('带家人一起来（最多 2 位）');
  await s.snap('05-resident-activity');
  await s.screen().getByText('张小明（孙子）').click();
  await s.screen().getByText('确认报名').click();
  await s.see('您已报名成功');
  await s.see('共 20 个名额，已报 2 个，还剩 18 个');
  const detail = await s.cloud.ok('activities', 'get', { activityId }, RESIDENT);
  expect(detail.mine).toMatchObject({ status: 'registered', seats: 2, party: [{ name: '张小明', relation: '孙子' }] });
  await s.snap('06-resident-signed-up');
});

test('the resident finds it under 我的活动', async () => {
  await s.page.locator('#mp-back').click();
  await s.page.locator('#mp-tabbar').getByText('我的').click();
  await s.screen().getByText('我的活动', { exact: true }).click();
  await s.see(TITLE);
  await s.see('报名人：本人、张小明（孙子）');
  await s.snap('07-resident-my-activities');
});

test('a worker checks them in at the door by scanning the resident’s code', async () => {
  const { checkinCode } = await s.cloud.ok('users', 'me', {}, RESIDENT);
  await s.as('demo-worker');
  await s.page.locator('#mp-home').click();
  await s.page.locator('#mp-tabbar').getByText('我的').click();
  await s.screen().getByText('工作台').click();
  await (await s.see('报名和签到')).click();
  await (await s.see(TITLE)).click();
  await s.see('本次已签到 0 / 1 人，共 0 人次');
  await s.snap('08-worker-roster');
  await s.screen().getByText('扫码签到').click();
  // The preview's scanner offers the codes of those signed up for this activity first.
  await s.page.locator('.mp-sheet').getByText(`已报名 · 张桂兰  ${checkinCode}`).click();
  await s.see('张桂兰 签到成功');
  await s.see('本次已签到 1 / 1 人，共 2 人次');
  const roster = await s.cloud.ok('activities', 'roster', { activityId }, 'demo-worker');
  expect(roster).toEqual([expect.objectContaining({ name: '张桂兰', attendance: [expect.objectContaining({ headcount: 2 })] })]);
  // The door's list names people by its own ids, never by their WeChat openid.
  expect(JSON.stringify(roster)).not.toContain(RESIDENT);
  await s.snap('09-worker-checked-in');
});

test('the worker downloads the 签到表 the function wrote', async () => {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.screen().getByText('导出签到表').click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}-签到表.xlsx`);
  // An .xlsx is a zip: it starts with "PK".
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
});

test('the resident’s 我的活动 shows the check-in', async () => {
  await s.as(RESIDENT);
  await s.page.locator('#mp-home').click();
  await s.page.locator('#mp-tabbar').getByText('我的').click();
  await s.screen().getByText('我的活动', { exact: true }).click();
  await s.see(TITLE);
  await s.see('已签到');
  await s.snap('10-resident-attended');
});

test('the secretary sees the sign-up and the two people served counted', async () => {
  const before = await board();
  await s.as('demo-secretary');
  await s.page.locator('#mp-home').click();
  await s.page.locator('#mp-tabbar').getByText('我的').click();
  await s.screen().getByText('工作台').click();
  await (await s.see('数据看板')).click();
  await s.see('已报 2 / 名额 20');
  // 受益人次 counts attendance, not sign-ups: the resident and the grandson who came.
  expect(before).toMatchObject({ seatsTaken: 2, visits: visitsBefore + 2 });
  expect(await s.screen().locator('#this-month').textContent()).toContain(`${before.visits}受益人次`);
  await s.snap('11-secretary-dashboard-after');
});
