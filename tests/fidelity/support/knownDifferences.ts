/**
 * Where the sandbox deliberately answers otherwise than Stripe's schema or the SDK's types, with the reason. Each entry
 * is a "Known difference" of the sandbox README; keep the list short and each entry narrow (one field, one version).
 */
export interface KnownDifference {
  /** The tours it applies to (`current` is the SDK's own version). */
  versions: readonly string[];
  /** Matches a problem line `<operation> <json pointer>: <problem>`. */
  matches: RegExp;
  reason: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    versions: ['current'],
    matches: /\/subscription: not declared by (Stripe\.)?Invoice$/,
    reason:
      "Invoices carry `subscription: null` because Stripe's example invoice (stripe-fixtures3.json, which the fixture-fidelity " +
      "test reads) still shows it; stripe-node's types for this version no longer declare it (since 2025-03-31.basil the " +
      'subscription is under `parent.subscription_details`).',
  },
  {
    versions: ['2023-08-16'],
    matches: /^GET \/v1\/accounts?(\/\{account\})? #\/settings\/bacs_debit_payments\/display_name: null, but string is not nullable$/,
    reason:
      'The account (a US account without Bacs) has `settings.bacs_debit_payments.display_name: null`, as stripe-node declares it ' +
      "today (`string | null`); the 2023-08-16 spec has it a string that is left out when unset. The sandbox's account is the same in every version.",
  },
];

/** The problems no known difference explains. */
export function unexplained(problems: string[], version: string): string[] {
  return problems.filter((line) => !KNOWN_DIFFERENCES.some((known) => known.versions.includes(version) && known.matches.test(line)));
}

/** The known differences of `version` that none of `problems` shows any more (fixed: remove the entry). */
export function stale(problems: string[], version: string): KnownDifference[] {
  return KNOWN_DIFFERENCES.filter((known) => known.versions.includes(version) && !problems.some((line) => known.matches.test(line)));
}
