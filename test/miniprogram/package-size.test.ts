import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * WeChat refuses a main package over 2 MB; we keep it under 1.5 MB so there is room to grow.
 * The main package is everything under miniprogram/ except the subpackages, plus the files of
 * the npm components (miniprogram_npm) it uses — WeChat uploads only those (ignoreUploadUnusedFiles).
 */
const LIMIT_BYTES = 1.5 * 1024 * 1024;
const ROOT = join(__dirname, '..', '..', 'miniprogram');
const NPM = join(ROOT, 'miniprogram_npm');

const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
const SUBPACKAGES = (app.subPackages ?? []).map((p) => join(ROOT, p.root));

function walk(dir: string, skip: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (skip.includes(path)) return [];
    return entry.isDirectory() ? walk(path, skip) : [path];
  });
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };

/** Where a usingComponents entry of `fromJson` points, as a path without extension. */
function componentPath(fromJson: string, value: string): string {
  if (value.startsWith('/')) return join(ROOT, value);
  if (value.startsWith('.')) return join(dirname(fromJson), value);
  return join(NPM, value);
}

/** A module a script imports, as a file: `../common/src/index` → …/index.js; bare names → miniprogram_npm. */
function scriptPath(fromJs: string, spec: string): string | undefined {
  const base = spec.startsWith('.') ? join(dirname(fromJs), spec) : join(NPM, spec);
  return [base, `${base}.js`, join(base, 'index.js')].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Every miniprogram_npm file reachable from the main package: components, their scripts, styles, templates. */
function usedNpmFiles(ownFiles: string[]): Set<string> {
  const used = new Set<string>();
  const visit = (file: string | undefined) => {
    if (!file || used.has(file) || !existsSync(file)) return;
    if (file.startsWith(NPM)) used.add(file);
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.json')) {
      for (const value of Object.values(readJson(file).usingComponents ?? {})) {
        const base = componentPath(file, value);
        for (const ext of ['.json', '.js', '.wxml', '.wxss']) visit(base + ext);
      }
    } else if (file.endsWith('.js') || file.endsWith('.ts')) {
      for (const [, spec] of text.matchAll(/(?:from\s*|require\()\s*["']([^"']+)["']/g)) {
        if (spec.startsWith('.') && !file.startsWith(NPM)) continue; // the app's own files are all counted already
        visit(scriptPath(file, spec));
      }
    } else if (file.endsWith('.wxml') || file.endsWith('.wxss')) {
      for (const [, spec] of text.matchAll(/(?:src=|@import\s*)["']([^"']+)["']/g)) visit(join(dirname(file), spec));
    }
  };
  ownFiles.forEach(visit);
  return used;
}

function mainPackage() {
  const own = walk(ROOT, [NPM, ...SUBPACKAGES]);
  const npm = usedNpmFiles(own);
  const bytes = [...own, ...npm].reduce((sum, f) => sum + statSync(f).size, 0);
  return { own, npm, bytes };
}

test('miniprogram_npm is built (npx tsx scripts/pack-npm.ts)', () => {
  expect(existsSync(join(NPM, 'tdesign-miniprogram', 'button', 'button.js'))).toBe(true);
});

test('the main package counts the npm components it uses, and only those', () => {
  const { own, npm } = mainPackage();
  const rel = [...npm].map((f) => relative(NPM, f));
  // 我的 uses t-button: its script, style and the shared code it imports are counted…
  expect(rel).toEqual(
    expect.arrayContaining(['tdesign-miniprogram/button/button.js', 'tdesign-miniprogram/button/button.wxss', 'tdesign-miniprogram/common/src/index.js']),
  );
  expect(rel.some((f) => f.startsWith('qrcode-generator/'))).toBe(true);
  // …a component nobody uses is not, and nor is a staff page.
  expect(rel.some((f) => f.startsWith('tdesign-miniprogram/chat-markdown/'))).toBe(false);
  expect(own.some((f) => f.includes(`${join(ROOT, 'staff')}/`))).toBe(false);
});

test('the main package stays under 1.5 MB', () => {
  const { bytes } = mainPackage();
  console.log(`main package: ${(bytes / 1024).toFixed(0)} KB of ${LIMIT_BYTES / 1024} KB`);
  expect(bytes).toBeGreaterThan(0);
  expect(bytes).toBeLessThan(LIMIT_BYTES);
});
