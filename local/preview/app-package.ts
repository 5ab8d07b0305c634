import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/**
 * Everything the browser needs to run the mini-program, read from `root` (the folder holding
 * app.json): a map of json/wxss/js by mini-program path, the WXML compiled by WeChat's own `wcc`,
 * and the pages app.json lists whose files are missing or broken (reported, never fatal — pages
 * are being written while the preview runs).
 */
export interface AppPackage {
  appJson: AppJson;
  /** Every page app.json lists, subpackages included, as routes (`staff/pages/x/index`). */
  routes: string[];
  /** Mini-program path (no leading slash, with extension) → content, as simulate's browser build reads it. */
  files: Record<string, string>;
  /** Source of a function returning wcc's `$gwx`; `$gwx('pages/x/index.wxml')` is that page's template. */
  wxml: string;
  wxmlPaths: string[];
  /** route → why it cannot be shown. */
  broken: Record<string, string>;
}

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  window?: Record<string, unknown>;
  tabBar?: { list: { pagePath: string; text: string }[] } & Record<string, unknown>;
  usingComponents?: Record<string, string>;
}

interface ComponentJson {
  usingComponents?: Record<string, string>;
  [key: string]: unknown;
}

const SCRIPT_EXTENSIONS = ['.ts', '.js'];

function allRoutes(app: AppJson): string[] {
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => posix.join(s.root, p)))];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function scriptOf(root: string, path: string): string | undefined {
  return SCRIPT_EXTENSIONS.map((ext) => join(root, path + ext)).find((f) => existsSync(f));
}

/**
 * Where WeChat finds a `usingComponents` entry: `/x` from the root, `./x` `../x` beside the
 * component, a bare name beside it first and else in the nearest `miniprogram_npm` above it.
 */
function resolveComponent(root: string, from: string, spec: string): string | undefined {
  if (spec.startsWith('/')) return posix.normalize(spec.slice(1));
  const beside = posix.join(posix.dirname(from), spec);
  if (spec.startsWith('.') || existsSync(join(root, `${beside}.json`))) return beside;
  for (let dir = posix.dirname(from); ; dir = posix.dirname(dir)) {
    const candidate = posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', spec);
    if (existsSync(join(root, `${candidate}.json`))) return candidate;
    // npm packages may name a folder: `tdesign-miniprogram/button` means `.../button/index`.
    if (existsSync(join(root, candidate, 'index.json'))) return posix.join(candidate, 'index');
    if (dir === '.' || dir === '') return undefined;
  }
}

/** `<import src>`, `<include src>` and `<wxs src>` of a WXML file, and `require()` of a WXS file. */
function templateDeps(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const pattern = file.endsWith('.wxs') ? /require\(\s*['"]([^'"]+)['"]\s*\)/g : /<(?:import|include|wxs)\b[^>]*?\bsrc=["']([^"']+)["']/g;
  return [...text.matchAll(pattern)].map((m) => (m[1].startsWith('/') ? posix.normalize(m[1].slice(1)) : posix.join(posix.dirname(file), m[1])));
}

/** Every WXML and WXS file `wcc` must see to compile these templates. */
function templateClosure(root: string, wxmlFiles: string[]): { wxml: string[]; wxs: string[] } {
  const seen = new Set<string>();
  const queue = [...wxmlFiles];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    queue.push(...templateDeps(root, file));
  }
  const all = [...seen];
  return { wxml: all.filter((f) => f.endsWith('.wxml')), wxs: all.filter((f) => f.endsWith('.wxs')) };
}

/** WXSS with its `@import`s, each file once, as simulate's browser build inlines them itself. */
function addStyles(root: string, file: string, files: Record<string, string>): void {
  if (file in files || !existsSync(join(root, file))) return;
  // simulate joins every import onto the importing file's folder: make root-absolute ones relative.
  const text = readFileSync(join(root, file), 'utf8').replace(
    /@import\s+["']\/([^"']+)["']/g,
    (_, target: string) => `@import "${posix.relative(posix.dirname(file), target)}"`,
  );
  files[file] = text;
  for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) addStyles(root, posix.join(posix.dirname(file), m[1]), files);
}

/**
 * WeChat's `wcc`, the compiler DevTools uses, so WXML behaves here as on a phone (wxs modules,
 * templates, imports). It is x86-64 only and is loaded from miniprogram-simulate's dependency.
 */
function compileWxml(root: string, wxmlList: string[], wxsList: string[]): string {
  const compiler = createRequire(createRequire(__filename).resolve('miniprogram-simulate'))('miniprogram-compiler') as {
    wxmlToJs(root: string, options: { wxmlList: string[]; wxsList: string[]; maxBuffer: number }): string;
  };
  return compiler.wxmlToJs(root, { wxmlList, wxsList, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Each page's and component's script as one CommonJS file, types stripped, its imports bundled
 * in: simulate runs it again for every page that uses it, exactly as it runs the files in tests.
 * Bare imports resolve through `miniprogram_npm` first, as on WeChat.
 */
async function bundleScript(root: string, file: string): Promise<string> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['miniprogram', 'main', 'module'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'miniprogram-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            for (let dir = args.resolveDir; dir.startsWith(root); dir = dirname(dir)) {
              const pkg = join(dir, 'miniprogram_npm', args.path);
              for (const candidate of [`${pkg}.js`, join(pkg, 'index.js')]) if (existsSync(candidate)) return { path: candidate };
              if (dir === root) break;
            }
            return undefined;
          });
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}

