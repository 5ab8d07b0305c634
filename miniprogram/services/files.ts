import type { ActionOutput } from '../../cloudfunctions/contracts';

/** What an export action returns: a file in cloud storage behind a link that works for ten minutes. */
export type SharedFile = ActionOutput<'activities', 'exportRoster'>;

/**
 * Downloads an export into the mini-program's own folder, under its own name, and opens it in
 * WeChat's viewer, whose menu forwards it to a chat or prints it. The link's domain (cloud
 * storage's) must be in the mini-program's downloadFile 合法域名 (README, deploy).
 */
export async function openSharedFile(file: SharedFile): Promise<void> {
  const filePath = `${wx.env.USER_DATA_PATH}/${file.fileName}`;
  await new Promise<void>((resolve, reject) =>
    wx.downloadFile({
      url: file.url,
      filePath,
      success: (res) => (res.statusCode === 200 ? resolve() : reject(new Error(`download failed: ${res.statusCode}`))),
      fail: reject,
    }),
  );
  await wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}
