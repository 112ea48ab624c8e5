import type { PaymentForm, TargetCapabilities } from '../../model/target/contract';
import { REFERRAL_PLATFORM_NAMES, type ReferralPlatformName } from '../../model/target/referralPlatform';
import { referralPlatformNamesInWords } from '../../model/target/referralPlatformChoice';
import { UsageError } from '../errors';

/** The payment forms `rehearse init --payment-form` accepts, the default first. */
export const PAYMENT_FORMS = ['hosted-checkout', 'embedded-elements'] as const satisfies readonly PaymentForm[];

/** How a customer cancels a subscription, `rehearse init --cancellation`: the default first. */
export type Cancellation = NonNullable<TargetCapabilities['cancellation']>;
export const CANCELLATIONS = ['merchant-page', 'customer-portal'] as const satisfies readonly Cancellation[];

/** What `rehearse init` was asked for: the new target's name, where its customers type the card, how they cancel. */
export interface InitArguments {
  name: string;
  paymentForm: PaymentForm;
  /** Absent: on the merchant's own account page. */
  cancellation?: Cancellation;
  /** `--payment-only`: a go-live with no referral programme (capabilities.referralProgramme: false). */
  paymentOnly?: boolean;
  /** `--referral-platform`: the platform the programme runs on (absent: asked when interactive, else Dress Rehearsal's own). */
  referralPlatform?: ReferralPlatformName;
}

/**
 * Reads `rehearse init <name> [--payment-form hosted-checkout|embedded-elements] [--cancellation
 * merchant-page|customer-portal]` (also `--option=…`, in any order). Throws a one-line UsageError for a missing name,
 * a second name, an unknown option or a bad value. The name's shape is checked by the caller (targetNameProblem).
 */
export function parseInitArguments(args: string[]): InitArguments {
  const names: string[] = [];
  let paymentForm: PaymentForm = PAYMENT_FORMS[0];
  let cancellation: Cancellation | undefined;
  let paymentOnly = false;
  let referralPlatform: ReferralPlatformName | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--payment-form' || arg.startsWith('--payment-form=')) {
      paymentForm = paymentFormOf(arg === '--payment-form' ? args[++i] : arg.slice('--payment-form='.length));
    } else if (arg === '--referral-platform' || arg.startsWith('--referral-platform=')) {
      referralPlatform = referralPlatformOf(arg === '--referral-platform' ? args[++i] : arg.slice('--referral-platform='.length));
    } else if (arg === '--payment-only') {
      paymentOnly = true;
    } else if (arg === '--cancellation' || arg.startsWith('--cancellation=')) {
      cancellation = cancellationOf(arg === '--cancellation' ? args[++i] : arg.slice('--cancellation='.length));
    } else if (arg.startsWith('-')) {
      throw new UsageError(`rehearse init has no option ${arg}. Run \`rehearse init --help\`.`);
    } else {
      names.push(arg);
    }
  }
  const [name, other] = names;
  if (name === undefined) {
    throw new UsageError("rehearse init needs the new target's name, e.g. `rehearse init my-shop`.");
  }
  if (other !== undefined) throw new UsageError(`rehearse init takes one name (got also ${other}). Run \`rehearse init --help\`.`);
  if (paymentOnly && referralPlatform !== undefined) {
    throw new UsageError(
      '--payment-only and --referral-platform do not go together: a payment-only go-live has no referral platform. Nothing was written.',
    );
  }
  return {
    name,
    paymentForm,
    ...(cancellation ? { cancellation } : {}),
    ...(paymentOnly ? { paymentOnly } : {}),
    ...(referralPlatform ? { referralPlatform } : {}),
  };
}

function cancellationOf(value: string | undefined): Cancellation {
  const known = CANCELLATIONS.find((one) => one === value);
  if (known) return known;
  throw new UsageError(
    `--cancellation needs ${CANCELLATIONS.join(' or ')}${value === undefined ? '' : ` (got "${value}")`}, e.g. \`rehearse init my-shop --cancellation customer-portal\`. Nothing was written.`,
  );
}

function paymentFormOf(value: string | undefined): PaymentForm {
  const form = PAYMENT_FORMS.find((known) => known === value);
  if (form) return form;
  throw new UsageError(
    `--payment-form needs ${PAYMENT_FORMS.join(' or ')}${value === undefined ? '' : ` (got "${value}")`}, e.g. \`rehearse init my-shop --payment-form embedded-elements\`. Nothing was written.`,
  );
}

/** A platform's name as typed (any case, trimmed); anything else is a one-line UsageError listing the names. */
export function referralPlatformOf(value: string | undefined): ReferralPlatformName {
  const typed = value?.trim().toLowerCase();
  const known = REFERRAL_PLATFORM_NAMES.find((one) => one === typed);
  if (known) return known;
  throw new UsageError(
    `--referral-platform needs ${referralPlatformNamesInWords()}${value === undefined ? '' : ` (got "${value}")`}, e.g. \`rehearse init my-shop --referral-platform rewardful\`. Nothing was written.`,
  );
}
