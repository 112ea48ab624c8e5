import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors';
import { parseInitArguments } from '../init/initArguments';
import { scaffoldTarget } from '../init/scaffoldTarget';
import { targetNameProblem } from '../init/targetName';
import { REPO_ROOT } from '../repoRoot';

export const INIT_HELP = `Usage: rehearse init <name> [--payment-form hosted-checkout|embedded-elements]

Writes targets/<name>/ for your own integration: target.ts (the Target, with TODOs), flows.ts (the required
flows), pages/ (page objects to write), .env.example (the variables to copy into .env) and README.md (what to fill
in, in order). <name> is lowercase kebab-case (e.g. my-shop) and must not exist yet.

Options:
  --payment-form hosted-checkout     Your customers pay on Stripe's hosted Checkout page (the default)
  --payment-form embedded-elements   Your customers pay in Stripe's Payment Element inside your own checkout
                                     page: adds pages/checkoutPage.ts (your Pay button, your messages)

Exit code: 0 when written, 2 for a missing, malformed or existing name or a bad option (nothing is written).`;

/** `rehearse init <name> [--payment-form …]`: scaffolds targets/<name>/ and says what to do next. */
export async function initCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(INIT_HELP);
    return 0;
  }
  const { name, paymentForm } = parseInitArguments(args);
  const problem = targetNameProblem(name);
  if (problem) throw new UsageError(`"${name}" ${problem}: choose a name like my-shop. Nothing was written.`);

  const targetsDir = path.join(REPO_ROOT, 'targets');
  const shown = `targets/${name}`;
  if (await stat(path.join(targetsDir, name)).catch(() => undefined)) {
    throw new UsageError(`${shown}/ already exists: choose another name, or edit the files there. Nothing was written.`);
  }
  const files = await scaffoldTarget(targetsDir, { name, paymentForm });

  console.log(`✓ Wrote ${shown}/ for your integration (payment form: ${paymentForm}):`);
  const width = Math.max(...files.map(({ file }) => `${shown}/${file}`.length));
  for (const { file, purpose } of files) console.log(`  ${`${shown}/${file}`.padEnd(width)}  ${purpose}`);
  console.log('');
  console.log('Next:');
  console.log(`  1. Write the page objects in ${shown}/pages/ and fill the TODOs of ${shown}/target.ts (${shown}/README.md says how).`);
  console.log(`  2. Copy the lines of ${shown}/.env.example into .env, fill them in, and keep REHEARSAL_TARGET=${name}.`);
  console.log('  3. Run `npx rehearse preflight`, then `npx rehearse run`.');
  return 0;
}
