import { test, expect } from '@playwright/test';
import { PREFLIGHT_CHECKS } from '../../../../src/guards/preflight/index';
import { CHECKLIST } from '../../../../src/model/checklist/catalogue';
import { CHECK_IDS } from '../../../../src/model/checklist/checkIds';

test('the check table has one check per check id, each under its own id, in the order of CHECK_IDS', () => {
  expect(PREFLIGHT_CHECKS.map((check) => check.id)).toEqual([...CHECK_IDS]);
});

test('every check decides an item that lists it among its checks', () => {
  for (const check of PREFLIGHT_CHECKS) {
    const items = typeof check.item === 'string' ? [check.item] : check.item;
    for (const id of items) {
      const item = CHECKLIST.find((candidate) => candidate.id === id);
      expect(item?.checks ?? [], `${id} lists ${check.id}`).toContain(check.id);
    }
  }
});
