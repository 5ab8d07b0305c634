import { randomBytes } from 'node:crypto';
import { app } from './cloud';
import { AppError } from './errors';
import { localDay } from './time';

/** How long the link to an export works: long enough to open it, short enough that a forwarded link dies. */
export const EXPORT_LINK_SECONDS = 600;

/** What an export action returns: the file's name and a temporary link the page downloads it from. */
export interface SharedFile {
  fileName: string;
  url: string;
}

/**
 * Puts an export in cloud storage and returns a temporary link to it, so the reply stays small
 * whatever the file's size (a callFunction reply is limited). The path holds a random part:
 * storage is private (see README), and the signed link is the only way to the file.
 */
export async function shareFile(fileName: string, bytes: Buffer, now: Date): Promise<SharedFile> {
  const cloudPath = `exports/${localDay(now)}/${randomBytes(12).toString('hex')}/${fileName}`;
  const { fileID } = await app.uploadFile({ cloudPath, fileContent: bytes });
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: EXPORT_LINK_SECONDS }] });
  const link = fileList?.[0];
  if (!link || link.code !== 'SUCCESS') throw new AppError('EXPORT_FAILED', '表格没有生成成功，请稍后再试');
  return { fileName, url: link.tempFileURL };
}
