import { localMonth } from '../../cloudfunctions/_shared/time';
import type { TestCloud } from '../support/cloud';
import { openPage, type PageHarness } from '../support/simulate';
import { clearOfMidnight, dayIn, startStationCloud } from '../support/station';

/* Staff changing things after the fact — which indicator a service counts toward, a haircut day's
   seats or the whole day, a record made by mistake — on the real pages, functions and emulator. */
const ADMIN = 'chg-admin';
const WORKER = 'chg-worker';
const SECRETARY = 'chg-secretary';
const res = (n: number) => `chg-resident-${n}`;
let cloud: TestCloud;

/** The haircut day published below, nine days after the day it is published on (test clock). */
let haircutDay: string;

type Doc = Record<string, unknown> & { _id: string };
const docs = (collection: string) => (cloud.emulator.dump()[collection] ?? []) as Doc[];

/** A native <picker>'s choice, as WeChat reports it. */
async function pick(page: PageHarness, selector: string, value: string | number) {
  page.all(selector)[0].dispatchEvent('change', { detail: { value } });
  await new Promise((r) => setTimeout(r, 0));
}

beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [
    [WORKER, ['worker'], { name: '王社工', phone: '13900008001' }],
    [SECRETARY, ['secretary'], { name: '张书记', phone: '13900008002' }],
  ]);
  for (let n = 1; n <= 4; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `1390000800${n + 2}` }, res(n));
  await cloud.ok(
    'stats',
    'setPlan',
    {
      title: '测试项目',
      // From the first of this month (on the test clock) to 200 days on: the services below count in it.
      from: `${localMonth(cloud.clock.now())}-01`,
      to: dayIn(200),
      indicators: [
        { id: 'elderly-visits', name: '老年人上门服务', serviceArea: '老年人', plannedSessions: 80, plannedVisits: 80 },
        { id: 'community-care', name: '社区关爱活动', serviceArea: '社区', plannedSessions: 10, plannedVisits: 200 },
      ],
      monthlyTargets: [],
    },
    ADMIN,
  );
});
afterAll(() => cloud.close());

describe('计划指标: which indicator each service counts toward', () => {
  test('the lead picks an indicator per kind; it is stored, and a service recorded afterwards carries it', async () => {
    const today = dayIn(0);
    const page = await openPage(cloud, 'staff/pages/plan/index', { openid: ADMIN });
    await page.waitFor(() => page.data.state === 'ready', 'plan loaded');
    expect(page.text('#kind-indicators')).toContain('服务计入哪个指标');
    expect(page.all('.kind__title').map((n) => n.dom?.textContent)).toEqual(['爱心义剪', '上门义剪', '周末课业辅导', '一对一上门服务']);
    expect(page.data.kindChoices).toEqual(['老年人上门服务', '社区关爱活动', '不计入（拓展服务）']);
    expect(page.text('#kind-indicator-3')).toBe('计入：不计入（拓展服务）');

    await pick(page, '#kind-indicator-3', 0);
    await page.waitFor(() => page.toasts.length === 1, 'saved');
    expect(page.toasts).toEqual([{ title: '已保存', icon: 'success' }]);
    expect(page.text('#kind-indicator-3')).toBe('计入：老年人上门服务');
    await pick(page, '#kind-indicator-0', 1);
    await page.waitFor(() => page.toasts.length === 2, 'saved');
    await pick(page, '#kind-indicator-0', 2);
    await page.waitFor(() => page.toasts.length === 3, 'saved');
    expect(page.calls.filter((c) => c.data.action === 'setKindIndicator').map((c) => c.data)).toEqual([
      { action: 'setKindIndicator', kind: 'homeVisit', indicatorId: 'elderly-visits' },
      { action: 'setKindIndicator', kind: 'haircut', indicatorId: 'community-care' },
      { action: 'setKindIndicator', kind: 'haircut', indicatorId: null },
    ]);
    page.close();

    const kinds = await cloud.ok('services', 'kinds', {}, WORKER);
    expect(kinds.map((k) => [k.id, k.indicatorId])).toEqual([
      ['haircut', null],
      ['homeHaircut', null],
      ['tutoring', null],
      ['homeVisit', 'elderly-visits'],
    ]);
    const visit = await cloud.ok(
      'services',
      'recordService',
      { kind: 'homeVisit', personId: res(1), at: `${today}T07:00:00+08:00`, minutes: 40, support: ['情感陪伴'] },
      WORKER,
    );
    expect(docs('attendance').filter((a) => a.sessionId === visit.id)).toEqual([expect.objectContaining({ personId: res(1), indicatorId: 'elderly-visits' })]);
    const cut = await cloud.ok('services', 'recordService', { kind: 'haircut', personId: res(1), at: `${today}T07:00:00+08:00`, minutes: 20 }, WORKER);
    expect(docs('attendance').find((a) => a.sessionId === cut.id)?.indicatorId).toBeNull();
  });

  test('the secretary reads the plan without the service settings, which only staff change', async () => {
    const page = await openPage(cloud, 'staff/pages/plan/index', { openid: SECRETARY });
    await page.waitFor(() => page.data.state === 'ready', 'plan loaded');
    expect(page.exists('#kind-indicators')).toBe(false);
    expect(page.calls.map((c) => c.data.action)).not.toContain('kinds');
    page.close();
  });
});

