import { KNOWN_STRIPE_TEST_CARD_NUMBERS } from '../../../contracts/stripeTestCards';
import { TEST_CARDS } from '../../model/target/testCards';

/**
 * Stripe's documented test card numbers and every card the harness pays with in test mode (TEST_CARDS). Live mode
 * refuses them as the operator's card: Stripe would decline them anyway.
 */
export const KNOWN_TEST_CARD_NUMBERS: ReadonlySet<string> = new Set([
  ...Object.values(TEST_CARDS).map((card) => card.number),
  ...KNOWN_STRIPE_TEST_CARD_NUMBERS,
]);
