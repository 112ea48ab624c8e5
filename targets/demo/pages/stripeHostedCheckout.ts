export { StripeHostedCheckout } from '../../../src/pages/stripeHostedCheckout';
