import { localDateTime } from '../_shared/time';
import { workbookBytes, type Sheet } from '../_shared/xlsx';
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

/** Both sheets are printed: a large heading, then the activity's time and place. */
const printedTitle = (heading: string, subheading: string): Sheet['title'] => ({ lines: [heading, subheading], font: { bold: true, size: 16 }, printed: true });

export function rosterSheet(title: string, when: string, rows: SheetRow[]): Promise<Buffer> {
  return workbookBytes([
    {
      name: '报名表',
      title: printedTitle(`${title} 报名表`, when),
      columns: [
        ['序号', 6],
        ['姓名', 12],
        ['电话', 15],
        ['同行家人', 30],
        ['人数', 6],
        ['状态', 8],
        ['报名方式', 10],
        ['报名时间', 18],
      ],
      rows: rows.map((r, i) => [
        i + 1,
        r.name,
        r.phone,
        partyText(r.party),
        r.seats,
        STATUS_TEXT[r.status],
        r.proxy ? '代报名' : '本人',
        localDateTime(r.signedUpAt),
      ]),
    },
  ]);
}

/** Registered people only; a tick and headcount where they were already checked in, blanks to sign otherwise. */
export function signInSheet(title: string, when: string, rows: SheetRow[]): Promise<Buffer> {
  return workbookBytes([
    {
      name: '签到表',
      title: printedTitle(`${title} 签到表`, when),
      columns: [
        ['序号', 6],
        ['姓名', 12],
        ['电话', 15],
        ['同行家人', 30],
        ['报名人数', 10],
        ['到场人数', 10],
        ['签到', 8],
        ['签名', 16],
      ],
      rows: rows
        .filter((r) => r.status === 'registered')
        .map((r, i) => [i + 1, r.name, r.phone, partyText(r.party), r.seats, r.headcount ?? '', r.headcount === null ? '' : '✓', '']),
    },
  ]);
}
