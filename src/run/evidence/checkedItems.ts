import type { ChecklistItemId } from '../../model/checklist/catalogue';

/**
 * Which checklist items an error disproves, when it came from an assertion tagged with them (`evidence.check`). The
 * step that catches it then fails only those items; an error with no mark fails every item of its step.
 */
const disproves = new WeakMap<object, readonly ChecklistItemId[]>();

/** Marks `error` as disproving `items`; the innermost check's mark wins (it is set first, as the error rises). */
export function markDisproved(error: unknown, items: readonly ChecklistItemId[]): void {
  if (typeof error !== 'object' || error === null || disproves.has(error)) return;
  disproves.set(error, [...items]);
}

/** The items `error` disproves, or undefined when no check marked it. */
export function itemsDisprovedBy(error: unknown): readonly ChecklistItemId[] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return disproves.get(error);
}

/**
 * When `error` disproves `item`, it disproves `also` too (an item decided by the same evidence: a platform's
 * attribution item with conversion-and-commission-recorded). Nothing changes for an error that does not.
 */
export function alsoDisproves(error: unknown, item: ChecklistItemId, also: ChecklistItemId): void {
  if (typeof error !== 'object' || error === null) return;
  const items = disproves.get(error);
  if (items?.includes(item) && !items.includes(also)) disproves.set(error, [...items, also]);
}
