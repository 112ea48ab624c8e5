import type { CheckId } from './checkIds';
import type { FlowId } from './flowIds';
import type { ReferralPlatformName } from '../target/referralPlatform';

/**
 * Which go-live list an item comes from: Stripe's, the referral platform's (the generic list the checklist started
 * from), Rewardful's or Dub's own (research: /tmp/research notes §6, each item citing its page), a payments runbook.
 */
export type ChecklistSource = 'stripe-go-live' | 'referral-go-live' | 'rewardful-go-live' | 'dub-go-live' | 'payments-runbook';

/** A failed `blocking` item means "do not go live"; a failed `warning` item is shown but does not block. */
export type ItemSeverity = 'blocking' | 'warning';

/**
 * Evidence beyond preflight checks and tagged flow steps that an item declares it is decided by; the sign-off has
 * one decider per rule (src/reporting/signoff/itemRules).
 * - `provider-calls-carry-request-ids`: every provider call the flows recorded must carry a request id; a flow
 *   that recorded calls decides the item even when it tagged no step with it.
 */
export type ItemRule = 'provider-calls-carry-request-ids';

/** One line of the go-live checklist as the catalogue declares it (its `id` is narrowed by the catalogue). */
export interface ChecklistItemDefinition {
  /** Stable kebab-case id, used as the Allure label `checklist` and in every piece of evidence. */
  readonly id: string;
  /** A sentence a non-developer understands. */
  readonly title: string;
  /** One sentence: what goes wrong at launch when this item is not true. */
  readonly why: string;
  readonly source: ChecklistSource;
  /** Where in that list, in words (e.g. "Stripe go-live checklist: webhooks"). */
  readonly sourceDetail: string;
  readonly severity: ItemSeverity;
  /** Preflight checks that decide it. */
  readonly checks?: readonly CheckId[];
  /** Flows (test.use({ flowName })) whose steps tagged with this item's id decide it. */
  readonly flows?: readonly FlowId[];
  /** Evidence of its own that also decides it (see ItemRule). */
  readonly rules?: readonly ItemRule[];
  /** Set for items no machine can decide: what the operator does, then attests in the sign-off block. */
  readonly manual?: string;
  /**
   * The item is about the merchant's referral programme: a payment-only merchant (`capabilities.referralProgramme:
   * false`) leaves it out of the rehearsal, and the sign-off lists it as not in this rehearsal.
   */
  readonly referralProgramme?: true;
  /**
   * The item applies only when the rehearsal's referral platform is this one (a step of Rewardful's or Dub's own
   * go-live list); on another platform the sign-off lists it as not in this rehearsal. `dress-rehearsal` items also
   * apply to a team's own adapter (the generic list). Absent: every platform.
   */
  readonly platform?: ReferralPlatformName;
}
