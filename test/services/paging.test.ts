import tcb from '@cloudbase/node-sdk';
import { localMonth } from '../../cloudfunctions/_shared/time';
import { emptyPerson } from '../../cloudfunctions/_shared/people';
import type { ServiceRecordDoc } from '../../cloudfunctions/services/rules';
import type { TestCloud } from '../support/cloud';
import { nowMs } from '../support/clock';
import { workbookOf } from '../support/files';
import { dayIn, on, startStationCloud } from '../support/station';

// Past the server's 1000 documents a read: every record, person and volunteer is there.
jest.setTimeout(120_000);

const ADMIN = 'o_pg_admin';
const WORKER = 'o_pg_worker';
const N = 1100;

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startStationCloud(ADMIN, [[WORKER, ['worker']]]);
});
afterAll(() => cloud.close());

/** Adds documents straight to the database, a few at a time. Test setup only. */
async function insert(collection: string, docs: object[]) {
  const c = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database().collection(collection);
  for (let i = 0; i < docs.length; i += 50) await Promise.all(docs.slice(i, i + 50).map((d) => c.add(d)));
}

const pad = (i: number) => String(i).padStart(5, '0');

describe('services records past 1,000', () => {
  test('the records list, the volunteers’ hours and their export leave no one out', async () => {
    const now = new Date(nowMs());
    const day = dayIn(-1);
    const at = new Date(on(day, '10:00'));
    await insert('users', [
      ...Array.from({ length: N }, (_, i) => ({ ...emptyPerson(`o_pgp_${pad(i)}`, `o_pgp_${pad(i)}`, now), name: `居民${pad(i)}` })),
      ...Array.from({ length: N }, (_, i) => ({ ...emptyPerson(`o_pgv_${pad(i)}`, `o_pgv_${pad(i)}`, now), name: `志愿者${pad(i)}`, roles: ['volunteer'] })),
    ]);
    await insert(
      'serviceRecords',
      Array.from({ length: N }, (_, i): ServiceRecordDoc => ({
        _id: `pgrec${pad(i)}`,
        kind: 'homeVisit',
        requestId: null,
        personId: `o_pgp_${pad(i)}`,
        at,
        day,
        month: localMonth(at),
        minutes: 30,
        volunteerId: `o_pgv_${pad(i)}`,
        subject: null,
        support: [],
        note: '',
        recordedBy: WORKER,
        recordedAt: now,
      })),
    );
    const range = { from: dayIn(-2), to: dayIn(0) };

    const records = await cloud.ok('services', 'records', range, WORKER);
    expect(records).toHaveLength(N);
    expect(new Set(records.map((r) => r.personName)).size).toBe(N);
    expect(records.every((r) => r.personName.startsWith('居民'))).toBe(true);

    const hours = await cloud.ok('services', 'volunteerHours', range, WORKER);
    expect(hours.volunteers).toHaveLength(N);
    expect(hours.volunteers.every((v) => v.name.startsWith('志愿者'))).toBe(true);
    expect(hours.minutes).toBe(30 * N);

    const book = await workbookOf(await cloud.ok('services', 'exportVolunteerHours', range, WORKER));
    const named = (sheet: string, col: number) =>
      (book.getWorksheet(sheet)!.getSheetValues() as unknown[][])
        .filter(Boolean)
        .filter((r) => typeof r[col] === 'string' && (r[col] as string).startsWith('志愿者0'));
    expect(new Set(named('汇总', 1).map((r) => r[1])).size).toBe(N);
    expect(named('明细', 2)).toHaveLength(N);
  });
});
