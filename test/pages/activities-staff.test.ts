import tcb from '@cloudbase/node-sdk';
import type { ActivityDoc } from '../../cloudfunctions/activities/rules';
import { localDay } from '../../cloudfunctions/_shared/time';
import { moveTo } from '../activities/helpers';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { openPage, type PageHarness } from '../support/simulate';
import { startStationCloud } from '../support/station';

/* The staff side of activities: 活动通知 (activity-edit) and 报名和签到 (roster) — real pages, real function, real emulator. */
const WORKER = 'demo-worker';
const VOLUNTEER = 'demo-volunteer';
const res = (n: number) => `demo-resident-${n}`;
const hoursFromNow = (h: number) => new Date(nowMs() + h * 3600_000).toISOString();
let cloud: TestCloud;

const activities = () => cloud.emulator.dump().activities as ActivityDoc[];
const change = async (page: PageHarness, selector: string, value: string) => {
  page.all(selector)[0].dispatchEvent('change', { detail: { value } });
  await new Promise((r) => setTimeout(r, 0));
};

async function publish(title: string, over: Record<string, unknown> = {}) {
  const { id } = await cloud.ok(
    'activities',
    'create',
    { title, serviceArea: '社区', place: '便民大厅', capacity: 10, startAt: hoursFromNow(50), endAt: hoursFromNow(52), ...over },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId: id }, WORKER);
  return id;
}

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [
    [WORKER, ['worker'], { name: '李社工', phone: '13900009001' }],
    [VOLUNTEER, ['volunteer'], { name: '小周老师', phone: '13900009003' }],
  ]);
  await cloud.ok('users', 'updateProfile', { name: '张桂兰', phone: '13900001001' }, res(1));
  await cloud.ok('users', 'updateProfile', { name: '李德顺', phone: '13900001002', building: '3号楼' }, res(2));
  await cloud.ok('users', 'updateProfile', { name: '刘芳', phone: '13900001005', household: [{ name: '刘小雨', relation: '女儿' }] }, res(5));
});
afterAll(() => cloud.close());

describe('活动通知', () => {
  test('a worker writes an outing with a safety agreement and publishes it', async () => {
    const page = await openPage(cloud, 'staff/pages/activity-edit/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    const day = localDay(new Date(nowMs() + 10 * 86_400_000));

    await page.input('#title', '金秋老年人秋游');
    await page.tap('#area-0'); // 老年人
    await page.input('#place', '社区南门集合');
    await change(page, '#day-0', day);
    await change(page, '#start-0', '08:30');
    await change(page, '#end-0', '16:00');
    await page.input('#capacity', '15');
    await page.input('#max-party', '1');
    await page.tap('#safety');

    await page.tap('#publish');
    expect(page.text('.form__error')).toBe('请填写安全协议的内容');
    expect(activities()).toHaveLength(0);

    await page.input('#safety-terms', '听从领队安排，不单独行动。');
    await page.tap('#publish');
    await page.waitFor(() => page.data.activity?.status === 'published');
    expect(page.toasts).toContainEqual({ title: '已发布', icon: 'success' });
    expect(activities()[0]).toMatchObject({
      title: '金秋老年人秋游',
      serviceArea: '老年人',
      place: '社区南门集合',
      capacity: 15,
      maxParty: 1,
      safetyAgreement: true,
      safetyTerms: '听从领队安排，不单独行动。',
      status: 'published',
      startAt: new Date(`${day}T08:30:00+08:00`),
      endAt: new Date(`${day}T16:00:00+08:00`),
    });
    await page.tap('#open-roster');
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: `/staff/pages/roster/index?id=${activities()[0]._id}` }]);
    page.close();
  });

  test('a 小组 of several sessions, a week apart, is one notice', async () => {
    const page = await openPage(cloud, 'staff/pages/activity-edit/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    await page.input('#title', '智能机学习小组');
    await page.tap('#series');
    await page.input('#topic-0', '认识手机');
    await page.tap('#add-session');
    await page.tap('#add-session');
    await page.input('#topic-2', '防范诈骗');
    await page.tap('#save');
    await page.waitFor(() => page.data.activity?.status === 'draft');
    const saved = activities().find((a) => a.title === '智能机学习小组')!;
    expect(saved.sessions.map((s) => s.topic)).toEqual(['认识手机', '', '防范诈骗']);
    expect(new Date(saved.sessions[1].startAt).getTime() - new Date(saved.sessions[0].startAt).getTime()).toBe(7 * 86_400_000);
    page.close();
  });

  test('editing refuses a capacity below the seats taken, and calling off asks first', async () => {
    const id = await publish('社区大讲堂');
    await cloud.ok('activities', 'signUp', { activityId: id }, res(1));
    await cloud.ok('activities', 'signUp', { activityId: id }, res(2));
    const page = await openPage(cloud, 'staff/pages/activity-edit/index', { openid: WORKER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.data.form.title).toBe('社区大讲堂');
    await page.input('#capacity', '1');
    await page.tap('#save');
    expect(page.text('.form__error')).toContain('名额不能少于 2');

    page.modalAnswer = false;
    await page.tap('#call-off');
    expect(page.modals.at(-1)?.content).toContain('都会收到取消通知');
    expect(activities().find((a) => a._id === id)?.status).toBe('published');
    await page.tap('#call-off');
    await page.waitFor(() => page.data.activity?.status === 'cancelled');
    expect(page.exists('#save')).toBe(false);
    page.close();
  });
});

