/**
 * The few posix `path` functions simulate, j-component and postcss call in the browser.
 * Mini-program paths are always posix.
 */
export const sep = '/';

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export const join = (...parts: string[]) => normalize(parts.filter(Boolean).join('/'));

export const isAbsolute = (path: string) => path.startsWith('/');

export const resolve = (...parts: string[]) => normalize(`/${parts.join('/')}`);

export function dirname(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

export const basename = (path: string, ext = '') => {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
};

export const extname = (path: string) => {
  const base = basename(path);
  const i = base.lastIndexOf('.');
  return i > 0 ? base.slice(i) : '';
};

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export const posix = { sep, normalize, join, isAbsolute, resolve, dirname, basename, extname, relative };
