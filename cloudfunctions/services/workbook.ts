import { workbookBytes, type Column } from '../_shared/xlsx';
import type { ServiceRecordDoc, VolunteerTotal } from './rules';
import { hoursOf } from './rules';
import { KINDS } from './kinds';

const columns = (...headers: string[]): Column[] => headers.map((h) => [h, 16]);

/**
 * The volunteer-hours workbook staff hand in: a summary per volunteer and one line per service.
 * Whoever organises a service records the volunteers' hours (志愿服务记录); the people served are
 * not in it.
 */
export function volunteerHoursWorkbook(
  range: { from: string; to: string },
  totals: VolunteerTotal[],
  records: ServiceRecordDoc[],
  nameOf: (id: string) => string,
): Promise<Buffer> {
  return workbookBytes([
    {
      name: '汇总',
      title: { lines: [`志愿服务时长 ${range.from} 至 ${range.to}`] },
      columns: columns('志愿者', '服务次数', '时长（小时）', '时长（分钟）'),
      rows: totals.map((t) => [nameOf(t.volunteerId), t.services, hoursOf(t.minutes), t.minutes]),
    },
    {
      name: '明细',
      columns: columns('日期', '志愿者', '服务项目', '内容', '时长（分钟）'),
      rows: records.flatMap((r) => (r.volunteerId ? [[r.day, nameOf(r.volunteerId), KINDS[r.kind].title, r.subject ?? r.support.join('、'), r.minutes]] : [])),
    },
  ]);
}
