import { invalidRequest, missingParam } from './errors';

/** Request parameters as `qs` parses Stripe's bracketed form/query encoding. */
export type Params = Record<string, unknown>;

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${describe(value)}`, { param: name, code: 'parameter_invalid_string' });
  return value;
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

/** A string that may be unset with an empty value (`description=`), as Stripe's update endpoints allow. */
export function nullableString(params: Params, name: string): string | null | undefined {
  const value = optionalString(params, name);
  return value === '' ? null : value;
}

export function optionalInteger(params: Params, name: string, paramPath = name): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidRequest(`Invalid integer: ${describe(value)}`, { param: paramPath, code: 'parameter_invalid_integer' });
  }
  return Number(value);
}

export function requiredInteger(params: Params, name: string, paramPath = name): number {
  const value = optionalInteger(params, name, paramPath);
  if (value === undefined) throw missingParam(paramPath);
  return value;
}

/** A three-letter ISO currency code, lowercased as Stripe returns it. */
export function requiredCurrency(params: Params, name = 'currency', paramPath = name): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw missingParam(paramPath);
  if (!/^[A-Za-z]{3}$/.test(value)) {
    throw invalidRequest(`Invalid currency: ${describe(value)}. Use a three-letter ISO currency code, such as usd.`, { param: paramPath });
  }
  return value.toLowerCase();
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  throw invalidRequest(`Invalid boolean: ${describe(value)}`, { param: name, code: 'parameter_invalid_boolean' });
}

/** A list sent as `name[0]=a&name[1]=b` (or `name[]=a`); qs gives an array, or an object for sparse indexes. */
export function optionalStringArray(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? Object.values(value) : [value];
  return items.map((item, i) => {
    if (typeof item !== 'string') throw invalidRequest(`Invalid array`, { param: `${name}[${i}]` });
    return item;
  });
}

export function optionalObject(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`Invalid object`, { param: name, code: 'parameter_invalid_object' });
  }
  return value as Params;
}

/** An array of objects (`line_items[0][price]=…`), in index order. */
export function optionalObjectArray(params: Params, name: string): Params[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? Object.values(value) : null;
  if (!items) throw invalidRequest(`Invalid array`, { param: name });
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalidRequest(`Invalid object`, { param: `${name}[${i}]` });
    return item as Params;
  });
}

/**
 * Metadata as Stripe applies it: on create, the given pairs; on update, merged into `current`,
 * where an empty value removes a key and `metadata=` (empty) clears everything.
 */
export function metadataParam(params: Params, current: Record<string, string> = {}): Record<string, string> | undefined {
  const value = params.metadata;
  if (value === undefined) return undefined;
  if (value === '') return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('Invalid object', { param: 'metadata', code: 'parameter_invalid_object' });
  }
  const merged = { ...current };
  for (const [key, raw] of Object.entries(value as Params)) {
    if (typeof raw !== 'string') throw invalidRequest('Invalid string', { param: `metadata[${key}]` });
    if (key.length > 40) throw invalidRequest(`Invalid metadata key: keys must be at most 40 characters.`, { param: `metadata[${key}]` });
    if (raw.length > 500)
      throw invalidRequest(`Invalid metadata value: values must be at most 500 characters.`, { param: `metadata[${key}]` });
    if (raw === '') delete merged[key];
    else merged[key] = raw;
  }
  if (Object.keys(merged).length > 50) throw invalidRequest('Invalid metadata: at most 50 keys are allowed.', { param: 'metadata' });
  return merged;
}

export function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidRequest(`Invalid ${name}: must be one of ${allowed.join(', ')}`, { param: name });
  }
  return value as T;
}

/** The offending value in an error message, shortened (Stripe's messages quote it). */
function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
