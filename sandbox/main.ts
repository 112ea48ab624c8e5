/**
 * `npm run sandbox [-- --json] [-- --cloud] [-- --merchant embedded | --no-merchant] [-- --referral-platform rewardful|dub]`:
 * starts the offline sandbox (provider, referral platform (ours, or Rewardful's or Dub's emulation), and the demo shop or Kissa, the embedded shop, both, or none) on 127.0.0.1 and keeps it running
 * until Ctrl-C / SIGTERM. Progress goes to stderr; with --json, stdout gets exactly one JSON line once every service
 * answers.
 */
import { parseArgs } from 'node:util';
import { FaultSwitches } from './faults';
import { cloudPostureFromEnv, type CloudPosture } from './cloudPosture';
import {
  REFERRAL_PLATFORM_VARIABLE,
  referralPlatformNamed,
  SANDBOX_REFERRAL_PLATFORMS,
  type SandboxReferralPlatform,
} from './referralPlatformChoice';
import { API_VERSION_PATTERN } from './provider/core/apiVersion';
import {
  DEFAULT_SANDBOX_PORTS,
  injectionPlanFromEnv,
  SandboxStartError,
  startSandbox,
  type RunningSandbox,
  type SandboxMerchant,
  type SandboxMode,
  type SandboxService,
} from './index';

/** A sandbox with whichever merchants were asked for. */
type AnySandbox = RunningSandbox<never>;

const PORT_ENV: Record<SandboxService, string> = {
  provider: 'SANDBOX_PROVIDER_PORT',
  referral: 'SANDBOX_REFERRAL_PORT',
  shop: 'SANDBOX_SHOP_PORT',
  embeddedShop: 'SANDBOX_EMBEDDED_SHOP_PORT',
};

/** `--merchant` values and the merchant each starts. */
const MERCHANT_NAMES: Record<string, SandboxMerchant> = { demo: 'shop', embedded: 'embeddedShop' };

