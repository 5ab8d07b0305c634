import { dayjs, STATION_TZ } from '../../cloudfunctions/_shared/time';
import type { ActionInput } from '../../cloudfunctions/contracts';
import { DEMO, type SeedCall } from './call';
import { DEMO_INDICATORS } from './stats';

type Notice = ActionInput<'activities', 'create'>;
type NoticeKey = 'outing' | 'family' | 'lecture' | 'dumplings' | 'phones' | 'draft';

/** Fictional upcoming activities of 福源小镇社区, modelled on the kinds the station runs, in the days after `now`. */
const notices = (now: Date): Record<NoticeKey, Notice> => {
  /** 'HH:mm' on the station-local day `days` after now's, as an ISO instant with its offset. */
  const localAt = (days: number, time: string) =>
    dayjs.tz(`${dayjs(now).tz(STATION_TZ).add(days, 'day').format('YYYY-MM-DD')} ${time}`, 'YYYY-MM-DD HH:mm', STATION_TZ).format();
  return {
    outing: {
      title: '金秋登高 老年人秋游',
      serviceArea: '老年人',
      targetGroup: '社区60岁以上老年人',
      place: '社区南门集合，乘车前往农家乐',
      description: '一起去郊外农家乐赏秋、采摘、吃农家饭。社工和志愿者全程陪同，请穿舒适的鞋子，带好常用药。',
      capacity: 15,
      maxParty: 1,
      safetyAgreement: true,
      safetyTerms: '1. 听从领队安排，不单独行动；2. 如有高血压、心脏病等请提前告知社工并带好药品；3. 活动中身体不适请立即告诉身边的社工或志愿者。',
      startAt: localAt(6, '08:30'),
      endAt: localAt(6, '16:00'),
      signUpDeadline: localAt(4, '18:00'),
    },
    family: {
      title: '大手牵小手 亲子游',
      indicatorId: DEMO_INDICATORS.familyOuting,
      serviceArea: '家庭',
      targetGroup: '社区亲子家庭（10组，每组家长和孩子各1人）',
      place: '社区南门集合，步行前往附近农家乐',
      description: '家长和孩子一起参加农事体验和亲子游戏。每组家庭两人：报名时请添加一位同行的孩子。',
      capacity: 20,
      maxParty: 1,
      safetyAgreement: true,
      safetyTerms: '1. 家长全程看护自己的孩子；2. 不到水边、不攀爬；3. 听从社工安排，集体行动。',
      startAt: localAt(9, '09:00'),
      endAt: localAt(9, '15:00'),
      signUpDeadline: localAt(7, '20:00'),
    },
    lecture: {
      title: '社区大讲堂：心理健康与家庭沟通',
      indicatorId: DEMO_INDICATORS.lecture,
      serviceArea: '社区',
      targetGroup: '社区居民',
      place: '社区便民大厅',
      description: '请心理咨询师讲讲情绪调节和家人之间怎么好好说话，讲座后可以自由提问。',
      capacity: 40,
      startAt: localAt(4, '14:30'),
      endAt: localAt(4, '16:00'),
    },
    dumplings: {
      title: '爱在冬至 包饺子送温暖',
      serviceArea: '社区',
      targetGroup: '社区居民、志愿者',
      place: '社区便民大厅',
      description: '大家一起包饺子，包好的饺子由志愿者送到独居老人家里。可以带家人一起来。',
      capacity: 30,
      maxParty: 2,
      startAt: localAt(12, '09:30'),
      endAt: localAt(12, '12:00'),
    },
    phones: {
      title: '“智能，不落伍”智能机学习小组',
      indicatorId: DEMO_INDICATORS.elderlyGroup,
      serviceArea: '老年人',
      targetGroup: '想学用智能手机的老年人',
      place: '社工站活动室',
      description: '一共5次，每周一次：认识手机、微信聊天、视频通话、扫码与出行、防范诈骗。请带上自己的手机。',
      capacity: 4,
      sessions: ['认识手机', '微信聊天', '视频通话', '扫码与出行', '防范诈骗'].map((topic, week) => ({
        startAt: localAt(3 + week * 7, '09:30'),
        endAt: localAt(3 + week * 7, '11:00'),
        topic,
      })),
    },
    draft: {
      title: '残疾人社区融合活动（筹备中）',
      indicatorId: DEMO_INDICATORS.disabledIntegration,
      serviceArea: '残障人士',
      targetGroup: '社区残障人士及家属',
      place: '社区便民大厅',
      capacity: 20,
      maxParty: 1,
      startAt: localAt(20, '14:00'),
      endAt: localAt(20, '16:30'),
    },
  };
};

/** Notices posted by the worker, and sign-ups by demo residents as they would make them; `now` is the system's clock. */
export async function seedActivities(call: SeedCall, now: Date): Promise<void> {
  const ids = {} as Record<NoticeKey, string>;
  for (const [key, notice] of Object.entries(notices(now)) as [NoticeKey, Notice][]) {
    ids[key] = (await call('activities', 'create', notice, DEMO.worker)).id;
    if (key !== 'draft') await call('activities', 'publish', { activityId: ids[key] }, DEMO.worker);
  }
  const signUp = (n: number, activityId: string, extra: Omit<ActionInput<'activities', 'signUp'>, 'activityId'> = {}) =>
    call('activities', 'signUp', { activityId, ...extra }, DEMO.resident(n));

  for (const n of [1, 2, 3, 7, 9]) await signUp(n, ids.outing, { agreeSafety: true });
  await signUp(5, ids.family, { agreeSafety: true, party: [{ name: '刘小雨', relation: '女儿' }] });
  await signUp(8, ids.family, { agreeSafety: true, party: [{ name: '周小宇', relation: '儿子' }] });
  for (const n of [4, 6, 10, 14, 18]) await signUp(n, ids.lecture);
  await signUp(6, ids.dumplings, {
    party: [
      { name: '陈乐乐', relation: '儿子' },
      { name: '周丽', relation: '妻子' },
    ],
  });
  // Five for four seats: the last one waits (候补).
  for (const n of [2, 11, 13, 15, 19]) await signUp(n, ids.phones);

  // 田大爷 has no WeChat: the worker signs him up in person (代报名).
  const [tian] = await call('users', 'findResidents', { query: '田大爷' }, DEMO.worker);
  if (tian) await call('activities', 'proxySignUp', { activityId: ids.dumplings, personId: tian.id }, DEMO.worker);
}
