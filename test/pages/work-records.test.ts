import type { TestCloud } from '../support/cloud';
import { openPage, type PageHarness } from '../support/simulate';
import { clearOfMidnight, dayIn, startStationCloud } from '../support/station';

/* 工作记录 (the list) and 记一笔 (the form of any kind): real pages, the records function and the emulator. */
const WORKER = 'demo-worker';
const WORKER_2 = 'demo-worker-2';
const res = (n: number) => `demo-resident-${n}`;
let cloud: TestCloud;

/** A native <picker>'s choice, as WeChat reports it. */
async function pick(page: PageHarness, selector: string, value: string) {
  page.all(selector)[0].dispatchEvent('change', { detail: { value } });
  await new Promise((r) => setTimeout(r, 0));
}

const records = () => (cloud.emulator.dump().workRecords ?? []) as Array<{ _id: string; kind: string; title: string; removedAt?: unknown }>;
const attendanceOf = (id: string) =>
  ((cloud.emulator.dump().attendance ?? []) as Array<{ sourceId: string; personId: string; headcount: number }>).filter((a) => a.sourceId === id);

async function openForm(kind?: string, openid = WORKER) {
  const page = await openPage(cloud, 'staff/pages/work-record/index', { openid, query: kind ? { kind } : {} });
  await page.waitFor(() => page.data.state === 'ready');
  return page;
}

/** Finds a resident by name and adds them where the search was opened. */
async function addResident(page: PageHarness, opener: string, name: string) {
  await page.tap(opener);
  await page.input('#query', name);
  await page.tap('#search');
  await page.waitFor(() => page.data.searched);
  await page.tap('#person-0');
}

async function saved(page: PageHarness) {
  await page.tap('#submit');
  await page.waitFor(() => !page.data.saving && (page.toasts.length > 0 || page.data.formError !== ''));
}

beforeAll(async () => {
  cloud = await startStationCloud('demo-admin', [
    [WORKER, ['worker'], { name: '李社工', phone: '13900009001' }],
    [WORKER_2, ['worker'], { name: '王社工', phone: '13900009002' }],
  ]);
  for (const [n, name] of [
    [1, '张桂兰'],
    [2, '李德顺'],
    [3, '王秀英'],
  ] as const)
    await cloud.ok('users', 'updateProfile', { name, phone: `1390000100${n}` }, res(n));
});
afterAll(() => cloud.close());

describe('记一笔: the form draws itself from the kind', () => {
  test('a meeting: says what is missing, then saves one 次 with who came kept as details', async () => {
    const page = await openForm('meeting');
    expect(page.text('.card__title')).toBe('会议');
    expect(page.exists('#add-person-0')).toBe(false);
    expect([0, 1, 2, 3].map((i) => page.text(`#choice-meetingType-${i}`))).toEqual(['督导会议', '三方联席会议', '居民民主监督会议', '评估会']);

    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请选会议类型');
    await page.tap('#choice-meetingType-0');
    await page.input('#field-topic', '每周团队督导');
    await page.input('#field-staff', '5');
    await pick(page, '#day-0', dayIn(-2));
    await page.tap('#document-1');
    await saved(page);
    expect(page.toasts).toEqual([{ title: '已保存', icon: 'success' }]);
    expect(page.text('.saved')).toContain('督导会议');
    expect(page.text('.saved')).toContain('1 次 · 0 人次');

    const [meeting] = records().filter((r) => r.kind === 'meeting');
    const got = await cloud.ok('records', 'get', { recordId: meeting._id }, WORKER);
    expect(got).toMatchObject({ title: '督导会议', firstDay: dayIn(-2), sessions: 1, visits: 0 });
    expect(got.documents).toEqual(['会议记录', '活动通知']);
    // The form starts afresh for the next one, under a new key.
    expect(page.data.form.values.topic).toBe('');
    page.close();
  });

  test('a back-entered series: two dates, residents with their families, the list copied, a headcount', async () => {
    const page = await openForm('heldActivity');
    await page.input('#field-title', '智能手机学习小组');
    await page.tap('#choice-serviceArea-0');
    await pick(page, '#day-0', dayIn(-14));
    await addResident(page, '#add-person-0', '张桂兰');
    await addResident(page, '#add-person-0', '李德顺');
    await page.tap('#more-0-0');
    expect(page.text('.attendee')).toContain('2 人');
    await page.tap('#add-day');
    await pick(page, '#day-1', dayIn(-7));
    await page.tap('#copy-1');
    await page.tap('#drop-1-1');
    await page.input('#unnamed-1', '4');
    await saved(page);
    expect(page.data.formError).toBe('');
    expect(page.text('.saved')).toContain('2 次 · 9 人次');

    const series = records().find((r) => r.title === '智能手机学习小组')!;
    expect(
      attendanceOf(series._id)
        .map((a) => a.headcount)
        .sort(),
    ).toEqual([1, 2, 2, 4]);
    page.close();
  });

  test('a resident picked for a leader developed; a date after today is refused by the function', async () => {
    clearOfMidnight(cloud.clock);
    const page = await openForm('residentLeader');
    await page.tap('#submit');
    expect(page.text('.form__error')).toBe('请选居民骨干');
    await addResident(page, '#pick-person', '王秀英');
    expect(page.text('.picked')).toBe('已选：王秀英');
    await pick(page, '#day-0', dayIn(1));
    await saved(page);
    expect(page.text('.form__error')).toContain('还没到');
    await pick(page, '#day-0', dayIn(0));
    await saved(page);
    expect(page.text('.saved')).toContain('1 人');
    page.close();
  });

  test('a lost reply, then 保存 again: one record, counted once', async () => {
    const page = await openForm('communityWalk');
    await page.input('#field-route', '1-5号楼');
    await pick(page, '#day-0', dayIn(-1));
    await page.input('#unnamed-0', '12');
    page.network = 'lost-reply';
    await saved(page);
    expect(page.text('.form__error')).toContain('网络不太好');
    page.network = 'ok';
    await saved(page);
    expect(page.toasts).toEqual([{ title: '已保存', icon: 'success' }]);
    const walks = records().filter((r) => r.kind === 'communityWalk');
    expect(walks).toHaveLength(1);
    expect(attendanceOf(walks[0]._id)).toEqual([expect.objectContaining({ headcount: 12 })]);
    page.close();
  });

  test('opened without a kind, it asks which first', async () => {
    const page = await openForm();
    expect(page.exists('#submit')).toBe(false);
    await page.tap('#kind-hallVisit');
    expect(page.text('.card__title')).toBe('便民大厅日间服务');
    expect([0, 1, 2, 3].map((i) => page.text(`#choice-activity-${i}`))).toEqual(['手工', '书法', '棋艺', '健身']);
    page.close();
  });
});

