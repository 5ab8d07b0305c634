import { dayjs, localDay, STATION_TZ } from '../../cloudfunctions/_shared/time';
import { DEMO, type SeedCall } from './call';
import { DEMO_INDICATORS } from './stats';

/** An instant in station time on `day`, as the mini-program sends it. */
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** The Saturday `weeksAgo` weeks before the last one before `now`'s day (tutoring happens at weekends). */
const pastSaturday = (now: Date, weeksAgo: number) => {
  const today = dayjs(now).tz(STATION_TZ);
  const lastSaturday = today.subtract((today.day() + 1) % 7 || 7, 'day');
  return lastSaturday.subtract(weeksAgo, 'week').format('YYYY-MM-DD');
};

/**
 * Demo services, entered through the services function as staff, residents and the volunteer would:
 * next month's 爱心义剪 day with a few bookings, a home haircut scheduled, one tutoring request
 * matched to the demo volunteer with sessions logged and one still waiting, and some home visits.
 * Every name and number comes from the fictional people seeded before (people.ts). "Next month" and
 * "ago" are from `now`, the system's clock.
 */
export async function seedServices(call: SeedCall, now: Date): Promise<void> {
  const haircutDay = dayjs(now).tz(STATION_TZ).add(1, 'month').date(10).format('YYYY-MM-DD');
  const slots = ['09:00', '09:30', '10:00', '10:30', '11:00'].map((start, i, all) => ({
    startAt: at(haircutDay, start),
    endAt: at(haircutDay, all[i + 1] ?? '11:30'),
    seats: 3,
  }));
  await call('services', 'publishHaircutDay', { place: '福源小镇社区便民大厅二楼', note: '志愿理发师 3 位，请提前 5 分钟到', slots }, DEMO.worker);
  for (const [n, slot] of [
    [1, 0],
    [2, 0],
    [9, 1],
    [11, 2],
  ] as const) {
    await call('services', 'request', { kind: 'haircut', slotId: `${haircutDay}~${slots[slot].startAt.slice(11, 16).replace(':', '')}` }, DEMO.resident(n));
  }

  const homeHaircut = await call('services', 'request', { kind: 'homeHaircut', preferredTimes: ['工作日上午'], note: '坐轮椅，下楼不便' }, DEMO.resident(17));
  await call('services', 'schedule', { requestId: homeHaircut.id, at: at(haircutDay, '14:00'), note: '义剪当天下午志愿者上门' }, DEMO.worker);

  const tutoring = await call(
    'services',
    'request',
    { kind: 'tutoring', childName: '小雨', grade: '五年级', subjects: ['数学', '英语'], preferredTimes: ['周六上午'], note: '应用题比较吃力' },
    DEMO.resident(5),
  );
  await call('services', 'match', { requestId: tutoring.id, volunteerId: DEMO.volunteer, note: '每周六上午 9 点，便民大厅二楼' }, DEMO.worker);
  const lessons = [
    { weeksAgo: 2, subject: '数学', note: '分数应用题' },
    { weeksAgo: 1, subject: '英语', note: '单词听写，第三单元' },
    { weeksAgo: 0, subject: '数学', note: '错题订正' },
  ] as const;
  for (const l of lessons) {
    await call(
      'services',
      'recordService',
      { kind: 'tutoring', requestId: tutoring.id, at: at(pastSaturday(now, l.weeksAgo), '09:00'), minutes: 90, subject: l.subject, note: l.note },
      DEMO.volunteer,
    );
  }
  await call(
    'services',
    'request',
    { kind: 'tutoring', childName: '乐乐', grade: '四年级', subjects: ['语文'], preferredTimes: ['周日上午', '周日下午'] },
    DEMO.resident(6),
  );

  const visited = [
    { n: 3, daysAgo: 12, support: ['情感陪伴'] },
    { n: 7, daysAgo: 9, support: ['家务帮助', '情感陪伴'] },
    { n: 15, daysAgo: 5, support: ['健康提醒'] },
    { n: 3, daysAgo: 2, support: ['情感陪伴'] },
  ] as const;
  // Home visits count toward the plan's 老年人"一对一"上门服务; tutoring is 拓展服务 in this demo.
  await call('services', 'setKindIndicator', { kind: 'homeVisit', indicatorId: DEMO_INDICATORS.homeVisit }, DEMO.worker);
  for (const v of visited) {
    const day = localDay(dayjs(now).subtract(v.daysAgo, 'day').toDate());
    await call(
      'services',
      'recordService',
      { kind: 'homeVisit', personId: DEMO.resident(v.n), at: at(day, '15:00'), minutes: 40, support: [...v.support] },
      DEMO.worker,
    );
  }
  await call(
    'services',
    'request',
    { kind: 'homeVisit', support: ['生活照料', '情感陪伴'], preferredTimes: ['工作日下午'], note: '老伴住院，一个人在家' },
    DEMO.resident(13),
  );
}
