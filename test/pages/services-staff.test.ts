import type { TestCloud } from '../support/cloud';
import { openPage, type PageHarness } from '../support/simulate';
import { clearOfMidnight, dayIn, startStationCloud } from '../support/station';

/* The staff's service pages: 服务申请 (queues), 服务记录, 志愿时长 — real pages, functions and emulator. */
const WORKER = 'demo-worker';
const TUTOR = 'demo-volunteer';
const res = (n: number) => `demo-resident-${n}`;
let cloud: TestCloud;

/** The haircut day published below, twenty days after the day it is published on (test clock). */
let haircutDay: string;

/** A native <picker>'s choice, as WeChat reports it. */
async function pick(page: PageHarness, selector: string, value: string) {
  page.all(selector)[0].dispatchEvent('change', { detail: { value } });
  await new Promise((r) => setTimeout(r, 0));
}

const attendance = () => (cloud.emulator.dump().attendance ?? []) as Array<{ sourceId: string; personId: string; headcount: number }>;

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [
    [WORKER, ['worker'], { name: '李社工', phone: '13900009001' }],
    [TUTOR, ['volunteer'], { name: '小周老师', phone: '13900009003' }],
  ]);
  for (let n = 1; n <= 4; n++) await cloud.ok('users', 'updateProfile', { name: `居民${n}`, phone: `1390000100${n}`, building: `${n}号楼` }, res(n));
});
afterAll(() => cloud.close());

describe('服务申请 (the queues)', () => {
  test('a worker publishes a haircut day: the form says what is missing, a day is published once', async () => {
    haircutDay = dayIn(20);
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready' && page.data.listState !== 'loading');
    expect(page.text()).toContain('还没有发布下次义剪');

    await page.tap('#toggle-plan');
    await page.tap('#publish');
    expect(page.text('.form__error')).toBe('请选日期');
    await pick(page, '#plan-day', haircutDay);
    await page.input('#plan-count', '3');
    await page.input('#plan-seats', '2');
    await page.tap('#publish');
    await page.waitFor(() => page.toasts.length > 0 && page.data.state === 'ready');
    expect(page.toasts).toEqual([{ title: '已发布', icon: 'success' }]);
    expect(page.data.haircutDays.map((d: { day: string }) => d.day)).toEqual([haircutDay]);

    const { haircutDays } = await cloud.ok('services', 'overview', {}, res(1));
    expect(haircutDays[0].slots.map((s) => [s.id, s.seats])).toEqual([
      [`${haircutDay}~0900`, 2],
      [`${haircutDay}~0930`, 2],
      [`${haircutDay}~1000`, 2],
    ]);

    await page.tap('#toggle-plan');
    await pick(page, '#plan-day', haircutDay);
    await page.tap('#publish');
    await page.waitFor(() => page.data.planError !== '');
    expect(page.text('.form__error')).toContain('已经发布过义剪了');
    page.close();
  });

  test('the haircut queue lists the day’s bookings with a way to call the resident', async () => {
    await cloud.ok('services', 'request', { kind: 'haircut', slotId: `${haircutDay}~0930` }, res(1));
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: WORKER });
    await page.waitFor(() => page.data.listState === 'ready');
    expect(page.text('.request__name')).toBe('居民1');
    expect(page.text('.request__summary')).toContain('09:30–10:00');
    await page.tap('#call-0');
    expect(page.phoneCalls).toEqual(['13900001001']);
    page.close();
  });

  test('a worker matches a volunteer tutor to a tutoring request', async () => {
    await cloud.ok('services', 'request', { kind: 'tutoring', childName: '小明', grade: '三年级', subjects: ['数学'], preferredTimes: ['周六上午'] }, res(2));
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: WORKER, query: { kind: 'tutoring' } });
    await page.waitFor(() => page.data.listState === 'ready');
    expect(page.text('.request__summary')).toBe('小明 · 三年级 · 数学 · 周六上午');
    expect(page.text('.request__status')).toBe('等待安排');

    await page.tap('#match-0');
    await page.tap('#panel-submit');
    expect(page.text('.form__error')).toBe('请选一位志愿者');
    expect(page.text('#volunteer-0')).toContain('小周老师');
    await page.tap('#volunteer-0');
    await page.input('#panel-note', '周六上午9点，便民大厅二楼');
    await page.tap('#panel-submit');
    await page.waitFor(() => page.toasts.length > 0 && page.data.listState === 'ready');
    expect(page.toasts).toEqual([{ title: '已匹配', icon: 'success' }]);
    expect(page.text('.request__status')).toBe('已匹配辅导老师');
    expect(page.text()).toContain('志愿者：小周老师');
    expect(page.exists('#record-0')).toBe(true);
    page.close();
  });

  test('declining asks for a reason the resident will read, and is confirmed first', async () => {
    await cloud.ok('services', 'request', { kind: 'homeVisit', support: ['家务帮助'], preferredTimes: ['工作日上午'] }, res(3));
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: WORKER, query: { kind: 'homeVisit' } });
    await page.waitFor(() => page.data.listState === 'ready');
    await page.tap('#decline-0');
    await page.tap('#panel-submit');
    expect(page.text('.form__error')).toBe('请写一下原因，居民会看到');

    await page.input('#panel-reason', '本月名额已满，下月优先安排');
    page.modalAnswer = false;
    await page.tap('#panel-submit');
    expect(page.modals).toEqual([{ title: '婉拒这条申请', content: '居民会看到原因：本月名额已满，下月优先安排' }]);
    expect(page.calls.filter((c) => c.data.action === 'decline')).toEqual([]);

    await page.tap('#panel-submit');
    await page.waitFor(() => page.data.listState === 'empty');
    expect(page.toasts).toEqual([{ title: '已婉拒', icon: 'success' }]);
    expect(page.text()).toContain('这里没有申请');
    const [mine] = await cloud.ok('services', 'myRequests', {}, res(3));
    expect(mine).toMatchObject({ status: 'declined', declineReason: '本月名额已满，下月优先安排' });
    page.close();
  });

  test('a worker schedules a home haircut, and the record button opens the record page for it', async () => {
    // Scheduled for 08:00 on the day the page opens on (today): it must still be today when it is sent.
    clearOfMidnight(cloud.clock);
    const asked = await cloud.ok('services', 'request', { kind: 'homeHaircut', preferredTimes: ['工作日上午'] }, res(4));
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: WORKER, query: { kind: 'homeHaircut' } });
    await page.waitFor(() => page.data.listState === 'ready');
    await page.tap('#schedule-0');
    await pick(page, '#panel-time', '08:00');
    await page.input('#panel-note', '志愿者上门');
    await page.tap('#panel-submit');
    await page.waitFor(() => page.toasts.length > 0 && page.data.listState === 'ready');
    expect(page.text('.request__status')).toBe('已安排');
    expect(page.text()).toContain('已告知：志愿者上门');
    expect(page.text()).toContain('08:00');

    await page.tap('#record-0');
    expect(page.navigations).toEqual([
      { method: 'navigateTo', url: `/staff/pages/service-record/index?kind=homeHaircut&requestId=${encodeURIComponent(asked.id)}` },
    ]);
    page.close();
  });

  test('a resident cannot read the queues', async () => {
    const page = await openPage(cloud, 'staff/pages/service-queue/index', { openid: res(1) });
    await page.waitFor(() => page.data.listState === 'error');
    expect(page.text()).toContain('您没有权限进行这个操作');
    page.close();
  });
});

