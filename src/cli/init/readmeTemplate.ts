import { DEFAULT_MERCHANT_WEBHOOK_EVENTS, PLAN_MERCHANT_WEBHOOK_EVENTS } from '../../model/target/externalEnvironment';
import { OPTIONAL_FLOWS } from './flowsFileTemplate';
import type { InitArguments } from './initArguments';

/** Step 3 of the README, "write the page objects", for a shop using Stripe's hosted Checkout. */
const HOSTED_CHECKOUT_PAGES = `3. **\`pages/\`**: write the page objects. Each method throws "not written yet" until you do:
   - \`landingPage.ts\`, \`LandingPage.open\`: open the referral link, wait until the tracking snippet announces the
     click (\`referral:click-recorded\`), return its id;
   - \`productPage.ts\`, \`ProductPage.open\` and \`ProductPage.buy\`: open a product, fill the order form, click Buy,
     wait for Stripe's payment page;
   - \`successPage.ts\`, \`SuccessPage.waitUntilShown\` and \`SuccessPage.readOrder\`: wait for your confirmation page,
     read the order (its id, the checkout session behind it, status, amount).
   Stripe's hosted Checkout is already driven by \`src/run/pages/stripeHostedCheckout.ts\`. The demo's page objects
   (\`targets/demo/pages/\`) are complete examples. (A Payment Element shop? Start again with
   \`npx rehearse init <name> --payment-form embedded-elements\`.)`;

/** Step 3 of the README for a shop with Stripe's Payment Element in its own checkout page. */
const EMBEDDED_ELEMENTS_PAGES = `3. **\`pages/\`**: write the page objects. Each method throws "not written yet" until you do:
   - \`landingPage.ts\`, \`LandingPage.open\`: open the referral link, wait until the tracking snippet announces the
     click (\`referral:click-recorded\`), return its id;
   - \`productPage.ts\`, \`ProductPage.open\` and \`ProductPage.buy\`: open a product, fill the order form, click Buy,
     wait for your checkout page;
   - \`checkoutPage.ts\`, \`CheckoutPage.pay\` and \`CheckoutPage.payment\`: click your Pay button and wait for your
     return URL; name the payment intent the page confirms (\`{ kind: 'payment_intent', id }\`);
     \`CheckoutPage.readMessage\` (your message area) once you add \`submitPaymentExpectingDecline\`;
   - \`successPage.ts\`, \`SuccessPage.waitUntilShown\` and \`SuccessPage.readOrder\`: wait for your return URL's
     confirmation, read the order (its id, the payment intent behind it, status, amount).
   Stripe's Payment Element is already filled by \`src/run/pages/stripePaymentElement.ts\` (card, country, postal
   code, the 3-D Secure frame). \`targets/embedded-elements/\` (Kissa, a Payment Element shop) is a complete example.`;

/** `targets/<name>/README.md`: what to fill in, in order. */
export function readmeFile({ name, paymentForm }: InitArguments): string {
  const embedded = paymentForm === 'embedded-elements';
  return `# Target \`${name}\`

Written by \`npx rehearse init ${name}${embedded ? ' --payment-form embedded-elements' : ''}\`. ${
    embedded
      ? "Your customers pay in Stripe's\nPayment Element, inside your own checkout page."
      : "Your customers pay on Stripe's hosted Checkout page."
  }
The rehearsal drives your running integration (staging, test-mode keys) through these files; nothing else in the
repository needs editing. Fill them in this order:

1. **\`.env\`**: copy \`.env.example\` (this folder) to \`.env\` in this folder (git-ignored; it wins over the project's
   \`.env\`, the environment wins over both) and fill it
   in: your site's URL, Stripe's test keys, the referral platform's URL and keys, your webhook endpoint and its
   signing secret (its events default to \`${DEFAULT_MERCHANT_WEBHOOK_EVENTS[paymentForm].join(',')}\`, and
   \`${PLAN_MERCHANT_WEBHOOK_EVENTS.join(',')}\` too once \`target.ts\` declares plans: \`MERCHANT_WEBHOOK_EVENTS\` if
   yours differ). Keys and secrets go there only (never in \`rehearsal.config.ts\`).
2. **\`target.ts\`**: replace every \`TODO\`: the product the rehearsal buys (slug, price in minor units, the price's
   lookup key at Stripe, the commission the partner earns; delete it if you sell only subscriptions), the partner
   and programme, your plans if you sell any, the Stripe API version your code pins, and the pages a customer loads.
${embedded ? EMBEDDED_ELEMENTS_PAGES : HOSTED_CHECKOUT_PAGES}
4. **Check and run**: \`npx rehearse preflight\` (the go-live checks no browser flow covers: keys, API version,
   webhooks, prices, secrets in your pages), then \`npx rehearse run\` (the flows, then the report and the sign-off).

## Optional flows

\`flows.ts\` has the five required flows. The others are optional; until you add one, the steps that need it are
reported skipped with the reason (never passed):
${OPTIONAL_FLOWS.map((method) => `- \`${method}\``).join('\n')}

\`src/model/target/contract.ts\` (\`TargetFlows\`) says what each must do.${
    embedded ? '\n`returnToMerchantAfterDecline` does not apply to a Payment Element: there is no provider page to leave.' : ''
  }

## Refunds

\`capabilities.refunds\` in \`target.ts\` says how your support team refunds. \`'provider-api'\` (the scaffold's
default): the rehearsal refunds at Stripe, as support would, and "your site shows the order refunded" is reported
skipped. \`'merchant-admin-ui'\` or \`'merchant-api'\`: add \`refundOrder(orderId)\` to \`flows.ts\`; it refunds the
whole order through your admin or your API (\`MERCHANT_ADMIN_KEY\` becomes \`environment.merchant.adminKey\`) and must
resolve with \`{ status: 'refunded' }\` once your site shows the order refunded (the refund scenario checks exactly
\`'refunded'\`; map your own wording to it).

## Not on Dress Rehearsal's referral platform?

On Rewardful or Dub, name it: \`referralPlatform: 'rewardful'\` (or \`'dub'\`) in \`target.ts\`, \`referral: { platform:
'rewardful' }\` in \`rehearsal.config.ts\`, or \`REFERRAL_PLATFORM=rewardful\` in \`.env\` (\`rehearse init
--referral-platform\` writes the first). On another platform, write one file implementing \`ReferralPlatform\` for its
API and name it the same way: see \`docs/referral-adapter.md\`.

## Checklist items you do not rehearse

List them in \`rehearsal.config.ts\` (\`checklist: { skip: [...] }\`): preflight skips their checks and the sign-off
shows them skipped, with that reason.
`;
}
