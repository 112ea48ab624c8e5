export { StripeHostedCheckout } from '../../../src/run/pages/stripeHostedCheckout';
