import { Workbook } from 'exceljs';

/** An export as the page gets it: the bytes behind the temporary link the function returned. */
export async function downloaded(file: { url: string }): Promise<Buffer> {
  const res = await fetch(file.url);
  if (!res.ok) throw new Error(`the export's link answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The workbook behind an export's link. */
export async function workbookOf(file: { url: string }): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load((await downloaded(file)) as unknown as ArrayBuffer);
  return book;
}