const USAGE = `Usage: npm run sandbox [-- --json] [-- --live] [-- --cloud] [-- --merchant demo|embedded | --no-merchant] [-- --api-version <version>]
                     [-- --referral-platform ${SANDBOX_REFERRAL_PLATFORMS.join('|')}]

Starts the offline sandbox on 127.0.0.1: a Stripe-compatible provider, the referral platform and a merchant.
Stops cleanly on Ctrl-C or SIGTERM.

Options:
  --json      print one JSON line on stdout once every service answers:
              {"provider":{"url","secretKey","publishableKey"},"shop":{"url","webhookSecret"},
               "referral":{"platform","url","apiKey","publishableKey"}}
              with --merchant embedded, "embeddedShop":{"url","apiKey","webhookSecret"} instead of "shop"
              (both, when both merchants run; neither with --no-merchant); "provider" has "apiVersion" when one was set
  --merchant  which merchant to start: demo (default; the demo shop, hosted Checkout, USD) or embedded (Kissa,
              the Payment Element in its own page, refunds through its API, JPY); repeat it for both
  --no-merchant
              no merchant: the provider and the referral platform only, for your own merchant app, on the default
              ports with the fixed sandbox keys; webhook signing secrets are derived from the endpoint's URL, so
              they are the same after a restart. Then seed it from your target's catalogue:
              npm run sandbox:seed -- --target <name> --webhook-url <your webhook endpoint URL>
  --api-version
              the provider account's default API version, as Stripe's dashboard sets it (e.g. 2024-06-20; default
              the SDK's): events are written in it, and delivered in it to endpoints created without an api_version
  --referral-platform
              which referral platform runs beside the provider: dress-rehearsal (default; the sandbox's own), rewardful
              or dub (emulations of Rewardful and Dub Partners, subscribed to the provider's events as their Stripe
              integrations are); the demo shop carries that platform's tracking script and verifies its webhooks
              (same as SANDBOX_REFERRAL_PLATFORM; the embedded shop works with the sandbox's own platform only)
  --live      live mode: the sandbox's live key pairs (sk_live_/pk_live_ sandbox keys), every object livemode: true,
              Stripe's test cards declined, test clocks refused (same as SANDBOX_MODE=live)
  --cloud     play cloud (same as SANDBOX_CLOUD=1): the provider and the referral platform deliver webhooks only to
              the merchant this sandbox started, to each other and to the hosts in SANDBOX_REACHABLE; a delivery to
              any other URL gets no request and fails as unreachable in their delivery logs
  --help      show this help

Environment:
  SANDBOX_PROVIDER_PORT  provider port (default ${DEFAULT_SANDBOX_PORTS.provider}; 0 picks a free port)
  SANDBOX_REFERRAL_PORT  referral platform port (default ${DEFAULT_SANDBOX_PORTS.referral}; 0 picks a free port)
  SANDBOX_SHOP_PORT      demo shop port (default ${DEFAULT_SANDBOX_PORTS.shop}; 0 picks a free port)
  SANDBOX_EMBEDDED_SHOP_PORT  embedded shop port (default ${DEFAULT_SANDBOX_PORTS.embeddedShop}; 0 picks a free port)
  SANDBOX_FAULTS         comma-separated fault switches to turn on (see sandbox/README.md)
  SANDBOX_MODE           test (default) or live; --live wins
  SANDBOX_API_VERSION    the account's default API version; --api-version wins
  SANDBOX_INJECTION      the provider's fault injection plan as JSON, e.g. {"api":{"rate":0.1,"kinds":["500","429"]}}
                         (see sandbox/provider/README.md); invalid JSON or plan: exit 2
  SANDBOX_CLOUD          1 or true: play cloud (as --cloud); 0, false or empty: off; anything else: exit 2
  SANDBOX_REFERRAL_PLATFORM  dress-rehearsal (default), rewardful or dub (as --referral-platform, which wins);
                         anything else: exit 2
  SANDBOX_REACHABLE      while playing cloud, more hosts webhooks can reach: comma-separated origins
                         (http://127.0.0.1:4480) or host:port (127.0.0.1:3000); a bad entry: exit 2
`;

/** The sandbox command line or its environment is wrong: one line, exit code 2 (the sandbox imports nothing of the harness). */
class SandboxUsageError extends Error {}

function progress(line: string): void {
  process.stderr.write(`sandbox: ${line}\n`);
}

function readPort(env: NodeJS.ProcessEnv, service: SandboxService): number | undefined {
  const name = PORT_ENV[service];
  const text = env[name]?.trim();
  if (!text) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new SandboxUsageError(`${name}=${text} is not a port (0-65535).`);
  return port;
}

function readMode(env: NodeJS.ProcessEnv): SandboxMode {
  const text = env.SANDBOX_MODE?.trim().toLowerCase();
  if (!text || text === 'test') return 'test';
  if (text === 'live') return 'live';
  throw new SandboxUsageError(`SANDBOX_MODE=${env.SANDBOX_MODE} is not a mode (test or live).`);
}

/** Masks a sandbox secret key for the human summary; the full key is only in the --json line. */
function masked(key: string): string {
  return `${key.slice(0, key.indexOf('_', 3) + 1)}…${key.slice(-4)}`;
}

/** The merchants `--merchant` names (default: the demo shop); an unknown name is a usage error. */
function readMerchants(values: string[] | undefined): SandboxMerchant[] {
  const names = values && values.length > 0 ? values : ['demo'];
  const unknown = names.filter((name) => !(name in MERCHANT_NAMES));
  if (unknown.length > 0) throw new SandboxUsageError(`--merchant ${unknown.join(', ')}: not a merchant (demo or embedded).`);
  return [...new Set(names.map((name) => MERCHANT_NAMES[name]!))];
}