describe('工作记录: the list by month and kind', () => {
  test('this month’s records with their counts; one opens to what it holds; a kind filters', async () => {
    // Entered for today, so it is in the month the list opens on.
    clearOfMidnight(cloud.clock);
    await cloud.ok(
      'records',
      'create',
      {
        kind: 'heldActivity',
        requestKey: 'pagetestlist000001',
        title: '冬至包饺子',
        serviceArea: '社区',
        occasions: [{ day: dayIn(0), attendees: [{ personId: res(1), headcount: 2 }], unnamed: 4 }],
      },
      WORKER,
    );
    const page = await openPage(cloud, 'staff/pages/work-records/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    const everything = await cloud.ok('records', 'list', { from: `${dayIn(0).slice(0, 7)}-01`, to: dayIn(0) }, WORKER);
    expect(page.all('.record__title').map((t) => t.dom!.textContent)).toEqual(everything.records.map((r) => r.title));

    const at = page.data.rows.findIndex((r: { title: string }) => r.title === '冬至包饺子');
    expect(page.text(`#record-${at}`)).toContain('1 次 · 6 人次');
    expect(page.text(`#record-${at}`)).toContain('李社工 记于');
    await page.tap(`#record-${at}`);
    await page.waitFor(() => page.data.detail !== null);
    expect(page.text('.detail')).toContain('张桂兰（2人）、未登记姓名 4 人');
    expect(page.text('.detail')).toContain('计划指标：不计入（拓展服务）');

    await page.tap('#kind-meeting');
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.all('.record__title').map((t) => t.dom!.textContent)).toEqual(everything.records.filter((r) => r.kind === 'meeting').map((r) => r.title));
    await page.tap('#new-training');
    expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/staff/pages/work-record/index?kind=training' }]);
    page.close();
  });

  test('a record entered by mistake is removed by its author after asking; another worker sees no remove button', async () => {
    const walk = await cloud.ok(
      'records',
      'create',
      { kind: 'communityWalk', requestKey: 'pagetestremove0001', route: '9号楼', occasions: [{ day: dayIn(0), unnamed: 3 }] },
      WORKER,
    );
    const theirs = await openPage(cloud, 'staff/pages/work-records/index', { openid: WORKER_2 });
    await theirs.waitFor(() => theirs.data.state === 'ready');
    const at = theirs.data.rows.findIndex((r: { id: string }) => r.id === walk.id);
    await theirs.tap(`#record-${at}`);
    await theirs.waitFor(() => theirs.data.detail !== null);
    expect(theirs.exists(`#remove-${at}`)).toBe(false);
    theirs.close();

    const page = await openPage(cloud, 'staff/pages/work-records/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    const mine = page.data.rows.findIndex((r: { id: string }) => r.id === walk.id);
    await page.tap(`#record-${mine}`);
    await page.waitFor(() => page.data.detail !== null);
    page.modalAnswer = false;
    await page.tap(`#remove-${mine}`);
    expect(page.modals[0]).toMatchObject({ title: '删除这条记录' });
    expect(records().find((r) => r._id === walk.id)!.removedAt).toBeUndefined();
    await page.tap(`#remove-${mine}`);
    await page.waitFor(() => page.toasts.length > 0 && !page.data.rows.some((r: { id: string }) => r.id === walk.id));
    expect(page.toasts).toEqual([{ title: '已删除', icon: 'success' }]);
    expect(attendanceOf(walk.id)).toEqual([]);
    page.close();
  });

  test('last month is a tap away; next month is not offered for the current one', async () => {
    const page = await openPage(cloud, 'staff/pages/work-records/index', { openid: WORKER });
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.exists('#month-next')).toBe(false);
    await page.tap('#month-back');
    await page.waitFor(() => page.data.state === 'ready');
    expect(page.exists('#month-next')).toBe(true);
    page.close();
  });

  test('a resident who lands here is refused', async () => {
    const page = await openPage(cloud, 'staff/pages/work-records/index', { openid: res(1) });
    await page.waitFor(() => page.data.state === 'error');
    expect(page.text()).toContain('您没有权限进行这个操作');
    page.close();
  });
});
