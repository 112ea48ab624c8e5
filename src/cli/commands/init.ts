import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors';
import { REFERRAL_PLATFORM_LABELS } from '../../model/target/referralPlatformChoice';
import { askReferralPlatform } from '../init/askReferralPlatform';
import { parseInitArguments } from '../init/initArguments';
import { scaffoldTarget } from '../init/scaffoldTarget';
import { targetNameProblem } from '../init/targetName';
import { REPO_ROOT } from '../repoRoot';

export const INIT_HELP = `Usage: rehearse init <name> [--payment-form hosted-checkout|embedded-elements] [--payment-only]
                           [--cancellation merchant-page|customer-portal]
                           [--referral-platform dress-rehearsal|rewardful|dub]

Writes targets/<name>/ for your own integration: target.ts (the Target, with TODOs), flows.ts (the required
flows), pages/ (page objects to write), .env.example (the variables to copy into targets/<name>/.env) and README.md (what to fill
in, in order). <name> is lowercase kebab-case (e.g. my-shop) and must not exist yet.

Options:
  --payment-form hosted-checkout     Your customers pay on Stripe's hosted Checkout page (the default)
  --payment-form embedded-elements   Your customers pay in Stripe's Payment Element inside your own checkout
                                     page: adds pages/checkoutPage.ts (your Pay button, your messages)
  --payment-only                     A go-live with no referral programme: no partner, no commissions, no
                                     REFERRAL_* variables; every referral step is skipped with that reason
  --referral-platform <name>         The referral platform the programme runs on: dress-rehearsal (the
                                     default), rewardful or dub; target.ts names it and .env.example lists
                                     its keys. Asked at a terminal when not given
  --cancellation merchant-page       Subscribers cancel on your own account page (the default: write
                                     flows.cancelSubscription yourself)
  --cancellation customer-portal     Subscribers cancel in Stripe's customer portal: flows.ts cancels through it
                                     (src/run/pages/stripeCustomerPortal.ts); adds pages/accountPage.ts (its button)

Exit code: 0 when written, 2 for a missing, malformed or existing name or a bad option (nothing is written).`;

/** `rehearse init <name> [--payment-form …]`: scaffolds targets/<name>/ and says what to do next. */
export async function initCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(INIT_HELP);
    return 0;
  }
  const parsed = parseInitArguments(args);
  const { name, paymentForm } = parsed;
  const problem = targetNameProblem(name);
  if (problem) throw new UsageError(`"${name}" ${problem}: choose a name like my-shop. Nothing was written.`);

  const targetsDir = path.join(REPO_ROOT, 'targets');
  const shown = `targets/${name}`;
  if (await stat(path.join(targetsDir, name)).catch(() => undefined)) {
    throw new UsageError(`${shown}/ already exists: choose another name, or edit the files there. Nothing was written.`);
  }
  const asked = parsed.paymentOnly || parsed.referralPlatform ? undefined : await askReferralPlatform();
  const choices = asked ? { ...parsed, referralPlatform: asked } : parsed;
  const files = await scaffoldTarget(targetsDir, choices);

  const cancels =
    (choices.cancellation === 'customer-portal' ? ", cancellation: Stripe's customer portal" : '') +
    (choices.paymentOnly ? ', payment only' : '') +
    (choices.referralPlatform && choices.referralPlatform !== 'dress-rehearsal'
      ? `, referral platform: ${REFERRAL_PLATFORM_LABELS[choices.referralPlatform]}`
      : '');
  console.log(`✓ Wrote ${shown}/ for your integration (payment form: ${paymentForm}${cancels}):`);
  const width = Math.max(...files.map(({ file }) => `${shown}/${file}`.length));
  for (const { file, purpose } of files) console.log(`  ${`${shown}/${file}`.padEnd(width)}  ${purpose}`);
  console.log('');
  console.log('Next:');
  console.log(`  1. Write the page objects in ${shown}/pages/ and fill the TODOs of ${shown}/target.ts (${shown}/README.md says how).`);
  console.log(`  2. Copy ${shown}/.env.example to ${shown}/.env, fill it in, and choose the target with REHEARSAL_TARGET=${name}.`);
  console.log('  3. Run `npx rehearse preflight`, then `npx rehearse run`.');
  return 0;
}
