import qrcode from 'qrcode-generator';

/**
 * The modules of a QR code for `text`, row by row (true = dark), drawn by the page as plain
 * views: crisp at any text size, and the same in WeChat, the tests and the browser preview.
 * Level M survives a scratched or dim screen at the door.
 */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  // Check-in codes are digits and capitals: QR's compact alphanumeric mode keeps the symbol small.
  qr.addData(text, /^[0-9A-Z]+$/.test(text) ? 'Alphanumeric' : 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}
