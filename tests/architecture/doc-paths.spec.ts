import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brokenLink, documentationFiles, namedPaths, relativeLinks } from './docReferences';

const ROOT = path.resolve('.');

/** A path as named: a file or folder, or a module as an extensionless import names it (`src/model/config/defineConfig`). */
function exists(named: string): boolean {
  return existsSync(path.join(ROOT, named)) || existsSync(path.join(ROOT, `${named}.ts`));
}

test.describe('the README and docs/ name only what exists', () => {
  for (const file of documentationFiles(ROOT)) {
    test(`every repository path ${file} names exists`, () => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const missing = namedPaths(text).filter((named) => !exists(named));
      expect(missing, `paths named in ${file} that are not in the repository`).toEqual([]);
    });

    test(`every relative link of ${file} reaches its file and heading`, () => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const broken = relativeLinks(text).flatMap((link) => brokenLink(ROOT, file, link) ?? []);
      expect(broken, `links of ${file} that lead nowhere`).toEqual([]);
    });
  }

  test('the README stays a front page: under 200 lines', () => {
    const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length;
    expect(lines, 'move detail into docs/ by topic and link it').toBeLessThan(200);
  });
});
