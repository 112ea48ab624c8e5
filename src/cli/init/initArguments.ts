import type { PaymentForm } from '../../target/contract';
import { UsageError } from '../errors';

/** The payment forms `rehearse init --payment-form` accepts, the default first. */
export const PAYMENT_FORMS = ['hosted-checkout', 'embedded-elements'] as const satisfies readonly PaymentForm[];

/** What `rehearse init` was asked for: the new target's name and where its customers type the card. */
export interface InitArguments {
  name: string;
  paymentForm: PaymentForm;
}

/**
 * Reads `rehearse init <name> [--payment-form hosted-checkout|embedded-elements]` (also `--payment-form=…`, in any
 * order). Throws a one-line UsageError for a missing name, a second name, an unknown option or a bad payment form.
 * The name's shape is checked by the caller (targetNameProblem).
 */
export function parseInitArguments(args: string[]): InitArguments {
  const names: string[] = [];
  let paymentForm: PaymentForm = PAYMENT_FORMS[0];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--payment-form' || arg.startsWith('--payment-form=')) {
      paymentForm = paymentFormOf(arg === '--payment-form' ? args[++i] : arg.slice('--payment-form='.length));
    } else if (arg.startsWith('-')) {
      throw new UsageError(`rehearse init has no option ${arg}. Run \`rehearse init --help\`.`);
    } else {
      names.push(arg);
    }
  }
  const [name, other] = names;
  if (name === undefined) {
    throw new UsageError('rehearse init needs the new target\'s name, e.g. `rehearse init my-shop`.');
  }
  if (other !== undefined) throw new UsageError(`rehearse init takes one name (got also ${other}). Run \`rehearse init --help\`.`);
  return { name, paymentForm };
}

function paymentFormOf(value: string | undefined): PaymentForm {
  const form = PAYMENT_FORMS.find((known) => known === value);
  if (form) return form;
  throw new UsageError(
    `--payment-form needs ${PAYMENT_FORMS.join(' or ')}${value === undefined ? '' : ` (got "${value}")`}, e.g. \`rehearse init my-shop --payment-form embedded-elements\`. Nothing was written.`,
  );
}
