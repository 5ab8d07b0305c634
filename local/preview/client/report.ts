/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Problems beside the phone (and in the console): a page that cannot load, an error in page code. */
export function report(where: string, err: unknown): void {
  console.error(where, err);
  const list = document.getElementById('problems');
  if (!list) return;
  const item = document.createElement('li');
  item.textContent = `${where}：${err instanceof Error ? err.message : String(err)}`;
  list.append(item);
  list.closest('section')?.removeAttribute('hidden');
}
