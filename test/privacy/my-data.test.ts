import { buildStation, OTHERS, SUBJECT, SUBJECT_TRACES, type Station } from './scenario';

/* 个人信息保护法 第45条: a resident sees everything the station holds about her, and nobody else's. */
jest.setTimeout(120_000);

let station: Station;
beforeAll(async () => {
  station = await buildStation();
});
afterAll(() => station.cloud.close());

test('she sees her profile, family, tags, the offline record, sign-ups, groups, requests, services, check-ins and notices', async () => {
  const data = await station.cloud.ok('users', 'myData', {}, SUBJECT);
  expect(data.profile).toMatchObject({
    name: SUBJECT_TRACES.name,
    phone: SUBJECT_TRACES.phone,
    building: SUBJECT_TRACES.building,
    household: [{ name: SUBJECT_TRACES.grandchild, relation: '孙女', birthYear: 2015 }],
    checkinCode: expect.stringMatching(/^[2-9A-Z]{8}$/),
  });
  // The staff-only tags too: they are data about her (see the contract for why).
  expect(data.tags).toEqual(['空巢', '低保']);
  expect(data.offlineRecords).toEqual([expect.objectContaining({ name: SUBJECT_TRACES.name, phone: SUBJECT_TRACES.phone })]);
  expect(data.signUps.map((s) => [s.title, s.status, s.byWorker])).toEqual([
    ['秋游', 'registered', false],
    ['冬至包饺子', 'registered', false],
    ['社区大讲堂', 'registered', true],
  ]);
  expect(data.signUps[1].party).toEqual([{ name: SUBJECT_TRACES.grandchild, relation: '孙女' }]);
  expect(data.groups).toEqual([
    {
      name: '福源红合唱团',
      status: 'approved',
      role: 'member',
      application: expect.objectContaining({ why: SUBJECT_TRACES.application }),
      declineReason: null,
    },
  ]);
  expect(data.serviceRequests.map((r) => [r.title, r.statusText])).toEqual(
    expect.arrayContaining([
      ['爱心义剪', '已完成'],
      ['周末课业辅导', '已取消'],
    ]),
  );
  expect(data.serviceRequests.find((r) => r.title === '周末课业辅导')?.summary).toContain(SUBJECT_TRACES.grandchild);
  expect(data.servicesReceived.find((r) => r.title === '一对一上门服务')).toMatchObject({ minutes: 40, note: SUBJECT_TRACES.visitNote });
  expect(data.attendance.map((a) => a.title).sort()).toEqual(['一对一上门服务', '冬至包饺子', '爱心义剪', '社区大讲堂', '福源红合唱团练习'].sort());
  expect(data.attendance.find((a) => a.title === '冬至包饺子')?.headcount).toBe(2);
  expect(data.notices).toEqual([{ title: '秋游', what: '候补转为报名成功的通知', sentAt: expect.any(String) }]);
});

test('another resident sees only their own, and a first-time caller sees an empty record without one being made', async () => {
  const { cloud } = station;
  const other = JSON.stringify(await cloud.ok('users', 'myData', {}, OTHERS[0]));
  for (const trace of Object.values(SUBJECT_TRACES)) expect(other).not.toContain(trace);

  const before = JSON.stringify(cloud.emulator.dump());
  const stranger = await cloud.ok('users', 'myData', {}, 'o_priv_stranger');
  expect(stranger).toMatchObject({ profile: { name: '', phone: '' }, tags: [], signUps: [], attendance: [] });
  expect(JSON.stringify(cloud.emulator.dump())).toBe(before);
});

test('the everyday profile reply still carries no tags', async () => {
  expect(JSON.stringify(await station.cloud.ok('users', 'me', {}, SUBJECT))).not.toContain('低保');
});
