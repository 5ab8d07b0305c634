import { fromNow } from '../activities/helpers';
import { buildStation, OTHERS, PHONES, SUBJECT, SUBJECT_TRACES, WORKER, type Station } from './scenario';

/*
 * Cloud function logs are kept by the platform and read by whoever runs the station's account:
 * they must never carry a resident's name, phone or openid. Here actions fail in the ways they
 * do in production — refused input, refused callers, and database faults mid-way — while every
 * console method is captured.
 */
jest.setTimeout(120_000);

let station: Station;
const logged: string[] = [];
beforeAll(async () => {
  station = await buildStation();
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest
      .spyOn(console, method)
      .mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' ')));
  }
});
afterAll(() => station.cloud.close());

test('failed and crashed actions log no name, phone or openid of a resident', async () => {
  const { cloud, choir } = station;
  const stranger = 'o_priv_log_stranger';
  const contact = { name: '路人甲乙', phone: '13766667777' };
  const { id: activityId } = await cloud.ok(
    'activities',
    'create',
    { title: '邻居节', serviceArea: '社区', capacity: 5, startAt: fromNow(48), endAt: fromNow(50) },
    WORKER,
  );
  await cloud.ok('activities', 'publish', { activityId }, WORKER);

  // Refused: bad input carrying personal data, a caller without the role, something not there.
  await cloud.call('users', 'updateProfile', { name: SUBJECT_TRACES.name, phone: '12345' }, SUBJECT);
  await cloud.call('users', 'findResidents', { query: SUBJECT_TRACES.name }, OTHERS[0]);
  await cloud.call('activities', 'signUp', { activityId: 'no_such_activity', contact }, stranger);
  await cloud.call('users', 'erasePerson', { personId: SUBJECT, confirm: true }, SUBJECT);

  // Crashed: the database fails in the middle of a write that carries the data.
  const crash = async (action: string, call: () => Promise<{ ok: boolean }>) => {
    cloud.emulator.faults.inject({ action, fail: true, times: 1 });
    const reply = await call();
    cloud.emulator.faults.clear();
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  };
  await crash('database.modifyDocument', () => cloud.call('users', 'updateProfile', { name: SUBJECT_TRACES.name, phone: SUBJECT_TRACES.phone }, SUBJECT));
  await crash('database.insertDocument', () => cloud.call('activities', 'signUp', { activityId, contact }, stranger));
  await crash('database.insertDocument', () =>
    cloud.call(
      'services',
      'request',
      {
        kind: 'tutoring',
        childName: SUBJECT_TRACES.grandchild,
        grade: '四年级',
        subjects: ['数学'],
        preferredTimes: ['周六上午'],
        note: SUBJECT_TRACES.visitNote,
      },
      SUBJECT,
    ),
  );
  await crash('database.insertDocument', () => cloud.call('groups', 'apply', { groupId: choir, why: SUBJECT_TRACES.application }, OTHERS[1]));
  await crash('database.getDocument', () => cloud.call('users', 'myData', {}, SUBJECT));
  await crash('database.removeDocument', () => cloud.call('users', 'eraseMe', { confirm: true }, OTHERS[1]));

  const text = logged.join('\n');
  // Not vacuous: the crashes were logged, by action and code.
  expect(text).toContain('[users.eraseMe] failed');
  const personal = [SUBJECT, stranger, ...OTHERS, ...Object.values(SUBJECT_TRACES), ...Object.values(PHONES), contact.name, contact.phone];
  expect(personal.filter((p) => text.includes(p))).toEqual([]);
});
