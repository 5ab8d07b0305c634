import { emptyForm, formProblem, groupInput, normalTime, type GroupForm } from '../../miniprogram/staff/pages/group-edit/form';

const filled: GroupForm = {
  ...emptyForm(),
  name: '书法队',
  description: '练字',
  place: '便民大厅',
  serviceArea: '社区',
  weekdays: [4, 2],
  startTime: '9:30',
  duration: '90',
};

test('times are taken as people type them', () => {
  expect(normalTime('9:30')).toBe('09:30');
  expect(normalTime(' 19：05 ')).toBe('19:05');
  expect(normalTime('24:00')).toBe('');
  expect(normalTime('下午三点')).toBe('');
});

test('the form says what to fix first, in plain words', () => {
  expect(formProblem(filled)).toBe('');
  expect(formProblem({ ...filled, name: ' ' })).toBe('请填写队伍名称');
  expect(formProblem({ ...filled, serviceArea: '' })).toBe('请选择服务对象');
  expect(formProblem({ ...filled, weekdays: [] })).toBe('请选择每周哪几天练习');
  expect(formProblem({ ...filled, startTime: '9点' })).toBe('开始时间请写成 19:00 这样');
  expect(formProblem({ ...filled, duration: '5' })).toContain('15 到 480');
});

test('the input sorts the weekdays and keeps the days already called off', () => {
  expect(groupInput(filled)).toMatchObject({ indicatorId: null, schedule: { weekdays: [2, 4], startTime: '09:30', durationMinutes: 90, cancelledDays: [] } });
  const existing = { schedule: { weekdays: [2], startTime: '09:30', durationMinutes: 60, cancelledDays: ['2026-12-08'], extraDays: [] } } as never;
  expect(groupInput({ ...filled, indicatorId: 'choir' }, existing)).toMatchObject({ indicatorId: 'choir', schedule: { cancelledDays: ['2026-12-08'] } });
});
