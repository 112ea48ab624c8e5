/**
 * Stripe's `previous_attributes` for an `*.updated` event: the old value of every top-level field
 * that changed, or `undefined` when nothing did.
 */
export function changedFields<T extends object>(before: T, after: T): Partial<T> | undefined {
  const previous: Partial<T> = {};
  let changed = false;
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      previous[key] = before[key] === undefined ? (null as T[keyof T]) : before[key];
      changed = true;
    }
  }
  return changed ? previous : undefined;
}
