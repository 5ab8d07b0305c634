import { buildSync } from 'esbuild';
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CloudBase uploads each function folder on its own, so the code shared by functions
 * (cloudfunctions/_shared) is bundled into each function's index.js here, minified. Only the SDK
 * stays external: it is the function's one npm dependency, installed by CloudBase from its
 * package.json. exceljs (two thirds of a bundle) goes into its own `exceljs.js` beside index.js,
 * required only when an export runs, so every other call starts without loading it.
 */
export const FUNCTIONS_DIR = join(__dirname, '..', 'cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(FUNCTIONS_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

const common = { bundle: true, minify: true, platform: 'node', target: 'node16', format: 'cjs', logLevel: 'warning' } as const;

/** Writes beside and renames: a process loading the bundle meanwhile (a test run) reads a whole file. */
function writeWhole(outfile: string, text: string): void {
  const tmp = `${outfile}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, outfile);
}

const bundle = (options: Parameters<typeof buildSync>[0]) => buildSync({ ...common, ...options, write: false }).outputFiles![0].text;

export function buildFunctions(): string[] {
  const names = functionNames();
  for (const name of names) {
    const dir = join(FUNCTIONS_DIR, name);
    const main = bundle({ entryPoints: [join(dir, 'index.ts')], external: ['@cloudbase/node-sdk', 'exceljs'] });
    // _shared/xlsx.ts loads it with `await import('exceljs')`, kept as is for an external module.
    const lazy = 'import("exceljs")';
    writeWhole(join(dir, 'index.js'), main.replaceAll(lazy, 'Promise.resolve().then(()=>require("./exceljs.js"))'));
    if (main.includes(lazy)) writeWhole(join(dir, 'exceljs.js'), bundle({ stdin: { contents: "module.exports = require('exceljs');", resolveDir: dir } }));
    else rmSync(join(dir, 'exceljs.js'), { force: true });
  }
  return names;
}

// Not `require.main === module`: the test typecheck also loads the mini-program's typings, whose `require` has no `main`.
if (process.argv[1] === __filename) {
  console.log(`built ${buildFunctions().join(', ')}`);
}
