import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/*
 * What WeChat checks when it opens the project, checked here where the page tests cannot see it:
 * every page in app.json has its four files, every usingComponents path resolves (simulate
 * silently skips one that does not), and every WXML compiles with WeChat's own compiler (wcc),
 * which is stricter than the one the page tests render with.
 */
const ROOT = join(__dirname, '..', '..', 'miniprogram');
const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
const PAGES = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

test.each(PAGES)('%s has its .ts, .wxml, .wxss and .json', (page) => {
  const missing = ['.ts', '.wxml', '.wxss', '.json'].filter((ext) => !existsSync(join(ROOT, page + ext)));
  expect(missing).toEqual([]);
});

/** The app's own component and page .json files (not miniprogram_npm). */
function ownJsonFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'miniprogram_npm' || e.name === 'node_modules' ? [] : ownJsonFiles(path);
    return e.name.endsWith('.json') && existsSync(path.replace(/\.json$/, '.wxml')) ? [path] : [];
  });
}

test('every usingComponents path resolves to a component', () => {
  const broken: string[] = [];
  for (const file of ownJsonFiles()) {
    const using = (JSON.parse(readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {};
    for (const [tag, path] of Object.entries(using)) {
      const base = path.startsWith('/') ? join(ROOT, path) : path.startsWith('.') ? join(dirname(file), path) : join(ROOT, 'miniprogram_npm', path);
      if (!existsSync(`${base}.json`)) broken.push(`${relative(ROOT, file)}: ${tag} → ${path}`);
    }
  }
  expect(broken).toEqual([]);
});

test("every WXML compiles with WeChat's compiler", () => {
  const wcc = require('miniprogram-compiler') as { wxmlToJs(root: string, options: { maxBuffer: number }): string };
  // Throws with file:line:column on the first broken template; compiles miniprogram_npm too, hence the buffer.
  expect(() => wcc.wxmlToJs(ROOT, { maxBuffer: 256 * 1024 * 1024 })).not.toThrow();
});
