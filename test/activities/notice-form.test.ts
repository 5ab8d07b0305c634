import { editInput, emptyNotice, noticeInput, noticeProblem, type NoticeForm } from '../../miniprogram/staff/pages/activity-edit/notice';
import { signUpProblem } from '../../miniprogram/pages/activity/form';

/* The forms' own checks: what the worker or resident hears before anything is sent. */
const form = (over: Partial<NoticeForm> = {}): NoticeForm => ({
  ...emptyNotice(new Date('2026-12-01T02:00:00Z')),
  title: '社区大讲堂',
  ...over,
});

describe('the notice form', () => {
  test('a new notice starts a week ahead and passes once it has a title', () => {
    expect(emptyNotice(new Date('2026-12-01T02:00:00Z')).sessions).toEqual([{ day: '2026-12-08', start: '09:00', end: '11:00', topic: '' }]);
    expect(noticeProblem(form({ title: ' ' }))).toBe('请填写活动名称');
    expect(noticeProblem(form())).toBe('');
  });

  test('times, capacity and the deadline are checked in plain words', () => {
    expect(noticeProblem(form({ sessions: [{ day: '2026-12-08', start: '11:00', end: '10:00', topic: '' }] }))).toBe('活动的结束时间要晚于开始时间');
    expect(noticeProblem(form({ capacity: '0' }))).toBe('名额请填 1 到 1000 之间的整数');
    expect(noticeProblem(form({ capacity: '5' }), 8)).toBe('已有 8 个名额被报走，名额不能少于 8');
    expect(noticeProblem(form({ deadlineDay: '2026-12-09', deadlineTime: '08:00' }))).toBe('报名截止时间不能晚于活动开始时间');
    expect(noticeProblem(form({ safetyAgreement: true }))).toBe('请填写安全协议的内容');
  });

  test('a one-off becomes startAt/endAt in station time; a series becomes sessions', () => {
    expect(noticeInput(form())).toMatchObject({ startAt: '2026-12-08T09:00:00+08:00', endAt: '2026-12-08T11:00:00+08:00', indicatorId: null });
    const series = noticeInput(form({ series: true, sessions: [{ day: '2026-12-08', start: '09:00', end: '10:00', topic: '认识手机' }] }));
    expect(series).toMatchObject({ sessions: [{ startAt: '2026-12-08T09:00:00+08:00', endAt: '2026-12-08T10:00:00+08:00', topic: '认识手机' }] });
    expect(series).not.toHaveProperty('startAt');
  });

  test('an edit without its own deadline sends the start, so the deadline moves with the activity', () => {
    expect(editInput('a1', form())).toMatchObject({
      activityId: 'a1',
      signUpDeadline: '2026-12-08T09:00:00+08:00',
      sessions: [{ startAt: '2026-12-08T09:00:00+08:00' }],
    });
  });
});

describe('the sign-up form', () => {
  const activity = { maxParty: 1, safetyAgreement: true };
  const base = {
    askContact: true,
    name: '吴玉梅',
    phone: '',
    household: [
      { name: '小宝', relation: '孙子' },
      { name: '老伴', relation: '配偶' },
    ],
    chosen: [true, false],
    agreed: true,
  };

  test('asks for a name only of a first-time resident, and checks the phone if given', () => {
    expect(signUpProblem(activity, { ...base, name: '' })).toBe('请填写您的姓名');
    expect(signUpProblem(activity, { ...base, askContact: false, name: '' })).toBe('');
    expect(signUpProblem(activity, { ...base, phone: '123' })).toBe('电话请填 11 位手机号');
  });

  test('keeps to the party limit and the safety agreement', () => {
    expect(signUpProblem(activity, { ...base, chosen: [true, true] })).toBe('最多可以带 1 位家人');
    expect(signUpProblem({ ...activity, maxParty: 0 }, base)).toBe('这个活动只能本人报名');
    expect(signUpProblem(activity, { ...base, agreed: false })).toContain('安全协议');
  });
});
