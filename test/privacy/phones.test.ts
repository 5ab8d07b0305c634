import { z } from 'zod';
import { localDay } from '../../cloudfunctions/_shared/time';
import type { ActionInput, ActionName, FunctionName } from '../../cloudfunctions/contracts';
import type { Audience } from '../../cloudfunctions/_shared/contract';
import { allActions } from '../support/contracts';
import { buildStation, LEADER, OTHERS, PHONES, SECRETARY, SUBJECT, VOLUNTEER, WORKER, type Station } from './scenario';

/*
 * Phone numbers reach only the staff who call people (社工, admin). Everyone else — a resident, a
 * volunteer at the door, a 队长, the secretary — gets them masked (138****1234) or not at all.
 * The walk below calls every list-type action such a caller may call, and looks for any full
 * mobile number in the reply other than the caller's own.
 */
jest.setTimeout(120_000);

const NON_STAFF: Audience[] = ['resident', 'volunteer', 'groupLeader', 'secretary'];
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const MASKED = /1[3-9]\d\*{4}\d{4}/;

let station: Station;
let tutoringId: string;
beforeAll(async () => {
  station = await buildStation();
  const { cloud, choir } = station;
  // A tutoring match for the volunteer, and an application waiting for the 队长.
  tutoringId = (
    await cloud.ok(
      'services',
      'request',
      { kind: 'tutoring', childName: '小陈', grade: '三年级', subjects: ['语文'], preferredTimes: ['周日上午'], note: '' },
      OTHERS[1],
    )
  ).id;
  await cloud.ok('services', 'match', { requestId: tutoringId, volunteerId: VOLUNTEER }, WORKER);
  await cloud.ok(
    'services',
    'recordService',
    { kind: 'tutoring', requestId: tutoringId, at: cloud.clock.now().toISOString(), minutes: 60, subject: '语文', note: '' },
    VOLUNTEER,
  );
  await cloud.ok('groups', 'apply', { groupId: choir, why: '想唱歌' }, OTHERS[1]);
});
afterAll(() => station.cloud.close());

type Call = { [F in FunctionName]: { [A in ActionName<F>]: [F, A, ActionInput<F, A>, string] }[ActionName<F>] }[FunctionName];

function walk(): Call[] {
  const { choir, past, upcoming } = station;
  const today = localDay(station.cloud.clock.now());
  const resident = OTHERS[0];
  return [
    ['activities', 'list', {}, resident],
    ['activities', 'get', { activityId: past[1] }, resident],
    ['activities', 'mine', {}, resident],
    ['activities', 'signUp', { activityId: upcoming }, resident],
    ['groups', 'list', {}, resident],
    ['groups', 'get', { groupId: choir }, resident],
    ['groups', 'managed', {}, LEADER],
    ['services', 'overview', {}, resident],
    ['services', 'myRequests', {}, OTHERS[1]],
    ['users', 'me', {}, resident],
    ['users', 'updateProfile', { building: '2号楼' }, resident],
    ['users', 'claimAdmin', { code: 'not-the-code' }, resident],
    ['users', 'myData', {}, resident],
    ['activities', 'listForStaff', {}, VOLUNTEER],
    ['activities', 'roster', { activityId: past[1] }, VOLUNTEER],
    ['services', 'myMatches', {}, VOLUNTEER],
    ['services', 'sessions', { requestId: tutoringId }, VOLUNTEER],
    ['services', 'myHours', {}, VOLUNTEER],
    [
      'services',
      'recordService',
      { kind: 'tutoring', requestId: tutoringId, at: station.cloud.clock.now().toISOString(), minutes: 30, subject: '语文', note: '' },
      VOLUNTEER,
    ],
    ['groups', 'applications', { groupId: choir }, LEADER],
    ['groups', 'roster', { groupId: choir }, LEADER],
    ['groups', 'practices', { groupId: choir }, LEADER],
    ['groups', 'rollCall', { groupId: choir, day: today }, LEADER],
    ['groups', 'memberHistory', { groupId: choir, personId: SUBJECT }, LEADER],
    ['stats', 'getPlan', {}, SECRETARY],
    ['stats', 'dashboard', {}, SECRETARY],
    ['stats', 'report', { from: today, to: today }, SECRETARY],
    ['stats', 'monthlySummary', { month: today.slice(0, 7) }, SECRETARY],
  ];
}

test('the walk covers every action a non-staff caller may call that returns a list', () => {
  const returnsList = (output: z.ZodType) => JSON.stringify(z.toJSONSchema(output, { io: 'output', unrepresentable: 'any' })).includes('"array"');
  const listActions = allActions()
    .filter((a) => a.contract.allow.some((r) => NON_STAFF.includes(r)) && returnsList(a.contract.output))
    .map((a) => `${a.fn}.${a.action}`);
  expect(
    walk()
      .map(([fn, action]) => `${fn}.${action}`)
      .sort(),
  ).toEqual(listActions.sort());
});

test('no reply to a resident, volunteer, 队长 or the secretary carries anyone else’s full phone number', async () => {
  const leaks: string[] = [];
  const replies: Record<string, string> = {};
  for (const [fn, action, input, caller] of walk()) {
    const text = JSON.stringify(await station.cloud.call(fn, action as never, input as never, caller));
    replies[`${fn}.${action}`] = text;
    for (const phone of text.match(FULL_PHONE) ?? []) if (phone !== PHONES[caller]) leaks.push(`${fn}.${action} as ${caller}: ${phone}`);
  }
  expect(leaks).toEqual([]);
  // Not vacuous: the lists did name people, with their phones masked.
  expect(replies['activities.roster']).toMatch(MASKED);
  expect(replies['groups.roster']).toMatch(MASKED);
  expect(replies['groups.applications']).toMatch(MASKED);
  expect(replies['users.me']).toContain(PHONES[OTHERS[0]]);
});

test('staff still see the full number where they must call', async () => {
  const roster = await station.cloud.ok('activities', 'roster', { activityId: station.past[1] }, WORKER);
  expect(roster.map((r) => r.phone)).toContain(PHONES[OTHERS[0]]);
});
