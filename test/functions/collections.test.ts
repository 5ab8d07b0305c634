import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collections } from '../../database/collections.json';

const ROOT = join(__dirname, '..', '..', 'cloudfunctions');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return d.name.endsWith('.ts') ? [path] : [];
  });
}

/** The deploy checklist (database/collections.json) must name exactly the collections the code uses. */
test('database/collections.json lists exactly the collections the functions use', () => {
  const used = new Set<string>();
  for (const file of sources(ROOT)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/collection\(\s*'([A-Za-z]+)'\s*\)/g)) used.add(m[1]);
  }
  expect([...used].sort()).toEqual([...collections].sort());
});
