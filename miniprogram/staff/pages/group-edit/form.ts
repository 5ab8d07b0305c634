import type { GroupDetail, GroupEdit } from '../../../services/groups';

/*
 * The group form's checks, made before anything is sent so staff hear at once what to fix; the
 * groups function checks the same again (its zod contract).
 */

export type ServiceArea = GroupEdit['serviceArea'];
export const SERVICE_AREAS: readonly ServiceArea[] = ['老年人', '残障人士', '家庭', '青少年', '社区'];
/** 1 = 周一 … 7 = 周日, as the function takes them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, text: `周${'一二三四五六日'[day - 1]}` }));

export interface GroupForm {
  name: string;
  description: string;
  place: string;
  serviceArea: ServiceArea | '';
  weekdays: number[];
  startTime: string;
  /** Minutes, as typed. */
  duration: string;
  /** '' = counts toward no plan indicator (项目目标未涉及的拓展服务). */
  indicatorId: string;
}

export const emptyForm = (): GroupForm => ({
  name: '',
  description: '',
  place: '',
  serviceArea: '',
  weekdays: [],
  startTime: '',
  duration: '60',
  indicatorId: '',
});

export const formOf = (g: GroupDetail): GroupForm => ({
  name: g.name,
  description: g.description,
  place: g.place,
  serviceArea: g.serviceArea,
  weekdays: [...g.schedule.weekdays],
  startTime: g.schedule.startTime,
  duration: String(g.schedule.durationMinutes),
  indicatorId: g.indicatorId ?? '',
});

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Accepts 7:30, 7：30 and 19:00 as people type them; '' when it is not a time. */
export function normalTime(typed: string): string {
  const m = typed
    .trim()
    .replace('：', ':')
    .match(/^(\d{1,2}):(\d{2})$/);
  const time = m ? `${m[1].padStart(2, '0')}:${m[2]}` : '';
  return HHMM.test(time) ? time : '';
}

/** What is wrong with the form, in plain words; '' when it can be saved. */
export function formProblem(f: GroupForm): string {
  if (!f.name.trim()) return '请填写队伍名称';
  if (f.name.trim().length > 30) return '队伍名称最多 30 个字';
  if (!f.description.trim()) return '请简单介绍一下这支队伍';
  if (!f.place.trim()) return '请填写练习地点';
  if (f.place.trim().length > 50) return '地点最多 50 个字';
  if (!f.serviceArea) return '请选择服务对象';
  if (f.weekdays.length === 0) return '请选择每周哪几天练习';
  if (!normalTime(f.startTime)) return '开始时间请写成 19:00 这样';
  const minutes = Number(f.duration);
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > 480) return '每次练多久请填 15 到 480 之间的分钟数';
  return '';
}

/** The `create` / `update` input; an edit keeps the days already called off or added. */
export function groupInput(f: GroupForm, existing?: GroupDetail): Omit<GroupEdit, 'groupId'> {
  return {
    name: f.name.trim(),
    description: f.description.trim(),
    place: f.place.trim(),
    serviceArea: f.serviceArea as ServiceArea,
    indicatorId: f.indicatorId || null,
    schedule: {
      weekdays: [...f.weekdays].sort((a, b) => a - b),
      startTime: normalTime(f.startTime),
      durationMinutes: Number(f.duration),
      cancelledDays: existing?.schedule.cancelledDays ?? [],
      extraDays: existing?.schedule.extraDays ?? [],
    },
  };
}
