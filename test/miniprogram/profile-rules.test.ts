import { memberFrom, profileProblem } from '../../miniprogram/utils/profile';

const form = (over: Partial<Record<'name' | 'phone' | 'building', string>>) => ({ name: '李秀兰', phone: '', building: '', ...over });
const member = (over: Partial<Record<'name' | 'relation' | 'birthYear', string>>) => ({ name: '小宝', relation: '孙子', birthYear: '', ...over });

test('the profile needs a name; a phone, when given, is a mainland mobile number', () => {
  expect(profileProblem(form({}))).toBe('');
  expect(profileProblem(form({ phone: ' 13900001111 ' }))).toBe('');
  expect(profileProblem(form({ name: '  ' }))).toBe('请填写姓名');
  expect(profileProblem(form({ phone: '12345678901' }))).toBe('电话请填 11 位手机号');
  expect(profileProblem(form({ name: '名'.repeat(21) }))).toBe('姓名最多 20 个字');
});

test('a family member needs a name and a relation; the birth year is optional and plausible', () => {
  expect(memberFrom(member({}), 2026)).toEqual({ name: '小宝', relation: '孙子' });
  expect(memberFrom(member({ birthYear: '2017' }), 2026)).toEqual({ name: '小宝', relation: '孙子', birthYear: 2017 });
  expect(memberFrom(member({ name: '' }), 2026)).toBe('请填写家人的姓名');
  expect(memberFrom(member({ relation: ' ' }), 2026)).toBe('请填写和您的关系，比如 儿子、老伴');
  expect(memberFrom(member({ birthYear: '2030' }), 2026)).toBe('出生年份请填 1900 到 2026 之间的四位数');
  expect(memberFrom(member({ birthYear: '17' }), 2026)).toBe('出生年份请填 1900 到 2026 之间的四位数');
});
