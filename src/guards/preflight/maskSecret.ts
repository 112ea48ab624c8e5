/**
 * A secret as a report may show it: its kind prefix (`sk_live`, `rk_test`, `whsec`) and its last four characters,
 * e.g. `sk_live…a1b2`; a secret with no known prefix shows only its length. The result matches no secret pattern.
 */
export function maskSecret(secret: string): string {
  const prefix = /^((?:sk|rk|pk)_(?:test|live)|whsec)_/.exec(secret)?.[1];
  if (prefix && secret.length >= prefix.length + 12) return `${prefix}…${secret.slice(-4)}`;
  if (prefix) return `${prefix}…`;
  return `a ${secret.length}-character value`;
}