describe('服务记录', () => {
  // The services below are recorded today (a home visit at 07:30 today, refused when recorded again), and
  // 志愿时长 reads them back as this month's hours: from here on the file stays on one station day.
  beforeAll(() => clearOfMidnight(cloud.clock));

  test('a worker records the scheduled home haircut picked from the queue, with the volunteer who helped', async () => {
    const [request] = await cloud.ok('services', 'queue', { kind: 'homeHaircut' }, WORKER);
    const page = await openPage(cloud, 'staff/pages/service-record/index', {
      openid: WORKER,
      query: { kind: 'homeHaircut', requestId: encodeURIComponent(request.id) },
    });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.data.form.requestId).toBe(request.id);
    expect(page.text('#candidate-0')).toContain('居民4');
    await pick(page, '#time', '08:00');
    await page.tap('#volunteer-0');
    await page.tap('#submit');
    await page.waitFor(() => page.toasts.length > 0);
    expect(page.toasts).toEqual([{ title: '已记录', icon: 'success' }]);
    expect(page.text('.recent')).toContain('上门义剪');
    expect(page.text('.recent')).toContain('小周老师');
    // Done now: it leaves the list of requests to record on.
    await page.waitFor(() => page.data.candidates.length === 0);
    expect(attendance().filter((a) => a.sourceId === 'homeHaircut')).toEqual([expect.objectContaining({ personId: res(4), headcount: 1 })]);
    page.close();
  });

  test('a worker records a home visit for a resident found by name; what is missing is said first', async () => {
    const today = dayIn(0);
    const page = await openPage(cloud, 'staff/pages/service-record/index', { openid: WORKER, query: { kind: 'homeVisit' } });
    await page.waitFor(() => page.data.state === 'ready');
    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请选服务对象');
    await page.input('#query', '居民1');
    await page.tap('#search');
    await page.waitFor(() => page.data.searched);
    await page.tap('#person-0');
    expect(page.text('.picked')).toBe('已选：居民1');
    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请选提供了哪些帮助');
    await page.tap('#support-0');
    expect(page.data.form.minutes).toBe('40');
    await pick(page, '#time', '07:30');
    await page.tap('#submit');
    await page.waitFor(() => page.toasts.length > 0);
    expect(page.calls.at(-2)?.data).toEqual({
      action: 'recordService',
      kind: 'homeVisit',
      personId: res(1),
      at: `${today}T07:30:00+08:00`,
      minutes: 40,
      support: ['情感陪伴'],
      note: '',
    });

    // The same resident's visit that day, recorded again, is refused.
    await page.input('#query', '居民1');
    await page.tap('#search');
    await page.waitFor(() => page.data.searched);
    await page.tap('#person-0');
    await page.tap('#support-1');
    await page.tap('#submit');
    await page.waitFor(() => page.data.formError !== '');
    expect(page.text('.form__error')).toBe('这一天的这次服务已经记录过了');
    page.close();
  });

  test('the tutor records a session of the child matched to them and sees it in the history', async () => {
    const page = await openPage(cloud, 'staff/pages/service-record/index', { openid: TUTOR });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.exists('#kind-haircut')).toBe(false);
    expect(page.exists('#query')).toBe(false);
    expect(page.text('#candidate-0')).toContain('小明 · 三年级 · 数学 · 周六上午');
    await page.tap('#candidate-0');
    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请选辅导的科目');
    await page.tap('#subject-1');
    await page.input('#note', '分数应用题');
    await page.tap('#submit');
    await page.waitFor(() => page.toasts.length > 0);
    expect(page.toasts).toEqual([{ title: '已记录', icon: 'success' }]);

    await page.waitFor(() => page.data.candidates.length === 1);
    await page.tap('#candidate-0');
    await page.waitFor(() => page.data.history.length === 1);
    expect(page.text('.line')).toContain('90 分钟 · 数学 · 分数应用题');
    expect(attendance().filter((a) => a.sourceId === 'tutoring')).toEqual([expect.objectContaining({ personId: res(2), headcount: 1 })]);
    page.close();
  });

  test('a volunteer with no child matched is told so; a resident cannot record', async () => {
    await cloud.ok('users', 'updateProfile', { name: '小吴老师', phone: '13900009004' }, 'demo-volunteer-2');
    await cloud.ok('users', 'setRoles', { personId: 'demo-volunteer-2', roles: ['volunteer'] }, 'demo-admin');
    const idle = await openPage(cloud, 'staff/pages/service-record/index', { openid: 'demo-volunteer-2' });
    await idle.waitFor(() => idle.data.state === 'empty');
    expect(idle.text()).toContain('还没有匹配给您的孩子');
    idle.close();

    const resident = await openPage(cloud, 'staff/pages/service-record/index', { openid: res(1) });
    await resident.waitFor(() => resident.data.state === 'error');
    expect(resident.text()).toContain('您没有权限进行这个操作');
    resident.close();
  });
});

