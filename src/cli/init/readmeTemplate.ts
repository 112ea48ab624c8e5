import { OPTIONAL_FLOWS } from './flowsFileTemplate';

/** `targets/<name>/README.md`: what to fill in, in order. */
export function readmeFile(name: string): string {
  return `# Target \`${name}\`

Written by \`npx rehearse init ${name}\`. The rehearsal drives your running integration (staging, test-mode
keys) through these files; nothing else in the repository needs editing. Fill them in this order:

1. **\`.env\`**: copy the lines of \`.env.example\` (this folder) into \`.env\` at the repository root and fill them
   in: your site's URL, Stripe's test keys, the referral platform's URL and keys, your webhook endpoint and its
   signing secret. Keys and secrets go there only (never in \`rehearsal.config.ts\`).
2. **\`target.ts\`**: replace every \`TODO\`: the product the rehearsal buys (slug, price in minor units, the price's
   lookup key at Stripe, the commission the partner earns), the partner and programme, your plans if you sell
   any, the Stripe API version your code pins, and the pages a customer loads.
3. **\`pages/\`**: write the page objects. Each method throws "not written yet" until you do:
   - \`landingPage.ts\`, \`LandingPage.open\`: open the referral link, wait until the tracking snippet recorded the
     click, return its id;
   - \`productPage.ts\`, \`ProductPage.open\` and \`ProductPage.buy\`: open a product, fill the order form, click Buy,
     wait for Stripe's payment page;
   - \`successPage.ts\`, \`SuccessPage.waitUntilShown\` and \`SuccessPage.readOrder\`: wait for your confirmation page,
     read the order (its id, the checkout session behind it, status, amount).
   Stripe's hosted Checkout is already driven by \`src/pages/stripeHostedCheckout.ts\`. If you use Stripe's
   Payment Element instead, use \`src/pages/stripePaymentElement.ts\` in \`flows.ts\` and set
   \`capabilities.paymentForm\` to \`'embedded-elements'\`.
   The demo's page objects (\`targets/demo/pages/\`) are complete examples.
4. **Check and run**: \`npx rehearse preflight\` (the go-live checks no browser flow covers: keys, API version,
   webhooks, prices, secrets in your pages), then \`npx rehearse run\` (the flows, then the report and the sign-off).

## Optional flows

\`flows.ts\` has the five required flows. The others are optional; until you add one, the steps that need it are
reported skipped with the reason (never passed): ${OPTIONAL_FLOWS.map((method) => `\`${method}\``).join(', ')}.
\`src/target/contract.ts\` (\`TargetFlows\`) says what each must do.

## Not on Dress Rehearsal's referral platform?

Write one file implementing \`ReferralPlatform\` for your platform's API and name it in \`target.ts\`
(\`referralPlatform\`) or in \`rehearsal.config.ts\` (\`referral.platform\`): see \`docs/referral-adapter.md\`.

## Checklist items you do not rehearse

List them in \`rehearsal.config.ts\` (\`checklist: { skip: [...] }\`): preflight skips their checks and the sign-off
shows them skipped, with that reason.
`;
}
