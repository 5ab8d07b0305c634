import type { ServiceRecordDoc, VolunteerTotal } from './rules';
import { hoursOf } from './rules';
import { KINDS } from './kinds';

/**
 * The volunteer-hours workbook staff hand in: a summary per volunteer and one line per service.
 * Whoever organises a service records the volunteers' hours (志愿服务记录); the people served are
 * not in it. exceljs is loaded only when a workbook is asked for, so other actions stay quick to start.
 */
export async function volunteerHoursWorkbook(
  range: { from: string; to: string },
  totals: VolunteerTotal[],
  records: ServiceRecordDoc[],
  nameOf: (id: string) => string,
): Promise<Buffer> {
  const { Workbook } = await import('exceljs');
  const book = new Workbook();

  const summary = book.addWorksheet('汇总');
  summary.addRow([`志愿服务时长 ${range.from} 至 ${range.to}`]);
  summary.addRow(['志愿者', '服务次数', '时长（小时）', '时长（分钟）']);
  for (const t of totals) summary.addRow([nameOf(t.volunteerId), t.services, hoursOf(t.minutes), t.minutes]);
  summary.getRow(2).font = { bold: true };
  summary.columns.forEach((c) => (c.width = 16));

  const detail = book.addWorksheet('明细');
  detail.addRow(['日期', '志愿者', '服务项目', '内容', '时长（分钟）']);
  for (const r of records) {
    if (!r.volunteerId) continue;
    detail.addRow([r.day, nameOf(r.volunteerId), KINDS[r.kind].title, r.subject ?? r.support.join('、'), r.minutes]);
  }
  detail.getRow(1).font = { bold: true };
  detail.columns.forEach((c) => (c.width = 16));

  return Buffer.from(await book.xlsx.writeBuffer());
}