export async function buildAppPackage(root: string): Promise<AppPackage> {
  const appJson = readJson<AppJson>(join(root, 'app.json'));
  const routes = allRoutes(appJson);
  const files: Record<string, string> = {};
  const broken: Record<string, string> = {};
  const problems = new Map<string, string | undefined>(); // page or component path → why it cannot load
  const uses = new Map<string, string[]>(); // page or component path → the components it uses

  const load = (path: string, extraUsing: Record<string, string>): string | undefined => {
    const missing = [existsSync(join(root, `${path}.wxml`)) ? '' : '.wxml', scriptOf(root, path) ? '' : '.ts'].filter(Boolean);
    if (missing.length) return `${path}: 缺少 ${missing.join('、')}`;
    const json: ComponentJson = existsSync(join(root, `${path}.json`)) ? readJson<ComponentJson>(join(root, `${path}.json`)) : {};
    const using: Record<string, string> = {};
    for (const [tag, spec] of Object.entries({ ...extraUsing, ...json.usingComponents })) {
      const target = resolveComponent(root, path, spec);
      if (!target) return `${path}: 找不到组件 ${tag} (${spec})`;
      uses.get(path)!.push(target);
      const problem = visit(target, {});
      if (problem) return problem;
      // Root-absolute, so simulate finds it whatever the page's folder.
      using[tag] = `/${target}`;
    }
    files[`${path}.json`] = JSON.stringify({ ...json, usingComponents: using });
    return undefined;
  };
  const visit = (path: string, extraUsing: Record<string, string>): string | undefined => {
    if (!problems.has(path)) {
      problems.set(path, undefined); // a component that uses itself (a tree) is fine
      uses.set(path, []);
      problems.set(path, load(path, extraUsing));
    }
    return problems.get(path);
  };
  for (const route of routes) {
    // app.json's usingComponents are available on every page.
    const problem = visit(route, appJson.usingComponents ?? {});
    if (problem) broken[route] = problem.replace(`${route}: `, '');
  }

  /** A page and every component it renders, however deep. */
  const partsOf = (path: string, parts = new Set<string>()): Set<string> => {
    if (!parts.has(path)) {
      parts.add(path);
      for (const used of uses.get(path) ?? []) partsOf(used, parts);
    }
    return parts;
  };
  const pages = new Map(routes.map((route) => [route, partsOf(route)]));
  const blame = (path: string, why: string) => {
    for (const [route, parts] of pages) if (parts.has(path)) broken[route] ??= why;
  };
  const loadable = () => [...new Set(routes.filter((r) => !(r in broken)).flatMap((r) => [...pages.get(r)!]))];

  addStyles(root, 'app.wxss', files);
  for (const path of loadable()) {
    addStyles(root, `${path}.wxss`, files);
    // app.wxss applies to every page: imported first, so the page's own rules win.
    if (pages.has(path) && 'app.wxss' in files) {
      files[`${path}.wxss`] = `@import "${posix.relative(posix.dirname(path), 'app.wxss')}";\n${files[`${path}.wxss`] ?? ''}`;
    }
  }

  // One script or template that fails to compile must not take the other pages down.
  await Promise.all(
    loadable().map(async (path) => {
      try {
        files[`${path}.js`] = await bundleScript(root, scriptOf(root, path)!);
      } catch (err) {
        blame(path, `${path}: 脚本无法编译 — ${firstLines(err, 1)}`);
      }
    }),
  );
  const appScript = scriptOf(root, 'app');
  if (appScript) files['app.js'] = await bundleScript(root, appScript);

  const templates = (paths: Iterable<string>) =>
    templateClosure(
      root,
      [...paths].map((p) => `${p}.wxml`),
    );
  let closure = templates(loadable());
  let wxml: string;
  try {
    wxml = compileWxml(root, closure.wxml, closure.wxs);
  } catch {
    // Find the pages whose templates wcc rejects, one by one, and leave them out.
    for (const route of routes.filter((r) => !(r in broken))) {
      const own = templates(pages.get(route)!);
      try {
        compileWxml(root, own.wxml, own.wxs);
      } catch (err) {
        broken[route] = `WXML 无法编译 — ${firstLines(err, 3)}`;
      }
    }
    closure = templates(loadable());
    wxml = compileWxml(root, closure.wxml, closure.wxs);
  }
  return { appJson, routes, files, wxml, wxmlPaths: closure.wxml, broken };
}

const firstLines = (err: unknown, n: number) =>
  String(err instanceof Error ? err.message : err)
    .split('\n')
    .slice(0, n)
    .join(' ');

/** Changes when any file of the mini-program (or its built npm packages) changes. */
export function fingerprint(root: string): string {
  let latest = 0;
  let count = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        // miniprogram_npm is rebuilt as a whole: its folder's own time is enough.
        if (entry.name === 'miniprogram_npm') latest = Math.max(latest, statSync(full).mtimeMs);
        else walk(full);
      } else {
        count++;
        latest = Math.max(latest, statSync(full).mtimeMs);
      }
    }
  };
  walk(root);
  return `${count}:${latest}`;
}

/** A file of the mini-program (an image), or undefined outside it. */
export function assetPath(root: string, urlPath: string): string | undefined {
  const file = join(root, decodeURIComponent(urlPath));
  return relative(root, file).startsWith('..') ? undefined : file;
}
