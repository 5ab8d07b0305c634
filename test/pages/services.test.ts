import type { TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';
import { dayIn, startStationCloud } from '../support/station';

/* The resident's service pages: 服务, 申请服务, 我的申请 — real pages, real services function, real emulator. */
const WORKER = 'demo-worker';
const res = (n: number) => `demo-resident-${n}`;
let cloud: TestCloud;

/** The haircut day published below, twelve days after the day it is published on (test clock). */
let day: string;
const on = (hhmm: string) => `${day}T${hhmm}:00+08:00`;

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [[WORKER, ['worker'], { name: '李社工', phone: '13900009001' }]]);
  for (let n = 1; n <= 5; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `1390000100${n}` }, res(n));
});
afterAll(() => cloud.close());

describe('before any haircut day is published', () => {
  test('the 服务 page says the next day is not set yet and still offers the home haircut', async () => {
    const page = await openPage(cloud, 'pages/services/index', { openid: res(1) });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.haircut__none')).toContain('还没定');
    expect(page.exists('#book-haircut')).toBe(false);
    expect(page.text()).toContain('周末课业辅导');
    await page.tap('#ask-homeHaircut');
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/service-request/index?kind=homeHaircut' }]);
    page.close();
  });

  test('the haircut form has nothing to book and leads back to 服务', async () => {
    const page = await openPage(cloud, 'pages/service-request/index', { openid: res(1), query: { kind: 'haircut' } });
    await page.waitFor(() => page.data.state === 'empty');
    expect(page.text()).toContain('下次义剪的日子还没定');
    await page.tap('#state-action');
    expect(page.navigations).toEqual([{ method: 'switchTab', url: '/pages/services/index' }]);
    page.close();
  });
});

