import { isKnownApiVersion } from '../provider/versions/knownVersions';

/**
 * The environment variable the demo target reads the demo shop's pinned API version from (a merchant whose code, SDK
 * client and webhook endpoint are on an older version than the SDK's, e.g. `2020-08-27`).
 */
export const SHOP_API_VERSION_VARIABLE = 'SANDBOX_SHOP_API_VERSION';

/** A SANDBOX_SHOP_API_VERSION that is not an API version Stripe released. */
export class ShopApiVersionError extends Error {
  override name = 'ShopApiVersionError';
}

/**
 * The API version `SANDBOX_SHOP_API_VERSION` pins the demo shop to, or undefined when unset or blank (the SDK's own).
 * A version Stripe never released would make every call of the shop fail: it throws, naming the variable.
 */
export function shopApiVersionFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const text = env[SHOP_API_VERSION_VARIABLE]?.trim();
  if (!text) return undefined;
  if (!isKnownApiVersion(text)) {
    throw new ShopApiVersionError(
      `${SHOP_API_VERSION_VARIABLE} ${text} is not an API version Stripe released: write it as Stripe does, e.g. 2020-08-27 or 2025-03-31.basil.`,
    );
  }
  return text;
}