describe('志愿时长', () => {
  test('the tutor sees their own hours', async () => {
    const page = await openPage(cloud, 'staff/pages/volunteer-hours/index', { openid: TUTOR });
    await page.waitFor(() => page.data.state === 'ready');
    // 90 minutes of tutoring + 30 of the home haircut they helped with.
    expect(page.text('.mine__total')).toBe('2 小时');
    expect(page.text()).toContain('一共服务 2 次');
    expect(page.exists('#export')).toBe(false);
    page.close();
  });

  test('staff see every volunteer’s hours and open the exported table', async () => {
    const page = await openPage(cloud, 'staff/pages/volunteer-hours/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.text('.volunteer__name')).toBe('小周老师');
    expect(page.text('.volunteer__hours')).toBe('2 小时 · 2 次');

    await page.tap('#export');
    await page.waitFor(() => page.documents.length > 0);
    expect(page.documents[0].filePath).toMatch(/^wxfile:\/\/usr\/志愿服务时长_.+\.xlsx$/);
    expect(page.documents[0].bytes.subarray(0, 2).toString()).toBe('PK'); // an .xlsx is a zip
    expect(page.text('.form__error')).toBe('');

    // A range with no services (a month more than a year back; every service here was recorded today): nothing to export.
    await pick(page, '#from', dayIn(-400));
    await pick(page, '#to', dayIn(-370));
    await page.waitFor(() => page.data.volunteers.length === 0);
    expect(page.text()).toContain('这段时间没有记录志愿服务');
    page.close();
  });
});
