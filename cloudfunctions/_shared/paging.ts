import { AppError } from './errors';

/** The most documents one read returns: the server caps `get()` at 1000. */
export const PAGE = 1000;

/**
 * Every document of a query, a page at a time, so nothing is silently cut off at the server's
 * cap. `page(skip, limit)` runs the query (with a stable order) from `skip`. Past `max` documents
 * it refuses with `TOO_MANY` rather than return part of the answer.
 */
export async function readAll<T>(page: (skip: number, limit: number) => Promise<{ data: unknown[] }>, max = 50_000): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await page(skip, PAGE);
    all.push(...(data as T[]));
    if (all.length > max) throw tooMany();
    if (data.length < PAGE) return all;
  }
}

/** Runs a query per slice of at most `PAGE` ids (`_.in` of them), each slice read in full. */
export async function readByIds<T>(ids: string[], page: (slice: string[], skip: number, limit: number) => Promise<{ data: unknown[] }>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const all: T[] = [];
  for (let i = 0; i < unique.length; i += PAGE) {
    const slice = unique.slice(i, i + PAGE);
    all.push(...(await readAll<T>((skip, limit) => page(slice, skip, limit))));
  }
  return all;
}

export const tooMany = () => new AppError('TOO_MANY', '数据太多，一次显示不完，请缩小查询范围（例如按时间段或类别分开查看）');
