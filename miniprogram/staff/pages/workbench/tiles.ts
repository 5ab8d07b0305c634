import type { Profile } from '../../../services/users';

type Role = Profile['roles'][number];

export interface Tile {
  id: string;
  title: string;
  /** One short line: what the page is for. */
  note: string;
  url: string;
  /** Who sees the tile: the roles the page's cloud actions allow. */
  roles: readonly Role[];
}

const WORKERS: readonly Role[] = ['worker', 'admin'];
const REPORT_READERS: readonly Role[] = ['secretary', 'worker', 'admin'];

/** The staff subpackage's pages (app.json), in the order a social worker's day needs them. */
export const TILES: readonly Tile[] = [
  { id: 'roster', title: '报名和签到', note: '看报名名单，活动当天签到', url: '/staff/pages/roster/index', roles: [...WORKERS, 'volunteer'] },
  { id: 'activity-edit', title: '发布活动', note: '写活动通知，设名额', url: '/staff/pages/activity-edit/index', roles: WORKERS },
  { id: 'notices', title: '要打电话通知的', note: '没收到微信通知的居民，打电话告诉TA', url: '/staff/pages/notices/index', roles: WORKERS },
  { id: 'service-queue', title: '服务申请', note: '居民申请的义剪、辅导、上门', url: '/staff/pages/service-queue/index', roles: WORKERS },
  { id: 'service-record', title: '服务记录', note: '记下做过的服务', url: '/staff/pages/service-record/index', roles: [...WORKERS, 'volunteer'] },
  { id: 'group-admin', title: '队伍管理', note: '合唱团、太极队的成员和练习', url: '/staff/pages/group-admin/index', roles: WORKERS },
  { id: 'work-records', title: '工作记录', note: '补录活动，记会议、培训、入户、资源链接', url: '/staff/pages/work-records/index', roles: WORKERS },
  { id: 'volunteer-hours', title: '志愿时长', note: '志愿者的服务时间', url: '/staff/pages/volunteer-hours/index', roles: [...WORKERS, 'volunteer'] },
  { id: 'dashboard', title: '数据看板', note: '报名人数、受益人次', url: '/staff/pages/dashboard/index', roles: REPORT_READERS },
  { id: 'report', title: '报表', note: '导出月度总结和活动统计', url: '/staff/pages/report/index', roles: REPORT_READERS },
  { id: 'people', title: '居民和人员', note: '查居民、设标签，登记没有微信的居民', url: '/staff/pages/people/index', roles: WORKERS },
  { id: 'plan', title: '计划指标', note: '项目期和每月的计划', url: '/staff/pages/plan/index', roles: ['admin'] },
];

/** The tiles a person with these roles sees; none for a resident. */
export const tilesFor = (roles: readonly Role[]) => TILES.filter((t) => t.roles.some((r) => roles.includes(r)));
