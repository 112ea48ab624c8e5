import type { Browser } from '@playwright/test';
import type Stripe from 'stripe';
import type { CheckId, CheckResult, CheckStatus, ChecklistItemId } from '../../model/checklist/types';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralWebhookEndpoint } from '../../../contracts/referral';
import type { Target, TargetEnvironment } from '../../model/target/contract';

export type PreflightMode = 'test' | 'live';

/** What `runPreflight` needs: the target, where it runs, the run's mode and id, and a browser for the page scan. */
export interface PreflightOptions {
  target: Target;
  environment: TargetEnvironment;
  mode: PreflightMode;
  runId: string;
  /** Without one, `browser.no-secret-keys` is skipped. */
  browser?: Browser;
  /** How long the merchant's webhook endpoint may take to answer a signed event; default 10 000 ms (the checklist's 10 s). */
  webhookAnswerLimitMs?: number;
  /** The checks to run, in order; default every check (PREFLIGHT_CHECKS). */
  checks?: readonly PreflightCheck[];
  /** Called as each check finishes (the CLI prints progress). */
  onResult?: (result: CheckResult) => void;
  /**
   * Checklist items not in this rehearsal's checklist (rehearsal.config.ts `checklist.skip`): a check deciding only
   * such items does not run; a check deciding others too runs, and its outcomes for the skipped items are dropped.
   */
  skipItems?: readonly ChecklistItemId[];
  /**
   * The referral platform's client; default `referralPlatformFor(target, environment)` (the target's, else
   * ReferralClient), or none for a payment-only merchant (`capabilities.referralProgramme: false`).
   */
  referral?: ReferralPlatform;
}

/** A configured secret value the browser scan looks for; `label` names it without showing it. */
export interface KnownSecret {
  label: string;
  value: string;
}

/** What every check gets: the run, ready-made clients, and lookups shared between checks (each made once). */
export interface PreflightContext {
  runId: string;
  mode: PreflightMode;
  target: Target;
  environment: TargetEnvironment;
  /** The official Stripe SDK pointed at the target's provider. */
  provider: Stripe;
  referral: ReferralPlatform;
  browser?: Browser;
  webhookAnswerLimitMs: number;
  /** The configured secrets (provider and referral secret keys, merchant admin key, merchant webhook secret). */
  secrets: KnownSecret[];
  /** `GET /v1/account`, made once; rejects as the SDK does. */
  account(): Promise<Stripe.Response<Stripe.Account>>;
  /** The account if a check has read it (no call of its own); undefined when none did or the call failed. */
  accountIfRead(): Promise<Stripe.Account | undefined>;
  /** Every webhook endpoint at the provider, listed once. */
  webhookEndpoints(): Promise<Stripe.WebhookEndpoint[]>;
  /** Every webhook endpoint at the referral platform (the merchant's and the harness's), listed once; rejects for a payment-only merchant. */
  referralWebhookEndpoints(): Promise<ReferralWebhookEndpoint[]>;
  /** A new probe event id: `evt_rehearsal_preflight_<runId>_<n>`. */
  nextEventId(): string;
}

/** One finding of a check, before the runner stamps it with the check id, timing and (when one item) the item. */
export interface CheckOutcome {
  status: CheckStatus;
  /** One sentence a non-developer can act on: what is wrong, where, what to do (redacted by the runner). */
  summary: string;
  details?: string[];
  evidence?: unknown;
  /** Only for a check that decides several items: which one this outcome is for. */
  item?: ChecklistItemId;
}

/** One preflight check: the checklist item(s) it decides and how. A thrown error becomes a `failed` result. */
export interface PreflightCheck {
  id: CheckId;
  /** The checklist item it decides, or several (then `run` returns one outcome per item, each naming it). */
  item: ChecklistItemId | readonly ChecklistItemId[];
  /**
   * The check is about the merchant's referral programme though its item is not (the item is decided by payment
   * checks too): a payment-only merchant (`capabilities.referralProgramme: false`) does not run it, and its result says
   * not in this rehearsal, as for an item marked `referralProgramme`.
   */
  referralProgramme?: true;
  run(context: PreflightContext): Promise<CheckOutcome | CheckOutcome[]>;
}
