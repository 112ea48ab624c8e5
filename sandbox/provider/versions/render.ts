import { snapshot } from '../core/expand';
import type { ObjectStore } from '../core/store';
import type { JsonObject, RenderContext } from './gate';
import { dropExpandOnly, gatesFor } from './gateTable';

function contextOf(store: ObjectStore): RenderContext {
  return {
    store,
    find(id) {
      const found = store.find(id);
      return found === undefined ? undefined : (snapshot(found) as unknown as JsonObject);
    },
  };
}

/**
 * Reshapes `node` (a copy) in place, top down: each object with an `object` type loses the fields Stripe returns
 * only when expanded, then goes through the gates newer than `version`, newest first; then its members are walked,
 * so what a gate embeds (a PaymentIntent's `charges`, a line's `price`) is reshaped too, and so are list items and
 * expanded objects. An event is never re-rendered: its `data` stays in the version it was written in; a deleted
 * object (`deleted: true`) has no other fields to reshape.
 */
function reshape(node: unknown, version: string, context: RenderContext): void {
  if (Array.isArray(node)) {
    for (const item of node) reshape(item, version, context);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const object = node as JsonObject;
  if (object.object === 'event') return;
  // A deleted object's answer is `{ id, object, deleted: true }` in every version.
  if (object.deleted === true) return;
  if (typeof object.object === 'string') {
    dropExpandOnly(object, object.object, version);
    for (const gate of gatesFor(object.object, version)) gate.downgrade!(object, context);
  }
  // Metadata is the merchant's own strings (a key may well be called `object`).
  for (const [key, value] of Object.entries(object)) if (key !== 'metadata') reshape(value, version, context);
}

/**
 * A copy of `value` (a stored object, a list, a search result, an error's PaymentIntent) as Stripe shows it in
 * `version`: stored objects are in the newest shape; older versions get them through the gate table
 * (versions/gateTable.ts), looking up what the older shape held in `store`.
 */
export function renderInVersion<T>(value: T, version: string, store: ObjectStore): T {
  const copy = snapshot(value);
  reshape(copy, version, contextOf(store));
  return copy;
}

/**
 * An event's `previous_attributes` (a partial object of `objectType`) in `version`: only the fields `version` returns
 * when expanded are dropped; gates are not applied to a partial object (see the README's Known differences).
 */
export function renderPreviousAttributes<T>(previous: T, objectType: string, version: string): T {
  const copy = snapshot(previous) as unknown as JsonObject;
  dropExpandOnly(copy, objectType, version);
  return copy as unknown as T;
}
