import ExcelJS from 'exceljs';
import { localDateTime } from '../_shared/time';
import type { SignUpStatus } from './rules';

/**
 * The paper trail the station keeps for every activity: 报名表 (who signed up, with status) and
 * 签到表 (printed for the door, or filled from the check-ins already made).
 */
export interface SheetRow {
  name: string;
  phone: string;
  party: { name: string; relation: string }[];
  seats: number;
  status: SignUpStatus;
  proxy: boolean;
  signedUpAt: Date;
  /** Headcount at the session the sign-in sheet is for, or null when not checked in. */
  headcount: number | null;
}

const STATUS_TEXT: Record<SignUpStatus, string> = { registered: '已报名', waitlisted: '候补', cancelled: '已取消' };
const partyText = (party: SheetRow['party']) => party.map((m) => `${m.name}（${m.relation}）`).join('、');

function titleRows(sheet: ExcelJS.Worksheet, heading: string, subheading: string, width: number) {
  sheet.addRow([heading]);
  sheet.addRow([subheading]);
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  sheet.getRow(1).font = { bold: true, size: 16 };
  sheet.addRow([]);
}

function tableHeader(sheet: ExcelJS.Worksheet, headers: string[], widths: number[]) {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

async function toBase64(book: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

export async function rosterSheet(title: string, when: string, rows: SheetRow[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('报名表');
  const headers = ['序号', '姓名', '电话', '同行家人', '人数', '状态', '报名方式', '报名时间'];
  titleRows(sheet, `${title} 报名表`, when, headers.length);
  tableHeader(sheet, headers, [6, 12, 15, 30, 6, 8, 10, 18]);
  rows.forEach((r, i) =>
    sheet.addRow([i + 1, r.name, r.phone, partyText(r.party), r.seats, STATUS_TEXT[r.status], r.proxy ? '代报名' : '本人', localDateTime(r.signedUpAt)]),
  );
  return toBase64(book);
}

/** Registered people only; a tick and headcount where they were already checked in, blanks to sign otherwise. */
export async function signInSheet(title: string, when: string, rows: SheetRow[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('签到表');
  const headers = ['序号', '姓名', '电话', '同行家人', '报名人数', '到场人数', '签到', '签名'];
  titleRows(sheet, `${title} 签到表`, when, headers.length);
  tableHeader(sheet, headers, [6, 12, 15, 30, 10, 10, 8, 16]);
  rows
    .filter((r) => r.status === 'registered')
    .forEach((r, i) => sheet.addRow([i + 1, r.name, r.phone, partyText(r.party), r.seats, r.headcount ?? '', r.headcount === null ? '' : '✓', '']));
  return toBase64(book);
}
