import { redact } from '../../base/redact';

/**
 * Pretty JSON of a value after redaction, for attachments. JSON.stringify cannot print cycles, bigints,
 * Maps or Sets, so a cycle prints as "[circular]", a bigint as its digits, a Map as an object, a Set as a list.
 */
export function evidenceJson(value: unknown): string {
  // The objects on the path from the root to the value being printed: as given, and as printed.
  const path: { original: object; printed: object }[] = [];
  const replacer = function (this: unknown, _key: string, current: unknown): unknown {
    if (typeof current === 'bigint') return current.toString();
    if (current === null || typeof current !== 'object') return current;
    while (path.length > 0 && path.at(-1)?.printed !== this) path.pop();
    if (path.some((entry) => entry.original === current)) return '[circular]';
    const printed = current instanceof Map ? Object.fromEntries(current) : current instanceof Set ? [...current] : current;
    path.push({ original: current, printed });
    return printed;
  };
  return JSON.stringify(redact(value), replacer, 2) ?? 'null';
}
