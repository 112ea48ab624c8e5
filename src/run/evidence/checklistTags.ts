import * as allure from 'allure-js-commons';
import { getGlobalTestRuntimeWithAutoconfig } from 'allure-js-commons/sdk/runtime';
import { checklistItem, type ChecklistItemId } from '../../model/checklist/catalogue';

/** The ids, each checked against the checklist (an unknown id throws, naming the known ones), duplicates removed. */
export function checklistIds(ids: readonly ChecklistItemId[] = []): ChecklistItemId[] {
  const unique = [...new Set(ids)];
  for (const id of unique) checklistItem(id);
  return unique;
}

/**
 * The Allure side of tagging a step: the test gets the label `checklist` once per id (`labelled` remembers which
 * it has), so the report can be filtered by item.
 */
export async function labelChecklistItems(ids: readonly ChecklistItemId[], labelled: Set<ChecklistItemId>): Promise<void> {
  for (const id of ids) {
    if (labelled.has(id)) continue;
    labelled.add(id);
    await allure.label('checklist', id);
  }
}

/**
 * Inside a running step: shows the ids as the Allure step's `checklist` parameter (allure-playwright attaches it to
 * the enclosing test.step). The step title itself stays as written.
 */
export async function showChecklistOnStep(ids: readonly ChecklistItemId[]): Promise<void> {
  if (ids.length === 0) return;
  const runtime = await getGlobalTestRuntimeWithAutoconfig();
  await runtime.stepParameter('checklist', ids.join(', '));
}
