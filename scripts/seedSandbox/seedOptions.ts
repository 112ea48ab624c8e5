import { parseArgs } from 'node:util';
import { DEFAULT_SANDBOX_PORTS } from '../../sandbox/index';
import { SeedError } from './seedError';

export interface SeedOptions {
  /** A target's name (targets/<name>/) or the path to its folder. */
  target: string;
  /** The merchant's own webhook endpoint, exactly as the provider must call it. */
  webhookUrl: string;
  /** Where customers open the merchant's site (default: the webhook URL's origin). */
  merchantUrl: string;
  providerUrl: string;
  referralUrl: string;
  /** Event types the endpoint is subscribed to beyond the ones the target needs. */
  extraEvents: string[];
}

export const SEED_USAGE = `Usage: npm run sandbox:seed -- --target <name> --webhook-url <url> [--merchant-url <url>]
                            [--provider-url <url>] [--referral-url <url>] [--events <type,type>]

Seeds a running sandbox (npm run sandbox -- --no-merchant) from a target's catalogue, for a merchant app of your own:
  - a product and a price for each product and plan of the target, found by its price's lookup key (a price that
    differs from the catalogue gets a new price that takes the lookup key over, as Stripe's transfer_lookup_key does);
  - the referral programme and the partner, unless the target has no referral programme;
  - the merchant's provider webhook endpoint at --webhook-url, pinned to the target's API version and subscribed to
    the events the target needs.
Then prints the .env lines (stdout; what it did goes to stderr): for targets/<name>/.env and, as comments, for your
merchant app. Running it again changes nothing and says so; after a sandbox restart it seeds the
same objects again, with the same webhook secret.

Options:
  --target        the target whose catalogue to seed (a folder of targets/, or a path to one)
  --webhook-url   your merchant app's webhook endpoint, e.g. http://127.0.0.1:3000/webhooks/stripe
  --merchant-url  where a customer opens your shop (default: the webhook URL's origin), for REHEARSAL_MERCHANT_URL
  --provider-url  the sandbox provider (default http://127.0.0.1:${DEFAULT_SANDBOX_PORTS.provider})
  --referral-url  the sandbox referral platform (default http://127.0.0.1:${DEFAULT_SANDBOX_PORTS.referral})
  --events        more event types for the endpoint (comma list), besides the ones the target needs
  --help          show this help

Exit code: 0 seeded (or nothing to change), 1 the sandbox holds something that contradicts the target (named; nothing
overwritten), 2 bad arguments, an unknown target, or no sandbox at the URL.
`;

/** The options, or undefined for --help; a missing or malformed one is a SeedError (exit 2). */
export function readSeedOptions(args: string[]): SeedOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        target: { type: 'string' },
        'webhook-url': { type: 'string' },
        'merchant-url': { type: 'string' },
        'provider-url': { type: 'string' },
        'referral-url': { type: 'string' },
        events: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new SeedError(`${(error as Error).message} Run \`npm run sandbox:seed -- --help\` for the options.`);
  }
  if (values.help) return undefined;
  const target = values.target?.trim();
  if (!target) throw new SeedError('--target is missing: name the target whose catalogue to seed, e.g. --target demo.');
  if (!values['webhook-url']?.trim()) {
    throw new SeedError(
      "--webhook-url is missing: give your merchant app's webhook endpoint, e.g. --webhook-url http://127.0.0.1:3000/webhooks/stripe.",
    );
  }
  const webhookUrl = httpUrl('--webhook-url', values['webhook-url']);
  return {
    target,
    webhookUrl,
    merchantUrl:
      values['merchant-url'] !== undefined
        ? httpUrl('--merchant-url', values['merchant-url']).replace(/\/+$/, '')
        : new URL(webhookUrl).origin,
    providerUrl: httpUrl('--provider-url', values['provider-url'] ?? `http://127.0.0.1:${DEFAULT_SANDBOX_PORTS.provider}`).replace(
      /\/+$/,
      '',
    ),
    referralUrl: httpUrl('--referral-url', values['referral-url'] ?? `http://127.0.0.1:${DEFAULT_SANDBOX_PORTS.referral}`).replace(
      /\/+$/,
      '',
    ),
    extraEvents: eventTypes(values.events),
  };
}

function httpUrl(flag: string, value: string): string {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new SeedError(`${flag} ${text} is not an http(s) URL: write it in full, e.g. http://127.0.0.1:3000/webhooks/stripe.`);
  return text;
}

function eventTypes(text: string | undefined): string[] {
  if (text === undefined) return [];
  const events = text
    .split(',')
    .map((event) => event.trim())
    .filter(Boolean);
  const invalid = events.filter((event) => event !== '*' && !/^[a-z_]+(\.[a-z_]+)+$/.test(event));
  if (events.length === 0 || invalid.length > 0)
    throw new SeedError(`--events ${text} is not a comma list of event types, e.g. --events payment_intent.payment_failed.`);
  return events;
}
