import { maskSecret } from './maskSecret';
import type { KnownSecret } from './types';

/** A secret found in a body: what it is and how a report may show it (never the value itself). */
export interface FoundSecret {
  label: string;
  masked: string;
}

/**
 * Secret shapes no customer's browser may receive: secret and restricted API keys (`sk_`/`rk_`, underscores allowed
 * in the tail as sandbox keys have them) and webhook signing secrets.
 */
const SECRET_SHAPES: Array<{ label: string; pattern: RegExp }> = [
  { label: 'a secret API key', pattern: /\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9_]{8,}/g },
  { label: 'a webhook signing secret', pattern: /whsec_[A-Za-z0-9+/=]{8,}/g },
];

/** Every configured secret value and every secret-shaped string in `text`, each once, masked. */
export function findSecrets(text: string, known: KnownSecret[]): FoundSecret[] {
  const found = new Map<string, FoundSecret>();
  for (const secret of known) {
    if (text.includes(secret.value)) found.set(secret.value, { label: secret.label, masked: maskSecret(secret.value) });
  }
  for (const { label, pattern } of SECRET_SHAPES) {
    for (const [value] of text.matchAll(pattern)) {
      const overlapsKnown = known.some((secret) => secret.value.includes(value) || value.includes(secret.value));
      if (!overlapsKnown && !found.has(value)) found.set(value, { label, masked: maskSecret(value) });
    }
  }
  return [...found.values()];
}
