import { amountCapFor } from '../../model/config/amountCaps';
import { LIVE_CARD_VARIABLES, parseMaxAmount, type LiveSettings } from '../../model/config/liveSettings';
import type { RehearsalMode } from '../../model/config/rehearsalConfig';
import type { TargetCatalogue } from '../../model/target/contract';
import { REFERRAL_KEYS_WITHOUT_MODE } from '../../model/target/referralKeyModes';
import type { ReferralPlatformName } from '../../model/target/referralPlatform';
import type { ConnectedEnvironment } from '../../model/target/unusedVariables';
import { liveVariablesInTestModeFailure } from './environmentVariables';
import { embeddedAccountPrefix, keyBody, keyMode, type KeyMode } from './keys';
import { liveCardProblems } from './liveCard';
import { readMerchantSnippetKey, readProviderAccount, type ProviderAccount } from './probes';

/** A price the flows will pay, as the target's catalogue states it. */
export interface GuardPrice {
  name: string;
  amount: number;
  currency: string;
}

export interface LiveGuardInput {
  mode: RehearsalMode;
  settings: LiveSettings;
  /** Where the rehearsal would go: the keys, the merchant's site and the provider's API. */
  environment: ConnectedEnvironment;
  /**
   * The process's environment (with .env filled in): test mode refuses a live key in any variable, even one the run
   * does not use. Absent: only the connected environment's keys are judged.
   */
  variables?: NodeJS.ProcessEnv;
  /** Every price the flows may pay (the target's catalogue: product and plans). */
  prices: GuardPrice[];
  /**
   * The target runs a referral programme (default: the environment names a referral platform). Without one (a
   * payment-only merchant, `capabilities.referralProgramme: false`) no referral key is judged and the merchant's page
   * needs no tracking snippet.
   */
  referralProgramme?: boolean;
  /**
   * The rehearsal's referral platform, when it is one by name. A platform whose keys carry no mode (Rewardful, Dub:
   * REFERRAL_KEYS_WITHOUT_MODE) has neither its keys judged nor a `script[data-merchant]` snippet demanded: its own
   * script is preflight's (`rewardful.script-installed`, `dub.script-installed`).
   */
  referralPlatform?: ReferralPlatformName;
  now?: Date;
}

/** What the guard's probes found; `undefined` = not probed. */
export interface LiveGuardObservations {
  /** The provider account behind the secret key (`GET /v1/account`). */
  account?: ProviderAccount | { error: string };
  /** The key in the merchant landing page's `script[data-merchant]` (undefined key: no such script). */
  snippet?: { key: string | undefined } | { error: string };
}

export interface LiveGuardProbes {
  account(environment: LiveGuardInput['environment']): Promise<ProviderAccount>;
  snippetKey(merchantUrl: string): Promise<string | undefined>;
}

export const DEFAULT_PROBES: LiveGuardProbes = {
  account: (environment) => readProviderAccount(environment.provider),
  snippetKey: (merchantUrl) => readMerchantSnippetKey(merchantUrl),
};

/** The catalogue's prices, as the guard checks the cap against them (a subscription-only merchant has no product). */
export function cataloguePrices(catalogue: TargetCatalogue): GuardPrice[] {
  const products = [catalogue.product, catalogue.zeroDecimalProduct].filter((product) => product !== undefined);
  return [
    ...products.map((product) => ({ name: product.name, amount: product.unitAmount, currency: product.currency })),
    ...catalogue.plans.map((plan) => ({ name: plan.name, amount: plan.unitAmount, currency: plan.currency })),
  ];
}

/**
 * Runs the probes the mode needs (the provider account in live mode with a live secret key; the merchant page's
 * snippet key in both modes), then judges every rule. Resolves with every failed rule, one line each saying what
 * to do; empty when the rehearsal may run.
 */
export async function checkLiveGuard(input: LiveGuardInput, probes: LiveGuardProbes = DEFAULT_PROBES): Promise<string[]> {
  const observations: LiveGuardObservations = {};
  const wantsAccount = input.mode === 'live' && keyMode(input.environment.provider.secretKey) === 'live';
  const [account, snippet] = await Promise.all([
    wantsAccount
      ? probes.account(input.environment).then(
          (a) => a,
          (error: unknown) => ({ error: errorText(error) }),
        )
      : undefined,
    runsReferralProgramme(input) && !keysWithoutMode(input)
      ? probes.snippetKey(input.environment.merchant.baseUrl).then(
          (key) => ({ key }),
          (error: unknown) => ({ error: errorText(error) }),
        )
      : undefined,
  ]);
  if (account) observations.account = account;
  if (snippet) observations.snippet = snippet;
  return evaluateLiveGuard(input, observations);
}

