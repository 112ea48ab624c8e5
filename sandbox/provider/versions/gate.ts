import type { ObjectStore } from '../core/store';

/** A JSON object of the API (a resource, a list, a hash), as a gate reshapes it. */
export type JsonObject = Record<string, unknown>;

/** What a gate may read besides the object it reshapes: the provider's state, to find what an older shape held. */
export interface RenderContext {
  store: ObjectStore;
  /** A copy of any stored object by id (newest shape), or undefined. */
  find(id: string): JsonObject | undefined;
}

/**
 * One published change of Stripe's API: the version it came in, the objects it touches, what changed and where that
 * was checked. `downgrade` turns one object of those types from the newer shape into the shape just before the
 * version (in place, on a copy); a row without it changed behaviour, not shape, and names where the sandbox branches
 * on `ApiCall.apiVersion` instead.
 */
export interface VersionGate {
  version: string;
  objects: readonly string[];
  change: string;
  source: string;
  downgrade?(object: JsonObject, context: RenderContext): void;
  behaviour?: string;
}

/** The id of an expandable field's value: the id itself, or an expanded object's `id`. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as JsonObject).id === 'string') return (value as JsonObject).id as string;
  return null;
}

/** A nested hash, or undefined when absent or null. */
export function hashAt(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** Stripe's list envelope around already-built items. */
export function listOf(data: JsonObject[], url: string): JsonObject {
  return { object: 'list', data, has_more: false, url };
}