describe('with a haircut day published', () => {
  beforeAll(async () => {
    day = dayIn(12);
    await cloud.ok(
      'services',
      'publishHaircutDay',
      {
        place: '便民大厅二楼',
        slots: [
          { startAt: on('09:00'), endAt: on('09:30'), seats: 1 },
          { startAt: on('09:30'), endAt: on('10:00'), seats: 2 },
        ],
      },
      WORKER,
    );
  });

  test('the 服务 page shows the day, each slot’s seats left, and a booking button', async () => {
    const page = await openPage(cloud, 'pages/services/index', { openid: res(1) });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.haircut__date')).toMatch(/月\d+日 周/);
    const texts = (selector: string) => page.all(selector).map((s) => s.dom!.textContent!.trim());
    expect(texts('.slot__time')).toEqual(['09:00–09:30', '09:30–10:00']);
    expect(texts('.slot__left')).toEqual(['还剩 1 个', '还剩 2 个']);
    await page.tap('#book-haircut');
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/service-request/index?kind=haircut' }]);
    page.close();
  });

  test('tapping a time slot on 服务 opens the booking form with that slot already chosen', async () => {
    const page = await openPage(cloud, 'pages/services/index', { openid: res(5) });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.all('.slot__go').map((s) => s.dom!.textContent)).toEqual(['预约 ›', '预约 ›']);
    await page.tap('#slot-1');
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: `/pages/service-request/index?kind=haircut&slot=${day}~0930` }]);
    page.close();

    const form = await openPage(cloud, 'pages/service-request/index', { openid: res(5), query: { kind: 'haircut', slot: `${day}~0930` } });
    await form.waitFor(() => form.data.state === 'ready');
    expect(form.data.form.slotId).toBe(`${day}~0930`);
    expect(form.text('#slot-1')).toContain('●');
    expect(form.text('#slot-0')).toContain('○');
    // Nothing is booked until the resident taps 提交.
    expect(form.calls.filter((c) => c.data.action === 'request')).toEqual([]);
    form.close();
  });

  test('a resident picks a slot and books it; the list of requests opens next', async () => {
    const page = await openPage(cloud, 'pages/service-request/index', { openid: res(1), query: { kind: 'haircut' } });
    await page.waitFor(() => page.data.state === 'ready');
    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请选一个时段');
    expect(page.calls.filter((c) => c.data.action === 'request')).toEqual([]);

    await page.tap('#slot-0');
    expect(page.data.form.slotId).toBe(`${day}~0900`);
    await page.tap('#submit');
    await page.waitFor(() => page.navigations.length > 0);
    expect(page.calls.at(-1)).toEqual({ name: 'services', data: { action: 'request', kind: 'haircut', slotId: `${day}~0900` } });
    expect(page.toasts).toEqual([{ title: '已预约', icon: 'success' }]);
    expect(page.navigations).toEqual([{ method: 'redirectTo', url: '/pages/my-requests/index' }]);
    page.close();
  });

  test('a full slot on 服务 opens nothing, and a full slot handed to the form is not kept', async () => {
    const page = await openPage(cloud, 'pages/services/index', { openid: res(2) });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('#slot-0')).toBe('09:00–09:30已约满');
    await page.tap('#slot-0');
    expect(page.navigations).toEqual([]);
    page.close();

    const form = await openPage(cloud, 'pages/service-request/index', { openid: res(2), query: { kind: 'haircut', slot: `${day}~0900` } });
    await form.waitFor(() => form.data.state === 'ready');
    expect(form.data.form.slotId).toBe('');
    expect(form.text('#slot-0')).toContain('○');
    form.close();
  });

  test('a full slot cannot be picked, and a slot taken meanwhile is refused with fresh seats shown', async () => {
    const page = await openPage(cloud, 'pages/service-request/index', { openid: res(2), query: { kind: 'haircut' } });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('#slot-0')).toContain('已约满');
    await page.tap('#slot-0');
    expect(page.data.form.slotId).toBe('');

    await page.tap('#slot-1');
    // Two others take the last seats of 09:30 while this resident is still looking.
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(3));
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${day}~0930` }, res(4));
    await page.tap('#submit');
    await page.waitFor(() => page.data.formError !== '' && page.data.state === 'ready');
    expect(page.text('.form__error')).toBe('这个时段已经约满了，请选择其他时段');
    expect(page.text('#slot-1')).toContain('已约满');
    expect(page.data.form.slotId).toBe('');
    expect(page.navigations).toEqual([]);
    page.close();
  });

  test('a resident who already booked that day is shown the booking instead of the slots', async () => {
    const page = await openPage(cloud, 'pages/service-request/index', { openid: res(1), query: { kind: 'haircut' } });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.booked__text')).toBe('您已经约了 09:00–09:30。');
    expect(page.exists('#slot-0')).toBe(false);
    expect(page.exists('#submit')).toBe(false);
    page.close();

    const services = await openPage(cloud, 'pages/services/index', { openid: res(1) });
    await services.waitFor(() => services.data.state === 'ready');
    expect(services.text('.haircut__booked')).toBe('✓ 您已约了 09:00–09:30');
    // One slot a day: the rows no longer lead to booking.
    expect(services.exists('.slot__go')).toBe(false);
    await services.tap('#slot-1');
    expect(services.navigations).toEqual([]);
    services.close();
  });

  test('my requests: the booking with its status, and cancelling it only after confirming', async () => {
    const page = await openPage(cloud, 'pages/my-requests/index', { openid: res(1) });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.request__title')).toBe('爱心义剪');
    expect(page.text('.request__status')).toBe('已预约');

    page.modalAnswer = false;
    await page.tap('#cancel-0');
    expect(page.modals[0]).toEqual({ title: '取消爱心义剪', content: expect.stringContaining('名额会让给别人') });
    expect(page.calls.filter((c) => c.data.action === 'cancel')).toEqual([]);

    await page.tap('#cancel-0');
    await page.waitFor(() => page.text('.request__status') === '已取消');
    expect(page.toasts).toEqual([{ title: '已取消', icon: 'success' }]);
    expect(page.exists('#cancel-0')).toBe(false);
    const { haircutDays } = await cloud.ok('services', 'overview', {}, res(5));
    expect(haircutDays[0].slots[0].seatsLeft).toBe(1);
    page.close();
  });
});

describe('asking for tutoring and home visits', () => {
  test('a parent fills in the tutoring form; what is missing is said before anything is sent', async () => {
    const page = await openPage(cloud, 'pages/service-request/index', { openid: res(2), query: { kind: 'tutoring' } });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.privacy')).toContain('不用写全名');
    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请填写孩子的称呼，比如 小明');

    await page.input('#child-name', '小明');
    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请选孩子的年级');
    await page.tap('#grade-2'); // 三年级
    await page.tap('#subject-1'); // 数学
    await page.tap('#subject-2'); // 英语
    await page.tap('#subject-2'); // 英语 again: unticked
    await page.tap('#time-0'); // 周六上午
    expect(page.text('#subject-1')).toBe('✓ 数学');
    await page.input('#note', '应用题比较吃力');
    expect(page.calls.filter((c) => c.data.action === 'request')).toEqual([]);

    await page.tap('#submit');
    await page.waitFor(() => page.navigations.length > 0);
    expect(page.calls.at(-1)?.data).toEqual({
      action: 'request',
      kind: 'tutoring',
      childName: '小明',
      grade: '三年级',
      subjects: ['数学'],
      preferredTimes: ['周六上午'],
      note: '应用题比较吃力',
    });
    expect(page.navigations).toEqual([{ method: 'redirectTo', url: '/pages/my-requests/index' }]);
    page.close();

    const mine = await openPage(cloud, 'pages/my-requests/index', { openid: res(2) });
    await mine.waitFor(() => mine.data.state === 'ready');
    expect(mine.text('.request__summary')).toBe('小明 · 三年级 · 数学 · 周六上午 · 应用题比较吃力');
    expect(mine.text('.request__status')).toBe('等待安排');
    mine.close();
  });

  test('once staff match a tutor, the parent sees the tutor’s name and what staff said', async () => {
    await cloud.ok('users', 'updateProfile', { name: '小周老师', phone: '13900009003' }, 'demo-volunteer');
    await cloud.ok('users', 'setRoles', { personId: 'demo-volunteer', roles: ['volunteer'] }, 'demo-admin');
    const [request] = await cloud.ok('services', 'queue', { kind: 'tutoring' }, WORKER);
    await cloud.ok('services', 'match', { requestId: request.id, volunteerId: 'demo-volunteer', note: '周六上午9点，便民大厅二楼' }, WORKER);
    const page = await openPage(cloud, 'pages/my-requests/index', { openid: res(2) });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.request__status')).toBe('已匹配辅导老师');
    expect(page.text()).toContain('辅导老师：小周老师');
    expect(page.text()).toContain('社工说：周六上午9点，便民大厅二楼');
    page.close();
  });

  test('a resident without a name and phone is sent to fill them in', async () => {
    const page = await openPage(cloud, 'pages/service-request/index', { openid: 'demo-resident-19', query: { kind: 'homeVisit' } });
    await page.waitFor(() => page.data.state === 'ready');
    await page.tap('#support-0');
    await page.tap('#time-1');
    await page.tap('#submit');
    await page.waitFor(() => page.data.formError !== '');
    expect(page.text('.form__error')).toBe('请先填写姓名和联系电话');
    await page.tap('#edit-profile');
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/profile/index' }]);
    page.close();
  });

  test('when the reply is lost, the resident is told to check 我的申请 rather than ask twice', async () => {
    const page = await openPage(cloud, 'pages/service-request/index', { openid: res(3), query: { kind: 'homeHaircut' } });
    await page.waitFor(() => page.data.state === 'ready');
    await page.tap('#time-0');
    page.network = 'lost-reply';
    await page.tap('#submit');
    await page.waitFor(() => page.data.formError !== '');
    expect(page.text('.form__error')).toContain('请到“我的申请”里看一看');
    expect(page.navigations).toEqual([]);
    page.close();
    // It did go through: the request is there, once.
    expect((await cloud.ok('services', 'myRequests', {}, res(3))).filter((r) => r.kind === 'homeHaircut')).toHaveLength(1);
  });

  test('with no requests, my requests says so and leads to the services', async () => {
    const page = await openPage(cloud, 'pages/my-requests/index', { openid: res(5) });
    await page.waitFor(() => page.data.state === 'empty');
    expect(page.text()).toContain('还没有申请过服务');
    await page.tap('#state-action');
    expect(page.navigations).toEqual([{ method: 'switchTab', url: '/pages/services/index' }]);
    page.close();
  });

  test('when the network fails, the 服务 page says so and loads on retry', async () => {
    const page = await openPage(cloud, 'pages/services/index', { openid: res(1), network: 'offline' });
    await page.waitFor(() => page.data.state === 'error');
    expect(page.text()).toContain('网络不太好');
    page.network = 'ok';
    await page.tap('#state-retry');
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.haircut__date')).not.toBe('');
    page.close();
  });
});