interface JudgedKey {
  label: string;
  value: string | undefined;
  liveOk(value: string): boolean;
}

/** The guard's rules over what is known; pure. Every failed rule is one line that says what to do. */
export function evaluateLiveGuard(input: LiveGuardInput, observed: LiveGuardObservations = {}): string[] {
  const { environment, settings } = input;
  const failures: string[] = [];
  // A payment-only merchant has no referral keys and no tracking snippet: none is demanded of it.
  const programme = runsReferralProgramme(input) && !keysWithoutMode(input);
  const keys: JudgedKey[] = [
    {
      label: 'the provider secret key (STRIPE_SECRET_KEY)',
      value: environment.provider.secretKey,
      liveOk: (k) => /^(sk|rk)_live_/.test(k),
    },
    {
      label: 'the provider publishable key (STRIPE_PUBLISHABLE_KEY)',
      value: environment.provider.publishableKey,
      liveOk: (k) => /^pk_live_/.test(k),
    },
    ...(programme
      ? [
          {
            label: 'the referral platform secret key (REFERRAL_SECRET_KEY)',
            value: environment.referral?.secretKey,
            liveOk: (k: string) => /^sk_live_/.test(k),
          },
          {
            label: 'the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY)',
            value: environment.referral?.publishableKey,
            liveOk: (k: string) => /^pk_live_/.test(k),
          },
        ]
      : []),
  ];
  const merchantPage = landingUrl(environment.merchant.baseUrl);
  const observedSnippet = programme ? observed.snippet : undefined;
  const snippetKey = observedSnippet && 'key' in observedSnippet ? observedSnippet.key : undefined;
  const snippetLabel = "the merchant page's tracking snippet key (script[data-merchant])";

  if (input.mode === 'live') {
    if (!settings.confirmLiveFlag) {
      failures.push(
        'Live mode charges a real card: add --confirm-live to `rehearse run --mode live` (REHEARSAL_CONFIRM_LIVE_FLAG=1 for npx playwright test).',
      );
    }
    if (environment.embeddedSandbox === true) {
      // Its keys, account and page are the sandbox's test ones: judging them would blame variables it never read.
      failures.push(
        'Live mode cannot rehearse the embedded offline sandbox (its keys are test keys of no account): ' +
          'set REHEARSAL_MERCHANT_URL and the live keys of your site (see .env.example), or run with --mode test.',
      );
    } else {
      const typedNameFailure = confirmationFailure(settings.confirmLive, observed.account, environment.merchant.baseUrl);
      if (typedNameFailure) failures.push(typedNameFailure);

      const notLive = keys.filter((key) => !key.value || !key.liveOk(key.value.trim()));
      if (notLive.length > 0) {
        const described = notLive.map((key) => `${key.label.replace(/\)$/, `: ${describeMode(keyMode(key.value))})`)}`);
        failures.push(
          `Live mode needs live keys, but these are not: ${described.join(', ')}; set live keys (prefixes sk_live or rk_live, pk_live) or run with --mode test.`,
        );
      }

      const accountFailure = sameAccountFailure(environment.provider, observed.account);
      if (accountFailure) failures.push(accountFailure);

      if (observed.account && 'error' in observed.account) {
        failures.push(
          `Could not read the provider account with the live secret key (GET /v1/account: ${observed.account.error}): check STRIPE_SECRET_KEY and REHEARSAL_PROVIDER_API_BASE.`,
        );
      }

      if (observedSnippet && 'error' in observedSnippet) {
        failures.push(
          `Could not read the merchant's page ${merchantPage} (${observedSnippet.error}): check REHEARSAL_MERCHANT_URL; live mode checks its tracking snippet carries a pk_live_ key.`,
        );
      } else if (observedSnippet && snippetKey === undefined) {
        failures.push(
          `The merchant's page ${merchantPage} has no tracking snippet (script[data-merchant]): live mode checks it carries a pk_live_ key; add the snippet or check REHEARSAL_MERCHANT_URL.`,
        );
      } else if (snippetKey !== undefined && !/^pk_live_/.test(snippetKey)) {
        failures.push(
          `The merchant's page ${merchantPage} carries ${describeMode(keyMode(snippetKey))} in its tracking snippet (script[data-merchant]), not pk_live_…: deploy the live snippet key before rehearsing live.`,
        );
      }
    }

    failures.push(...liveCapFailures(settings, input.prices));

    const cardProblems = liveCardProblems(settings.card, input.now);
    if (cardProblems.length > 0) {
      const v = LIVE_CARD_VARIABLES;
      failures.push(
        `The live card is not usable: ${cardProblems.join(', ')}: set ${v.number}, ${v.expiry} (MM/YY) and ${v.cvc} ` +
          `(optionally ${v.name}, ${v.postalCode}) to your own card; live mode pays with no other.`,
      );
    }
  } else {
    const live = [
      ...keys.filter((key) => keyMode(key.value) === 'live').map((key) => key.label),
      ...(keyMode(snippetKey) === 'live' ? [snippetLabel] : []),
    ];
    if (live.length > 0) {
      failures.push(
        `Test mode never uses live keys, but ${live.join(', ')} ${live.length === 1 ? 'is' : 'are'} live: ` +
          'set test keys (prefixes sk_test or rk_test, pk_test) or run with --mode live --confirm-live.',
      );
    }
    const liveVariables = input.variables ? liveVariablesInTestModeFailure(input.variables, environment) : undefined;
    if (liveVariables) failures.push(liveVariables);
    if (settings.maxAmount !== undefined && parseMaxAmount(settings.maxAmount) === undefined) {
      failures.push(notAnAmount(settings.maxAmount, input.prices));
    }
  }

  // Both modes: the keys (and the snippet) are all of one mode.
  const modes: Array<{ label: string; mode: KeyMode }> = [
    ...keys.map((key) => ({ label: key.label.replace(/ \(.*\)$/, ''), mode: keyMode(key.value) })),
    ...(snippetKey !== undefined ? [{ label: "the merchant page's tracking snippet key", mode: keyMode(snippetKey) }] : []),
  ];
  const liveOnes = modes.filter((m) => m.mode === 'live').map((m) => m.label);
  const testOnes = modes.filter((m) => m.mode === 'test').map((m) => m.label);
  if (liveOnes.length > 0 && testOnes.length > 0) {
    failures.push(`The keys mix modes (live: ${liveOnes.join(', ')}; test: ${testOnes.join(', ')}): use the keys of one mode throughout.`);
  }
  return failures;
}

