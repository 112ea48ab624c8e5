import { invalidRequest } from './errors';

/** Looks up an object by id, or computes a field Stripe only returns when expanded (e.g. a session's `line_items`). */
export interface ExpandSources {
  findById(id: string): unknown;
  /** Keyed `<object>.<field>`, e.g. `checkout.session.line_items`. */
  expandable: Record<string, (owner: Record<string, unknown>) => unknown>;
}

/** A deep JSON copy: what a response or an event snapshot carries (Decimals become strings, as on the wire). */
export function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Applies Stripe's `expand[]` to a copy of `value`: each dotted path replaces an id with its object,
 * walking `data` of lists (`data.customer`), up to four levels, as Stripe does.
 */
export function expand<T>(value: T, paths: string[], sources: ExpandSources): T {
  checkExpandDepth(paths);
  const copy = snapshot(value);
  for (const path of paths) expandPath(copy, path.split('.'), path, sources);
  return copy;
}

/** Stripe refuses paths deeper than four levels before it runs the request. */
export function checkExpandDepth(paths: string[]): void {
  const tooDeep = paths.find((path) => path.split('.').length > 4);
  if (tooDeep !== undefined) {
    throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${tooDeep}`, { param: 'expand' });
  }
}

function expandPath(target: unknown, segments: string[], path: string, sources: ExpandSources): void {
  if (Array.isArray(target)) {
    for (const element of target) expandPath(element, segments, path, sources);
    return;
  }
  if (typeof target !== 'object' || target === null || segments.length === 0) return;
  const owner = target as Record<string, unknown>;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === 'data' && owner.object === 'list') {
    expandPath(owner.data, rest, path, sources);
    return;
  }
  const compute = sources.expandable[`${String(owner.object)}.${head}`];
  let current = owner[head];
  if (compute && (current === undefined || typeof current === 'string')) {
    current = snapshot(compute(owner));
  } else if (typeof current === 'string') {
    const found = sources.findById(current);
    if (found === undefined) throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
    current = snapshot(found);
  } else if (Array.isArray(current) && current.some((item) => typeof item === 'string')) {
    // A list of ids (a subscription's `discounts`): each id becomes its object.
    current = current.map((item) => {
      if (typeof item !== 'string') return item;
      const found = sources.findById(item);
      if (found === undefined) throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
      return snapshot(found);
    });
  } else if (current === undefined) {
    throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
  }
  owner[head] = current;
  expandPath(current, rest, path, sources);
}
