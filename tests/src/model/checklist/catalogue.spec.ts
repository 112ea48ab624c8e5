import { test, expect } from '@playwright/test';
import { CHECKLIST, checklistItem, isChecklistItemId, type ChecklistItemId } from '../../../../src/model/checklist/catalogue';
import { FLOW_IDS } from '../../../../src/model/checklist/flowIds';

test('every item id is unique and kebab-case', () => {
  const ids = CHECKLIST.map((item) => item.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('an item is decided one way: by the operator (manual) or by checks, flows or its own rules', () => {
  for (const item of CHECKLIST) {
    const automated = (item.checks?.length ?? 0) + (item.flows?.length ?? 0) + (item.rules?.length ?? 0) > 0;
    expect(automated !== (item.manual !== undefined), item.id).toBe(true);
  }
});

test('every flow an item names is a rehearsed flow', () => {
  for (const item of CHECKLIST) {
    for (const flow of item.flows ?? []) expect(FLOW_IDS, `${item.id} names ${flow}`).toContain(flow);
  }
});

test('an id read from a file is checked at run time: unknown ids are refused, naming the known ones', () => {
  expect(isChecklistItemId('keys-valid-for-mode')).toBe(true);
  expect(isChecklistItemId('keys-valid-for-mod')).toBe(false);
  expect(() => checklistItem('keys-valid-for-mod' as ChecklistItemId)).toThrow(
    /Unknown checklist item "keys-valid-for-mod"\. Known items: keys-valid-for-mode, /,
  );
});
