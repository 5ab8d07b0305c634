import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds miniprogram/miniprogram_npm from node_modules, offline, the way WeChat DevTools'
 * "构建 npm" does (packNpmManually; see docs on testing). Generated, never committed.
 * Skips the work when the mini-program's dependencies have not changed since the last build.
 */
const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'miniprogram', 'miniprogram_npm');
const STAMP = join(ROOT, 'node_modules', '.cache', 'pack-npm.json');

/** The installed version of every mini-program dependency: when it changes, rebuild. */
function installedVersions(): string {
  const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const versions = Object.keys(dependencies)
    .sort()
    .map((name) => {
      const pkg = join(ROOT, 'node_modules', name, 'package.json');
      return `${name}@${existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version : 'missing'}`;
    });
  return JSON.stringify(versions);
}

async function main(): Promise<void> {
  const wanted = installedVersions();
  if (existsSync(DIST) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) {
    console.log('miniprogram_npm is up to date');
    return;
  }
  // Loaded only when needed: miniprogram-ci alone takes over a second to load.
  const ci = await import('miniprogram-ci');
  const result = await ci.packNpmManually({
    packageJsonPath: join(ROOT, 'package.json'),
    miniprogramNpmDistDir: join(ROOT, 'miniprogram'),
  });
  if (result.warnList.length > 0) console.warn(result.warnList);
  mkdirSync(join(STAMP, '..'), { recursive: true });
  writeFileSync(STAMP, wanted);
  console.log(`miniprogram_npm built (${result.miniProgramPackNum} mini-program packages)`);
}

// miniprogram-ci leaves workers running: exit explicitly either way.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