describe('服务申请: a haircut day changed or called off', () => {
  beforeAll(async () => {
    haircutDay = dayIn(9);
    await cloud.ok(
      'services',
      'publishHaircutDay',
      {
        place: '便民大厅二楼',
        slots: [
          { startAt: `${haircutDay}T09:00:00+08:00`, endAt: `${haircutDay}T09:30:00+08:00`, seats: 2 },
          { startAt: `${haircutDay}T09:30:00+08:00`, endAt: `${haircutDay}T10:00:00+08:00`, seats: 2 },
        ],
      },
      WORKER,
    );
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${haircutDay}~0900` }, res(2));
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${haircutDay}~0900` }, res(3));
  });

  test('a worker changes a slot’s seats, confirmed first; below its bookings is refused with the reason', async () => {
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: WORKER });
    await page.waitFor(() => page.data.listState === 'ready');
    expect(page.all('.slot__text').map((n) => n.dom?.textContent)).toEqual(['09:00–09:30 · 名额 2 · 已约 2', '09:30–10:00 · 名额 2 · 已约 0']);

    await page.tap('#seats-0');
    await page.input('#seats-value', '1');
    await page.tap('#seats-save');
    await page.waitFor(() => page.data.dayEdit.error !== '');
    expect(page.modals[0]).toEqual({ title: '修改名额', content: '09:00–09:30 的名额改为 1 个（已约 2 人）' });
    expect(page.text('.form__error')).toBe('这个时段已经有 2 人预约了，名额不能少于 2 个');

    await page.input('#seats-value', '4');
    page.modalAnswer = false;
    await page.tap('#seats-save');
    expect(page.calls.filter((c) => c.data.action === 'setSlotSeats')).toHaveLength(1);
    page.modalAnswer = true;
    await page.tap('#seats-save');
    await page.waitFor(() => page.toasts.length > 0 && page.data.state === 'ready' && page.data.listState === 'ready');
    expect(page.toasts).toEqual([{ title: '名额已修改', icon: 'success' }]);
    expect(page.text('.slot__text')).toContain('09:00–09:30 · 名额 4 · 已约 2');
    page.close();
  });

  test('a worker calls the day off with a reason: confirmed first, every booking cancelled and each resident told', async () => {
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: WORKER });
    await page.waitFor(() => page.data.listState === 'ready');
    await page.tap('#cancel-day');
    await page.tap('#cancel-day-submit');
    expect(page.text('.form__error')).toBe('请写一下取消的原因，居民会收到');
    await page.input('#cancel-reason', '理发师临时有事');

    page.modalAnswer = false;
    await page.tap('#cancel-day-submit');
    expect(page.modals[0].content).toBe('已预约的 2 位居民的预约都会取消，并收到通知：理发师临时有事');
    expect(page.calls.filter((c) => c.data.action === 'cancelHaircutDay')).toEqual([]);

    page.modalAnswer = true;
    await page.tap('#cancel-day-submit');
    await page.waitFor(() => page.toasts.length > 0 && page.data.state === 'ready');
    expect(page.toasts).toEqual([{ title: '已取消这一天', icon: 'success' }]);
    expect(page.data.haircutDays).toEqual([]);
    expect(page.text()).toContain('还没有发布下次义剪');
    expect(
      docs('outbox')
        .map((o) => [o.kind, o.personId])
        .sort(),
    ).toEqual([
      ['haircutCancelled', res(2)],
      ['haircutCancelled', res(3)],
    ]);
    const [mine] = await cloud.ok('services', 'myRequests', {}, res(2));
    expect(mine).toMatchObject({ status: 'cancelled', staffNote: '义剪取消：理发师临时有事' });
    page.close();
  });
});

describe('服务记录: a service recorded by mistake', () => {
  test('the worker deletes it from the recent list, confirmed first: it stops counting and its request comes back', async () => {
    // Scheduled for 23:00 today, then recorded on the page's today: the test needs the rest of the day.
    clearOfMidnight(cloud.clock);
    const today = dayIn(0);
    const asked = await cloud.ok('services', 'request', { kind: 'homeHaircut', preferredTimes: ['工作日上午'] }, res(4));
    await cloud.ok('services', 'schedule', { requestId: asked.id, at: `${today}T23:00:00+08:00` }, WORKER);
    const page = await openPage(cloud, 'staff/pages/service-record/index', {
      openid: WORKER,
      query: { kind: 'homeHaircut', requestId: encodeURIComponent(asked.id) },
    });
    await page.waitFor(() => page.data.state === 'ready' && page.data.form.requestId === asked.id);
    await pick(page, '#time', '08:00');
    await page.tap('#submit');
    await page.waitFor(() => page.toasts.length > 0 && page.data.candidates.length === 0);
    const recordId = page.data.recent[0].id as string;
    expect(docs('attendance').filter((a) => a.sessionId === recordId)).toHaveLength(1);

    page.modalAnswer = false;
    await page.tap('#delete-0');
    expect(page.modals[0]).toEqual({ title: '删除这条服务记录', content: expect.stringContaining('删除后不再计入受益人次和志愿服务时长') });
    expect(page.calls.filter((c) => c.data.action === 'deleteRecord')).toEqual([]);

    page.modalAnswer = true;
    await page.tap('#delete-0');
    await page.waitFor(() => page.toasts.length === 2 && page.data.candidates.length === 1);
    expect(page.toasts[1]).toEqual({ title: '已删除', icon: 'success' });
    expect(page.exists('.recent')).toBe(false);
    expect(page.data.candidates[0].id).toBe(asked.id);
    expect(docs('attendance').filter((a) => a.sessionId === recordId)).toEqual([]);
    expect(docs('serviceRecords').filter((r) => r._id === recordId)).toEqual([]);
    page.close();
  });
});
