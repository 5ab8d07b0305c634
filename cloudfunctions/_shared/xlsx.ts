import type { CellValue, Font } from 'exceljs';

/**
 * Every .xlsx the station hands out (报名表, 签到表, 志愿服务时长, the funder's reports) is sheets of
 * one table each: a few lines above it, a bold header row, the rows. exceljs is loaded only when a
 * file is asked for, so the actions that export nothing start without it.
 */

/** A column: its header and its width in characters. */
export type Column = [header: string, width: number];

export interface Sheet {
  name: string;
  title?: {
    lines: string[];
    /** The first line's font: a heading. */
    font?: Partial<Font>;
    /** Laid out for paper: the lines span the table, and a blank line comes before it. */
    printed?: boolean;
  };
  columns: Column[];
  rows: CellValue[][];
}

/** The workbook's bytes, for `shareFile` (_shared/files.ts). */
export async function workbookBytes(sheets: Sheet[]): Promise<Buffer> {
  const { Workbook } = await import('exceljs');
  const book = new Workbook();
  for (const { name, title, columns, rows } of sheets) {
    const sheet = book.addWorksheet(name);
    if (title) {
      for (const line of title.lines) {
        const row = sheet.addRow([line]);
        if (title.printed) sheet.mergeCells(row.number, 1, row.number, columns.length);
      }
      if (title.font) sheet.getRow(1).font = title.font;
      if (title.printed) sheet.addRow([]);
    }
    sheet.addRow(columns.map(([header]) => header)).font = { bold: true };
    columns.forEach(([, width], i) => (sheet.getColumn(i + 1).width = width));
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
