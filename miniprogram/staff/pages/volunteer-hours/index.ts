import { pageLoad } from '../../../behaviors/page-load';
import { CloudError } from '../../../services/cloud';
import { hoursText, myHours, openVolunteerHours, volunteerHours } from '../../../services/services';
import { isWorkerOrAdmin, me } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { formatDateTime, localDay } from '../../../utils/date';
import { now } from '../../../utils/clock';

/**
 * 志愿时长: a volunteer sees the hours they have given; staff see every volunteer's hours for a
 * date range and export them as a table (whoever organises the service records the hours).
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    staff: false,
    from: `${localDay(now()).slice(0, 8)}01`,
    to: localDay(now()),
    today: localDay(now()),
    total: '',
    services: 0,
    months: [] as { month: string; hours: string }[],
    recent: [] as { id: string; title: string; whenText: string; minutes: number; subject: string }[],
    volunteers: [] as { volunteerId: string; name: string; hours: string; services: number }[],
    exporting: false,
    exportError: '',
  },
  methods: {
    onLoad() {
      return this.load();
    },
    load() {
      this.setData({ exportError: '' });
      return this.loadWith(async () => {
        const profile = await me();
        const staff = isWorkerOrAdmin(profile.roles);
        this.setData({ staff });
        return staff ? this.readAll() : this.readMine();
      });
    },
    async readMine() {
      const mine = await myHours();
      return {
        state: mine.services ? 'ready' : 'empty',
        total: hoursText(mine.hours),
        services: mine.services,
        months: mine.byMonth.map((m) => ({ month: `${Number(m.month.slice(5))}月`, hours: hoursText(m.hours) })),
        recent: mine.recent.map((r) => ({ id: r.id, title: r.title, whenText: formatDateTime(r.at), minutes: r.minutes, subject: r.subject ?? '' })),
      } as const;
    },
    async readAll() {
      const { volunteers, hours } = await volunteerHours(this.data.from, this.data.to);
      return {
        total: hoursText(hours),
        volunteers: volunteers.map((v) => ({ volunteerId: v.volunteerId, name: v.name, hours: hoursText(v.hours), services: v.services })),
      };
    },
    onRange(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'from' | 'to' }>) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value, exportError: '' });
      return this.loadWith(() => this.readAll());
    },
    async exportTable() {
      this.setData({ exporting: true, exportError: '' });
      try {
        await openVolunteerHours(this.data.from, this.data.to);
      } catch (err) {
        this.setData({ exportError: err instanceof CloudError ? err.message : '表格没有打开，请再试一次' });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
