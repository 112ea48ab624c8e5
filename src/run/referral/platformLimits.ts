import type { ReferralPlatform, ReferralPlatformLimits } from '../../model/target/referralPlatform';

/** One thing a platform's public API may not show the harness (a key of `ReferralPlatformLimits`). */
export type PlatformLimit = keyof ReferralPlatformLimits;

/** The platform in the sign-off's words: its `displayName`, else "the referral platform". */
export function platformLabel(referral: Pick<ReferralPlatform, 'displayName'>): string {
  return referral.displayName ?? 'the referral platform';
}

/** The members each limit stands for: absent, the harness cannot do what needs them. */
const MEMBERS: Record<PlatformLimit, readonly (keyof ReferralPlatform)[]> = {
  deliveryLog: ['listDeliveries'],
  webhookEndpoints: ['createWebhookEndpoint', 'deleteWebhookEndpoint', 'listWebhookEndpoints'],
  program: ['retrieveProgram'],
  clicksByRunId: [],
  conversionsByPayment: [],
};

/**
 * Why the harness cannot use `limit` on this platform, as the sign-off prints it: the adapter's own sentence
 * (`limits[limit]`), else one naming the missing members; undefined when the platform has the members a caller
 * `needs` (default: every member of the limit). `clicksByRunId` and `conversionsByPayment` are declared only (their
 * members are required): undefined unless the adapter says so.
 */
export function platformLimit(
  referral: ReferralPlatform,
  limit: PlatformLimit,
  needs: readonly (keyof ReferralPlatform)[] = MEMBERS[limit],
): string | undefined {
  const declared = referral.limits?.[limit]?.trim();
  if (limit === 'clicksByRunId' || limit === 'conversionsByPayment') return declared || undefined;
  const missing = needs.filter((member) => typeof referral[member] !== 'function');
  if (missing.length === 0) return undefined;
  if (declared) return declared.replace(/[.\s]+$/, '');
  return `${platformLabel(referral)}'s adapter has no ${missing.join(', ')}`;
}

/** A referral platform that can register and delete webhook endpoints (the harness's sink, a reachability probe). */
export type RegistersEndpoints = ReferralPlatform & Required<Pick<ReferralPlatform, 'createWebhookEndpoint' | 'deleteWebhookEndpoint'>>;

export const REGISTERS_ENDPOINTS = ['createWebhookEndpoint', 'deleteWebhookEndpoint'] as const;

export function registersEndpoints(referral: ReferralPlatform): referral is RegistersEndpoints {
  return typeof referral.createWebhookEndpoint === 'function' && typeof referral.deleteWebhookEndpoint === 'function';
}

/** A referral platform that lists its webhook endpoints (the merchant's own among them). */
export type ListsEndpoints = ReferralPlatform & Required<Pick<ReferralPlatform, 'listWebhookEndpoints'>>;

export function listsEndpoints(referral: ReferralPlatform): referral is ListsEndpoints {
  return typeof referral.listWebhookEndpoints === 'function';
}

/** A referral platform whose delivery log the harness can read. */
export type WithDeliveryLog = ReferralPlatform & Required<Pick<ReferralPlatform, 'listDeliveries'>>;

export function hasDeliveryLog(referral: ReferralPlatform): referral is WithDeliveryLog {
  return typeof referral.listDeliveries === 'function';
}