describe('报名和签到', () => {
  let id: string;
  beforeAll(async () => {
    id = await publish('亲子游', { serviceArea: '家庭', maxParty: 1, capacity: 3 });
    await cloud.ok('activities', 'signUp', { activityId: id, party: [{ name: '刘小雨', relation: '女儿' }] }, res(5));
    await cloud.ok('activities', 'signUp', { activityId: id }, res(1));
    await cloud.ok('activities', 'signUp', { activityId: id, party: [{ name: '老伴', relation: '配偶' }] }, res(2)); // waits: 1 seat left, 2 needed
  });

  test('without an activity, the worker picks one', async () => {
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    const titles = page.all('.choice__title').map((t) => t.dom!.textContent);
    expect(titles).toContain('亲子游');
    await page.tap(`#choice-${titles.indexOf('亲子游')}`);
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: `/staff/pages/roster/index?id=${id}` }]);
    page.close();
  });

  test("the list to pick from puts today's activity first, then the coming ones soonest first, then the past", async () => {
    const later = await publish('排序·下月义诊', { startAt: hoursFromNow(200), endAt: hoursFromNow(202) });
    const soon = await publish('排序·后天讲座', { startAt: hoursFromNow(48), endAt: hoursFromNow(50) });
    const past = await publish('排序·上周茶话会');
    const today = await publish('排序·今天手工课');
    await moveTo(cloud, past, -24 * 7);
    await moveTo(cloud, today, 0);
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    const ids = (page.data.choices as { id: string }[]).map((c) => c.id).filter((i) => [later, soon, past, today].includes(i));
    expect(ids).toEqual([today, soon, later, past]);
    expect(page.all('.choice__title')[0].dom!.textContent).toBe('排序·今天手工课');
    page.close();
  });

  test('the roster shows everyone with status and phone; scanning and ticking check people in', async () => {
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.data.rows.map((r: { name: string; statusText: string }) => [r.name, r.statusText])).toEqual([
      ['刘芳', '已报名'],
      ['张桂兰', '已报名'],
      ['李德顺', '候补中'],
    ]);
    expect(page.text('#row-0')).toContain('13900001005');
    expect(page.text('#row-0')).toContain('刘小雨（女儿）');
    // The page knows people only by the roster's ids: no openid reaches it.
    expect(JSON.stringify(page.data)).not.toContain('demo-resident');

    const { checkinCode } = await cloud.ok('users', 'me', {}, res(5));
    page.scanResult = checkinCode;
    await page.tap('#scan');
    await page.waitFor(() => page.data.counts.people === 1);
    expect(page.toasts).toContainEqual({ title: '刘芳 签到成功', icon: 'success' });
    expect(page.text('.head__count')).toContain('共 2 人次');

    page.scanResult = 'WRONGCODE';
    await page.tap('#scan');
    await page.waitFor(() => page.modals.length === 1);
    expect(page.modals[0]).toMatchObject({ title: '没有签上', content: expect.stringContaining('没有找到这个签到码') });

    page.scanResult = null; // the worker closes the camera
    await page.tap('#scan');
    expect(page.modals).toHaveLength(1);

    await page.tap('#tick-1');
    await page.waitFor(() => page.data.counts.people === 2);
    await page.tap('#untick-1');
    await page.waitFor(() => page.data.counts.people === 1);
    expect(page.modals.at(-1)?.content).toBe('撤销 张桂兰 的签到吗？');

    page.actionSheetPick = '打电话';
    await page.tap('#more-0');
    await page.waitFor(() => page.phoneCalls.length === 1);
    expect(page.phoneCalls).toEqual(['13900001005']);
    page.close();
  });

  test('a code the resident reads out is typed in: with or without the space, any case, as scanning', async () => {
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    const people = page.data.counts.people;
    const { checkinCode } = await cloud.ok('users', 'me', {}, res(1));
    const read = `${checkinCode.slice(0, 4)} ${checkinCode.slice(4)}`.toLowerCase(); // as 我的 shows it, typed in small letters

    await page.input('#code', 'ab');
    await page.tap('#code-check-in');
    expect(page.toasts.at(-1)).toEqual({ title: '请输入居民念的签到码', icon: 'none' });
    expect(page.calls.filter((c) => c.data.action === 'checkIn')).toEqual([]);

    await page.input('#code', read);
    await page.tap('#code-check-in');
    await page.waitFor(() => page.data.counts.people === people + 1);
    expect(page.calls.find((c) => c.data.action === 'checkIn')?.data).toEqual({
      action: 'checkIn',
      activityId: id,
      code: checkinCode,
      sessionId: page.data.sessionId,
    });
    expect(page.toasts.at(-1)).toEqual({ title: '张桂兰 签到成功', icon: 'success' });
    expect(page.data.code).toBe(''); // ready for the next resident

    await page.input('#code', checkinCode);
    await page.tap('#code-check-in');
    // The toast comes before the page re-reads the roster and clears the box: wait for both.
    await page.waitFor(() => page.toasts.at(-1)?.title === '张桂兰 已经签过了' && page.data.code === '');
    expect(page.toasts.at(-1)?.icon).toBe('none');

    await page.input('#code', 'WRONG 2345');
    await page.tap('#code-check-in');
    await page.waitFor(() => page.modals.length === 1);
    expect(page.modals[0]).toMatchObject({ title: '没有签上', content: expect.stringContaining('没有找到这个签到码') });
    expect(page.data.code).toBe('WRONG 2345'); // kept, to correct a letter

    // Back as it was for the tests below.
    await page.tap('#untick-1');
    await page.waitFor(() => page.data.counts.people === people);
    page.close();
  });

  test('the filter box finds one person by name, phone digits or building, without asking the cloud again', async () => {
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    const calls = page.calls.length;
    const names = () => page.all('.entry__name').map((n) => n.dom!.textContent);
    expect(names()).toEqual(['刘芳', '张桂兰', '李德顺']);

    await page.input('#filter', '张');
    expect(names()).toEqual(['张桂兰']);
    expect(page.exists('#tick-0')).toBe(true); // 签到 on the person's own line
    await page.input('#filter', '1002');
    expect(names()).toEqual(['李德顺']);
    await page.input('#filter', '3号楼');
    expect(names()).toEqual(['李德顺']);
    expect(page.text('#row-0')).toContain('3号楼');
    await page.input('#filter', '小雨'); // a family member finds the one who signed up
    expect(names()).toEqual(['刘芳']);
    await page.input('#filter', '王');
    expect(names()).toEqual([]);
    expect(page.text('#filter-none')).toContain('名单上没有找到“王”');
    await page.input('#filter', '');
    expect(names()).toEqual(['刘芳', '张桂兰', '李德顺']);
    expect(page.calls.length).toBe(calls);
    page.close();
  });

  test('更多: calling and withdrawing sit behind an action sheet; withdrawing still asks first', async () => {
    const talk = await publish('社区义诊');
    await cloud.ok('activities', 'signUp', { activityId: talk }, res(1));
    await cloud.ok('activities', 'signUp', { activityId: talk }, res(2));
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id: talk } });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.exists('#call-0')).toBe(false);
    expect(page.exists('#withdraw-0')).toBe(false);

    await page.tap('#more-0'); // closed with 取消
    expect(page.actionSheets).toEqual([['打电话 13900001001', '取消报名']]);
    expect(page.modals).toEqual([]);

    page.actionSheetPick = '取消报名';
    page.modalAnswer = false;
    await page.tap('#more-0');
    await page.waitFor(() => page.modals.length === 1);
    expect(page.modals[0]).toMatchObject({ title: '取消报名', content: expect.stringContaining('替 张桂兰 取消报名吗') });
    expect(page.data.rows[0].status).toBe('registered');

    page.actionSheetPick = '取消报名';
    await page.tap('#more-0');
    await page.waitFor(() => page.data.rows.some((r: { status: string }) => r.status === 'cancelled'));
    expect(page.toasts).toContainEqual({ title: '已取消报名', icon: 'success' });

    // Someone checked in can no longer be withdrawn: 更多 only calls.
    await page.tap('#tick-0');
    await page.waitFor(() => page.data.counts.people === 1);
    const row = page.data.shown.findIndex((r: { checkedIn: boolean }) => r.checkedIn);
    await page.tap(`#more-${row}`);
    expect(page.actionSheets.at(-1)).toEqual(['打电话 13900001002']);
    page.close();
  });

  test('moving a family off the waitlist when it does not fit asks to add seats', async () => {
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    await page.tap('#promote-2');
    await page.waitFor(() => page.data.rows[2]?.status === 'registered');
    expect(page.modals[0]).toMatchObject({ title: '名额已满', content: expect.stringContaining('一行 2 人，还差 2 个名额') });
    expect(activities().find((a) => a._id === id)).toMatchObject({ capacity: 5, seatsTaken: 5 });
    page.close();
  });

  test('代报名: a resident found by name, and one without WeChat', async () => {
    const id2 = await publish('冬至包饺子', { capacity: 30 });
    await cloud.ok('users', 'updateProfile', { name: '孙淑珍', phone: '13900001007' }, res(7));
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id: id2 } });
    await page.waitFor(() => page.data.state === 'ready');

    await page.input('#query', '孙淑珍');
    await page.tap('#search');
    await page.waitFor(() => page.data.found.length === 1);
    await page.tap('#proxy-0');
    await page.waitFor(() => page.data.rows.length === 1);
    expect(page.data.rows[0]).toMatchObject({ name: '孙淑珍', proxy: true, status: 'registered' });

    await page.input('#offline-name', '田大爷');
    await page.tap('#offline-sign-up');
    await page.waitFor(() => page.data.rows.length === 2);
    expect(page.data.rows[1]).toMatchObject({ name: '田大爷', offline: true, proxy: true, phone: '' });
    expect(page.text('#row-1')).toContain('无微信');
    page.close();
  });

  test('the roster and the sign-in sheet open as .xlsx files', async () => {
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    await page.tap('#export-signin');
    await page.waitFor(() => page.documents.length === 1);
    // Downloaded from cloud storage by the link the function gave, into the app's folder, and opened.
    expect(page.documents[0].filePath).toBe('wxfile://usr/亲子游-签到表.xlsx');
    // An .xlsx is a zip: it starts with PK.
    expect(page.documents[0].bytes.subarray(0, 2).toString()).toBe('PK');
    page.close();
  });

  test('a volunteer at the door checks in, sees phones masked, and has no staff-only buttons', async () => {
    await moveTo(cloud, id, 1); // the day of the activity: volunteers work its door only then
    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: VOLUNTEER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('#row-1')).toContain('139****1001');
    expect(page.exists('#export-roster')).toBe(false);
    expect(page.exists('#offline-sign-up')).toBe(false);
    expect(page.text()).not.toContain('3号楼'); // the building, like the full phone, stays with staff
    expect(page.exists('#more-0')).toBe(false);
    expect(page.exists('#code')).toBe(true);
    await page.tap('#tick-1');
    await page.waitFor(() => page.data.counts.people === 2);
    expect(JSON.stringify(page.data)).not.toContain('demo-resident');
    page.close();
  });

  test('after the session the rest are marked no-show', async () => {
    // The activity took place three hours ago (test setup: straight to the database).
    const a = activities().find((x) => x._id === id)!;
    const shift = nowMs() - 3 * 3600_000 - new Date(a.startAt).getTime();
    const move = (d: Date) => new Date(new Date(d).getTime() + shift);
    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    await db
      .collection('activities')
      .doc(id)
      .update({
        sessions: db.command.set(a.sessions.map((s) => ({ ...s, startAt: move(s.startAt), endAt: move(s.endAt) }))),
        startAt: move(a.startAt),
        endAt: move(a.endAt),
        signUpDeadline: move(a.signUpDeadline),
      });

    const page = await openPage(cloud, 'staff/pages/roster/index', { openid: WORKER, query: { id } });
    await page.waitFor(() => page.data.state === 'ready');
    await page.tap('#mark-no-shows');
    await page.waitFor(() => page.data.rows.some((r: { statusText: string }) => r.statusText === '缺席'));
    expect(page.data.rows.map((r: { name: string; statusText: string }) => [r.name, r.statusText])).toEqual([
      ['刘芳', '已签到 2 人'],
      ['张桂兰', '已签到 1 人'],
      ['李德顺', '缺席'],
    ]);
    page.close();
  });
});