/** Waits until every service answers over HTTP (they listen already; this proves it end to end). */
async function waitUntilAnswering(sandbox: AnySandbox, timeoutMs = 10_000): Promise<void> {
  // Rewardful's and Dub's emulations have no health route: any answer but a server error proves they listen.
  const ownReferral = sandbox.referral.platform === 'dress-rehearsal';
  const checks: { url: string; answered: (response: Response) => boolean }[] = [
    { url: `${sandbox.provider.url}/_sandbox/health`, answered: (r) => r.ok },
    ownReferral
      ? { url: `${sandbox.referral.url}/_sandbox/health`, answered: (r) => r.ok }
      : { url: `${sandbox.referral.url}/`, answered: (r) => r.status < 500 },
    ...(sandbox.shop ? [{ url: `${sandbox.shop.url}/`, answered: (r: Response) => r.ok }] : []),
    ...(sandbox.embeddedShop ? [{ url: `${sandbox.embeddedShop.url}/`, answered: (r: Response) => r.ok }] : []),
  ];
  const deadline = Date.now() + timeoutMs;
  for (const { url, answered } of checks) {
    for (;;) {
      const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(answered, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The seed's --provider-url / --referral-url when the sandbox is not on its default ports. */
function seedUrlFlags(sandbox: AnySandbox): string {
  const flags: string[] = [];
  if (sandbox.provider.url !== `http://127.0.0.1:${DEFAULT_SANDBOX_PORTS.provider}`) flags.push(`--provider-url ${sandbox.provider.url}`);
  if (sandbox.referral.url !== `http://127.0.0.1:${DEFAULT_SANDBOX_PORTS.referral}`) flags.push(`--referral-url ${sandbox.referral.url}`);
  return flags.map((flag) => ` ${flag}`).join('');
}

/**
 * The start-up text's lines about the cloud posture: where webhooks can go, and, with no merchant of ours, that the
 * merchant's host must be listed (else its webhooks fail as unreachable).
 */
function cloudLines(sandbox: AnySandbox, cloud: CloudPosture | undefined): string[] {
  if (!sandbox.cloud || !cloud) return [];
  const merchantElsewhere = !sandbox.shop && !sandbox.embeddedShop;
  return [
    `  Playing cloud: webhooks reach only ${sandbox.cloud.reachable.join(', ')}; any other URL fails as unreachable.`,
    ...(merchantElsewhere
      ? [
          cloud.reachable.length > 0
            ? `  Your merchant runs elsewhere: its host must be one of SANDBOX_REACHABLE (${cloud.reachable.join(', ')}), or its webhooks fail as unreachable.`
            : '  Your merchant runs elsewhere: put its host in SANDBOX_REACHABLE (e.g. SANDBOX_REACHABLE=127.0.0.1:3000), or its webhooks fail as unreachable.',
        ]
      : []),
  ];
}

/** How the summary names each referral platform. */
const PLATFORM_TITLES: Record<SandboxReferralPlatform, string> = {
  'dress-rehearsal': "the sandbox's own",
  rewardful: 'Rewardful (emulated)',
  dub: 'Dub Partners (emulated)',
};

function summary(sandbox: AnySandbox, apiVersion: string | undefined, cloud: CloudPosture | undefined): string {
  const { shop, embeddedShop } = sandbox;
  const apiVersionNote = apiVersion !== undefined ? `  Account default API version: ${apiVersion} (events are written in it)` : undefined;
  return [
    `The sandbox is running in ${sandbox.mode} mode (state is in memory; Ctrl-C stops it).`,
    ...(shop ? [`  Demo shop         ${shop.url}   (admin: ${shop.url}/admin/login)`] : []),
    ...(embeddedShop
      ? [`  Embedded shop     ${embeddedShop.url}   (Kissa; refunds: POST ${embeddedShop.url}/api/orders/<id>/refund)`]
      : []),
    `  Provider (Stripe) ${sandbox.provider.url}   keys ${sandbox.provider.publishableKey} / ${masked(sandbox.provider.secretKey)}`,
    `  Referral platform ${sandbox.referral.url}   ${PLATFORM_TITLES[sandbox.referral.platform]}; keys ${sandbox.referral.publishableKey} / ${masked(sandbox.referral.apiKey)}`,
    ...(shop ? [`  Try a referral link: ${shop.url}/?via=alice`] : []),
    ...(embeddedShop ? [`  Try a referral link: ${embeddedShop.url}/?ref=alice`] : []),
    ...(!shop && !embeddedShop
      ? [
          '  No merchant: point your own merchant app at the provider, then seed the sandbox from your target:',
          `    npm run sandbox:seed -- --target <name> --webhook-url <your webhook endpoint URL>${seedUrlFlags(sandbox)}`,
          '  It prints the .env lines for the rehearsal and your app (webhook secrets stay the same after a restart).',
        ]
      : []),
    ...(apiVersionNote ? [apiVersionNote] : []),
    ...cloudLines(sandbox, cloud),
    '  Full keys: `npm run sandbox -- --json`, or the defaults in sandbox/README.md.',
    sandbox.faults.list().length > 0 ? `  Faults on: ${sandbox.faults.list().join(', ')}` : '  Faults on: none',
    ...(process.env.SANDBOX_INJECTION?.trim()
      ? ['  Provider fault injection on (SANDBOX_INJECTION): GET /_sandbox/fault_injection shows it']
      : []),
  ].join('\n');
}

/** `--api-version`, else SANDBOX_API_VERSION, else undefined (the SDK's version); anything else than a version is a usage error. */
function readApiVersion(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const [name, text] = flag !== undefined ? ['--api-version', flag.trim()] : ['SANDBOX_API_VERSION', env.SANDBOX_API_VERSION?.trim()];
  if (!text) return undefined;
  if (!API_VERSION_PATTERN.test(text))
    throw new SandboxUsageError(`${name} ${text} is not an API version: write it as Stripe does, e.g. 2024-06-20 or 2025-03-31.basil.`);
  return text;
}

/** `--referral-platform`, else SANDBOX_REFERRAL_PLATFORM, else the sandbox's own; a name of no platform is a one-line error. */
function readReferralPlatform(flag: string | undefined, env: NodeJS.ProcessEnv): SandboxReferralPlatform {
  if (flag !== undefined) return referralPlatformNamed(flag.trim() ? flag : '(empty)', '--referral-platform');
  return referralPlatformNamed(env[REFERRAL_PLATFORM_VARIABLE], REFERRAL_PLATFORM_VARIABLE);
}

async function main(): Promise<number> {
  let json = false;
  let live = false;
  let merchants: SandboxMerchant[];
  let apiVersion: string | undefined;
  let cloudFlag = false;
  let platformFlag: string | undefined;
  try {
    const { values } = parseArgs({
      options: {
        json: { type: 'boolean' },
        live: { type: 'boolean' },
        merchant: { type: 'string', multiple: true },
        'no-merchant': { type: 'boolean' },
        'api-version': { type: 'string' },
        cloud: { type: 'boolean' },
        'referral-platform': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    json = values.json ?? false;
    live = values.live ?? false;
    cloudFlag = values.cloud ?? false;
    if (values['no-merchant'] && values.merchant)
      throw new SandboxUsageError('--no-merchant and --merchant contradict each other: give one of them.');
    merchants = values['no-merchant'] ? [] : readMerchants(values.merchant);
    apiVersion = readApiVersion(values['api-version'], process.env);
    platformFlag = values['referral-platform'];
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  // With --json, stdout carries the one JSON line only: anything else printed goes to stderr.
  if (json) console.log = console.info = console.debug = console.error;

  let options;
  try {
    const referralPlatform = readReferralPlatform(platformFlag, process.env);
    if (referralPlatform !== 'dress-rehearsal' && merchants.includes('embeddedShop')) {
      throw new SandboxUsageError(`--merchant embedded works with the sandbox's own referral platform only, not ${referralPlatform}.`);
    }
    options = {
      mode: live ? ('live' as const) : readMode(process.env),
      providerPort: readPort(process.env, 'provider'),
      referralPort: readPort(process.env, 'referral'),
      shopPort: readPort(process.env, 'shop'),
      embeddedShopPort: readPort(process.env, 'embeddedShop'),
      merchants,
      referralPlatform,
      faults: FaultSwitches.parse(process.env.SANDBOX_FAULTS),
      injection: injectionPlanFromEnv(process.env),
      cloud: cloudPostureFromEnv(process.env, { flag: cloudFlag }),
      ...(apiVersion !== undefined ? { apiVersion } : {}),
      // No merchant of ours: the one that runs elsewhere keeps its webhook secret across restarts (see USAGE).
      ...(merchants.length === 0 ? { stableWebhookSecrets: true } : {}),
    };
  } catch (error) {
    process.stderr.write(`sandbox: ${(error as Error).message}\n`);
    return 2;
  }

  let stopRequested = false;
  let sandbox: AnySandbox | undefined;
  const stopped = new Promise<number>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopRequested) {
        progress(`${signal} again: exiting without waiting.`);
        process.exit(1);
      }
      stopRequested = true;
      progress(`${signal} received, stopping…`);
      if (!sandbox) return; // still starting: stopped right after start returns
      sandbox.stop().then(
        () => resolve(0),
        (error) => {
          progress(`did not stop cleanly: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

  const merchantNames = merchants.map((merchant) => (merchant === 'shop' ? 'demo shop' : 'embedded shop')).join(' and ');
  const services =
    merchants.length > 0 ? `provider, referral platform and ${merchantNames}` : 'provider and referral platform (no merchant)';
  progress(`starting ${services} on 127.0.0.1 (${options.mode} mode${options.cloud ? ', playing cloud' : ''})…`);
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    if (error instanceof SandboxStartError && error.portInUse) {
      progress(
        `port ${error.port} is already in use (${error.service}); set ${PORT_ENV[error.service]} to another port, or 0 for a free one.`,
      );
    } else {
      progress(`did not start: ${(error as Error).message}`);
    }
    return 1;
  }
  if (stopRequested) {
    await sandbox.stop();
    return 0;
  }

  try {
    await waitUntilAnswering(sandbox);
  } catch (error) {
    progress(`a service is not answering: ${(error as Error).message}`);
    await sandbox.stop().catch(() => undefined);
    return 1;
  }

  if (json) {
    const { shop, embeddedShop } = sandbox;
    const line = {
      provider: {
        url: sandbox.provider.url,
        secretKey: sandbox.provider.secretKey,
        publishableKey: sandbox.provider.publishableKey,
        ...(apiVersion !== undefined ? { apiVersion } : {}),
      },
      ...(shop ? { shop: { url: shop.url, webhookSecret: shop.webhookSecret } } : {}),
      ...(embeddedShop
        ? { embeddedShop: { url: embeddedShop.url, apiKey: embeddedShop.apiKey, webhookSecret: embeddedShop.webhookSecret } }
        : {}),
      referral: {
        platform: sandbox.referral.platform,
        url: sandbox.referral.url,
        apiKey: sandbox.referral.apiKey,
        publishableKey: sandbox.referral.publishableKey,
      },
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    for (const cloudLine of cloudLines(sandbox, options.cloud)) progress(cloudLine.trim());
    progress('ready.');
  } else {
    process.stdout.write(`${summary(sandbox, apiVersion, options.cloud)}\n`);
  }
  return stopped;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    progress(`unexpected failure: ${(error as Error).message}`);
    process.exit(1);
  },
);
