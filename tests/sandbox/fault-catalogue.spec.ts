import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { FAULT_NAMES } from '../../sandbox/faults';

const readme = readFileSync(new URL('../../sandbox/README.md', import.meta.url), 'utf8');
const faultsSource = readFileSync(new URL('../../sandbox/faults.ts', import.meta.url), 'utf8');

test.describe('the fault catalogue', () => {
  test("sandbox/README.md's fault table lists every fault switch", () => {
    const listed = [...readme.matchAll(/^\| `([a-z]+\.[a-z0-9-]+)` \|/gm)].map((match) => match[1]);
    expect(
      FAULT_NAMES.filter((name) => !listed.includes(name)),
      'faults missing from the README',
    ).toEqual([]);
  });

  test('every fault switch has a one-line doc comment in sandbox/faults.ts', () => {
    const undocumented = FAULT_NAMES.filter(
      (name) => !new RegExp(`/\\*\\*[^\\n]*\\*/\\n\\s*'${name.replace('.', '\\.')}'`).test(faultsSource),
    );
    expect(undocumented).toEqual([]);
  });
});
