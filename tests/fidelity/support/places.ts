/** Where a checker is in a response: its JSON pointer, and the dotted field path `expand[]` would name (no list indices). */
export interface Place {
  pointer: string[];
  dotted: string[];
}

export const ROOT: Place = { pointer: [], dotted: [] };

/** `#/data/0/customer` (RFC 6901 escaping; `#` alone is the whole response). */
export function pointerOf(place: Place): string {
  return `#${place.pointer.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

export type JsonType = 'null' | 'object' | 'array' | 'string' | 'number' | 'boolean';

export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

/**
 * Whether the request's `expand[]` asked for the field at `dotted` (or for something inside it, which expands it too):
 * `expand[]=latest_invoice.payments` expands `latest_invoice`; on a list, Stripe's paths start with `data.`.
 */
export function isExpanded(expand: string[], dotted: string[]): boolean {
  const path = dotted.join('.');
  return expand.some((asked) => asked === path || asked.startsWith(`${path}.`));
}