/** The referral platform's keys carry no test or live mode (REFERRAL_KEYS_WITHOUT_MODE): they cannot be judged. */
function keysWithoutMode(input: Pick<LiveGuardInput, 'referralPlatform'>): boolean {
  return input.referralPlatform !== undefined && REFERRAL_KEYS_WITHOUT_MODE[input.referralPlatform] !== undefined;
}

/** The input's `referralProgramme`, else whether the environment names a referral platform. */
function runsReferralProgramme(input: Pick<LiveGuardInput, 'referralProgramme' | 'environment'>): boolean {
  return input.referralProgramme ?? input.environment.referral !== undefined;
}

function describeMode(mode: KeyMode): string {
  if (mode === 'test') return 'a test key';
  if (mode === 'live') return 'a live key';
  return 'missing or not a key of either mode';
}

function landingUrl(merchantUrl: string): string {
  try {
    return new URL('/', merchantUrl).toString();
  } catch {
    return merchantUrl;
  }
}

function merchantHosts(merchantUrl: string): string[] {
  try {
    const url = new URL(merchantUrl);
    return [...new Set([url.host, url.hostname])];
  } catch {
    return [];
  }
}

function accountNames(account: ProviderAccount): string[] {
  return [...new Set([account.displayName, account.businessName].filter((name): name is string => !!name))];
}

function confirmationFailure(
  typed: string | undefined,
  account: LiveGuardObservations['account'],
  merchantUrl: string,
): string | undefined {
  const names = account && 'id' in account ? accountNames(account) : [];
  const hosts = merchantHosts(merchantUrl);
  const accountText =
    account && 'id' in account
      ? names.length > 0
        ? `the provider account's name (${names.map((n) => `"${n}"`).join(' or ')})`
        : `the provider account's name (account ${account.id} has none)`
      : "the provider account's name (unknown: the account was not read)";
  const hostText = `the merchant's host (${hosts[0] ?? merchantUrl})`;
  if (typed === undefined) {
    return `Live mode needs REHEARSAL_CONFIRM_LIVE typed by you: set it to ${accountText} or ${hostText}.`;
  }
  const matches = names.includes(typed) || hosts.some((host) => host.toLowerCase() === typed.toLowerCase());
  if (matches) return undefined;
  return `REHEARSAL_CONFIRM_LIVE="${typed}" is neither ${accountText} nor ${hostText}: type one of them to confirm where the money moves.`;
}

