import { buildSync } from 'esbuild';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CloudBase uploads each function folder on its own, so the code shared by functions
 * (cloudfunctions/_shared) is bundled into each function's index.js here. Only the SDK stays
 * external: it is the function's one npm dependency, installed by CloudBase from its package.json.
 */
export const FUNCTIONS_DIR = join(__dirname, '..', 'cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(FUNCTIONS_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export function buildFunctions(): string[] {
  const names = functionNames();
  for (const name of names) {
    const outfile = join(FUNCTIONS_DIR, name, 'index.js');
    // Written beside and renamed: a process loading the bundle meanwhile (a test run) reads a whole file.
    const tmp = `${outfile}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [join(FUNCTIONS_DIR, name, 'index.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['@cloudbase/node-sdk'],
      logLevel: 'warning',
    });
    renameSync(tmp, outfile);
  }
  return names;
}

// Not `require.main === module`: the test typecheck also loads the mini-program's typings, whose `require` has no `main`.
if (process.argv[1] === __filename) {
  console.log(`built ${buildFunctions().join(', ')}`);
}
