import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionNames } from '../../scripts/build-functions';

const ROOT = join(__dirname, '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** DevTools deploys from each function's config.json, the CLI from cloudbaserc.json: they must agree. */
test('cloudbaserc.json deploys every function with the triggers its config.json declares', () => {
  const rc = json('cloudbaserc.json') as { functions: { name: string; triggers?: unknown[] }[] };
  expect(rc.functions.map((f) => f.name).sort()).toEqual(functionNames());
  for (const name of functionNames()) {
    const config = json(`cloudfunctions/${name}/config.json`) as { triggers?: unknown[] };
    expect([name, rc.functions.find((f) => f.name === name)!.triggers ?? []]).toEqual([name, config.triggers ?? []]);
  }
});

test('each function depends on the pinned SDK only', () => {
  const pinned = (json('package.json') as { devDependencies: Record<string, string> }).devDependencies['@cloudbase/node-sdk'];
  for (const name of functionNames()) {
    expect([name, json(`cloudfunctions/${name}/package.json`).dependencies]).toEqual([name, { '@cloudbase/node-sdk': pinned }]);
  }
});