function sameAccountFailure(
  provider: LiveGuardInput['environment']['provider'],
  account: LiveGuardObservations['account'],
): string | undefined {
  const { secretKey, publishableKey } = provider;
  if (keyMode(secretKey) !== 'live' || keyMode(publishableKey) !== 'live') return undefined;
  const secretStart = keyBody(secretKey)?.slice(0, 16);
  const publishableStart = keyBody(publishableKey)?.slice(0, 16);
  if (secretStart !== publishableStart) {
    return 'The provider secret and publishable keys belong to different accounts (their first 16 characters after the live prefix differ): set both keys of the one account you mean to charge.';
  }
  if (account && 'id' in account) {
    for (const [label, key] of [
      ['secret', secretKey],
      ['publishable', publishableKey],
    ] as const) {
      const embedded = embeddedAccountPrefix(key);
      if (embedded && !account.id.startsWith(embedded)) {
        return `The provider ${label} key belongs to account ${embedded}…, but GET /v1/account answered ${account.id}: set the keys of the account you mean to charge.`;
      }
    }
  }
  return undefined;
}

function highestPrice(prices: GuardPrice[]): number {
  return prices.reduce((max, price) => Math.max(max, price.amount), 0);
}

function notAnAmount(text: string, prices: GuardPrice[]): string {
  return `REHEARSAL_MAX_AMOUNT="${text}" is not a positive whole number of minor units: set it to e.g. ${highestPrice(prices) || 5000}.`;
}

/**
 * Live mode caps every payment: REHEARSAL_MAX_AMOUNT (one number for every currency) when set, else
 * rehearsal.config.ts's amountCap, which must name every currency the flows pay, each at least its highest price.
 */
function liveCapFailures(settings: LiveSettings, prices: GuardPrice[]): string[] {
  const perCurrency = settings.amountCap ?? {};
  if (settings.maxAmount !== undefined || Object.keys(perCurrency).length === 0) {
    const failure = liveCapFailure(settings.maxAmount, prices);
    return failure ? [failure] : [];
  }
  const failures: string[] = [];
  const currencies = [...new Set(prices.map((price) => price.currency.toLowerCase()))];
  const uncapped = currencies.filter((currency) => amountCapFor(settings, currency) === undefined);
  if (uncapped.length > 0) {
    const wanted = uncapped.map((currency) => `amountCap.${currency} (at least ${highestPrice(pricesIn(prices, currency))})`);
    failures.push(
      `Live mode needs a cap for every currency the flows pay, but rehearsal.config.ts has none for ${uncapped.join(', ')}: ` +
        `add ${wanted.join(', ')} in minor units, or set REHEARSAL_MAX_AMOUNT to cap every currency.`,
    );
  }
  for (const currency of currencies) {
    const cap = amountCapFor(settings, currency);
    const above = cap ? pricesIn(prices, currency).filter((price) => price.amount > cap.amount) : [];
    if (cap && above.length > 0) {
      failures.push(
        `${cap.label} is below what the flows pay (${above.map((p) => `${p.name} ${p.amount} ${p.currency}`).join(', ')}): ` +
          `raise it to at least ${highestPrice(pricesIn(prices, currency))}.`,
      );
    }
  }
  return failures;
}

function pricesIn(prices: GuardPrice[], currency: string): GuardPrice[] {
  return prices.filter((price) => price.currency.toLowerCase() === currency);
}

function liveCapFailure(text: string | undefined, prices: GuardPrice[]): string | undefined {
  const highest = highestPrice(prices);
  if (text === undefined) {
    return `Live mode needs REHEARSAL_MAX_AMOUNT, the most one payment may charge in minor units: set it to at least ${highest} (the highest price the flows pay).`;
  }
  const cap = parseMaxAmount(text);
  if (cap === undefined) return notAnAmount(text, prices);
  const above = prices.filter((price) => price.amount > cap);
  if (above.length === 0) return undefined;
  return `REHEARSAL_MAX_AMOUNT=${cap} is below what the flows pay (${above.map((p) => `${p.name} ${p.amount} ${p.currency}`).join(', ')}): raise it to at least ${highest}.`;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
