import { addDays, scheduledDays } from '../../cloudfunctions/groups/rules';
import { localDay } from '../../cloudfunctions/_shared/time';
import type { ActionInput } from '../../cloudfunctions/contracts';
import { DEMO, type SeedCall } from './call';
import { DEMO_INDICATORS } from './stats';

type NewGroup = ActionInput<'groups', 'create'>;

interface DemoGroup {
  group: NewGroup;
  leader: number;
  deputy: number;
  members: number[];
  /** An application waiting for the leader. */
  pending: { resident: number; why: string; experience?: string; preferredTimes?: string };
}

/** The two community groups of 福源小镇社区 (fictional members from the demo residents). */
const GROUPS: DemoGroup[] = [
  {
    group: {
      name: '福源红合唱团',
      description: '社区居民自己的合唱团。每周三晚饭后一起练嗓唱歌，逢年过节为邻居们表演。不会识谱也没关系，跟着大家一起唱就行。',
      serviceArea: '社区',
      place: '福源小镇便民大厅二楼',
      schedule: { weekdays: [3], startTime: '19:00', durationMinutes: 90 },
      indicatorId: DEMO_INDICATORS.choir,
    },
    leader: 9,
    deputy: 13,
    members: [1, 3, 7, 11, 15],
    pending: { resident: 18, why: '喜欢唱歌，想多认识几个邻居', experience: '年轻时在厂里唱过合唱', preferredTimes: '晚上都可以' },
  },
  {
    group: {
      name: '福源太极健身队',
      description: '一起打太极拳、练八段锦，强身健体。队员们一起商量定下了队伍契约：按时练习、互相照应、爱护场地。',
      serviceArea: '老年人',
      place: '社区小广场（雨雪天在便民大厅一楼）',
      schedule: { weekdays: [1, 3, 5], startTime: '07:30', durationMinutes: 60 },
      indicatorId: null,
    },
    leader: 2,
    deputy: 19,
    members: [11, 17],
    pending: { resident: 4, why: '医生建议多活动活动', preferredTimes: '周一、周五早上' },
  },
];

/** Groups, their members and roles, one application to decide, and roll calls of recent practices before `now` (the system's clock). */
export async function seedGroups(call: SeedCall, now: Date): Promise<void> {
  const today = localDay(now);
  const [offline] = await call('users', 'findResidents', { query: '田大爷' }, DEMO.worker);

  for (const [g, demo] of GROUPS.entries()) {
    const created = await call('groups', 'create', demo.group, DEMO.worker);
    const groupId = created.id;
    const leader = DEMO.resident(demo.leader);
    const deputy = DEMO.resident(demo.deputy);

    for (const n of [demo.leader, demo.deputy, ...demo.members]) {
      await call('groups', 'apply', { groupId, why: '想和大家一起活动', preferredTimes: created.scheduleText }, DEMO.resident(n));
    }
    // The worker approves the founding 队长 and 副队长 and names them; from then on they approve members.
    await call('groups', 'approve', { groupId, personId: leader }, DEMO.worker);
    await call('groups', 'approve', { groupId, personId: deputy }, DEMO.worker);
    await call('groups', 'setRole', { groupId, personId: leader, role: 'leader' }, DEMO.worker);
    await call('groups', 'setRole', { groupId, personId: deputy, role: 'deputy' }, DEMO.worker);
    for (const n of demo.members) await call('groups', 'approve', { groupId, personId: DEMO.resident(n) }, leader);

    const roster = [leader, deputy, ...demo.members.map((n) => DEMO.resident(n))];
    if (g === 1 && offline) {
      // 田大爷 has no WeChat: the worker added him in person (代报名).
      await call('groups', 'addMember', { groupId, personId: offline.id }, DEMO.worker);
      roster.push(offline.id);
    }
    await call('groups', 'apply', { groupId, ...demo.pending }, DEMO.resident(demo.pending.resident));

    // The last four practices before today, taken from the paper roll: most members came each time.
    const past = scheduledDays(created.schedule, addDays(today, -35), addDays(today, -1)).slice(-4);
    for (const [k, day] of past.entries()) {
      for (const [i, personId] of roster.entries()) {
        if ((i + k) % 4 === 3) continue;
        await call('groups', 'tick', { groupId, day, personId }, leader);
      }
    }

    if (g === 1) {
      // An exception to the weekly rhythm: one practice next week is called off (场地维修).
      const skipped = scheduledDays(created.schedule, addDays(today, 7), addDays(today, 13))[0];
      await call('groups', 'update', { groupId, ...demo.group, schedule: { ...demo.group.schedule, cancelledDays: [skipped] } }, DEMO.worker);
    }
  }
}
