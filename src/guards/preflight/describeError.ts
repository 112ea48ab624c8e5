import { ReferralApiError } from '../../run/referral/referralApiError';

/**
 * An error in a few words, for the middle of a sentence: the provider's or the referral platform's own message
 * with its status, or the network failure's cause. Never ends with a full stop. Not yet redacted.
 */
export function describeError(error: unknown): string {
  if (error instanceof ReferralApiError) return trim(`${error.status ? `${error.status} ` : ''}${error.message}`);
  if (error instanceof Error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return trim(`${typeof status === 'number' ? `${status} ` : ''}${error.message}${cause}`);
  }
  return trim(String(error));
}

/** The HTTP status a provider (Stripe SDK) or referral platform error carries, if any. */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof ReferralApiError) return error.status || undefined;
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function trim(text: string): string {
  const firstLine = text.split('\n')[0] ?? text;
  return firstLine.trim().replace(/[.\s]+$/, '');
}
