import { authenticationError, invalidRequest, resourceMissing } from './errors';
import type { Params } from './params';
import type { Kind, ObjectStore } from './store';

const MISSING_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** The API key of a request (Bearer, or Basic with the key as user name, as Stripe accepts both). */
export function apiKeyOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (basic?.[1]) return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

/**
 * Accepts the provider's secret key, and its publishable key where the route allows it (Stripe.js's calls, whose
 * client secret is checked by `checkClientSecret`); errors never echo a key in full.
 */
export function authenticate(
  authorization: string | undefined,
  keys: { secretKey: string; publishableKey: string },
  publishableAllowed = false,
): string {
  const key = apiKeyOf(authorization);
  if (!key) throw authenticationError(MISSING_KEY);
  if (key === keys.secretKey) return key;
  if (key === keys.publishableKey && publishableAllowed) return key;
  if (key === keys.publishableKey) {
    throw authenticationError(
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    );
  }
  throw authenticationError(`Invalid API Key provided: ${maskKey(key)}`);
}

/** `sk_test_****************0000`: Stripe's way of naming a key without revealing it. */
export function maskKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  const prefix = /^(sk|pk|rk)_(test|live)_/.exec(key)?.[0] ?? key.slice(0, 3);
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

/**
 * A publishable-key call names its object by id and proves it may see it with the object's `client_secret`:
 * no secret, or no such object, is Stripe's 404 `resource_missing` (the browser cannot tell the two apart); another
 * object's secret is Stripe's 400 "does not match" (`payment_intent_invalid_parameter`).
 */
export function checkClientSecret(kind: Kind, id: string, params: Params, store: ObjectStore): void {
  const object = store.get(kind, id) as { client_secret?: string | null } | undefined;
  const given = typeof params.client_secret === 'string' ? params.client_secret : undefined;
  if (!object || !object.client_secret || given === undefined || given === '') throw resourceMissing(kind, id);
  if (given !== object.client_secret) {
    const owner = kind === 'payment_intent' ? 'PaymentIntent' : kind;
    throw invalidRequest(`The client_secret provided does not match the client_secret associated with the ${owner}.`, {
      param: 'client_secret',
      code: `${kind}_invalid_parameter`,
    });
  }
}
