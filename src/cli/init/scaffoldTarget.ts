import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import path from 'node:path';
import { checkoutPageFile } from './checkoutPageTemplate';
import { envExampleFile } from './envExampleTemplate';
import { flowsFile } from './flowsFileTemplate';
import type { InitArguments } from './initArguments';
import { accountPageFile, landingPageFile, productPageFile, successPageFile } from './pageTemplates';
import { readmeFile } from './readmeTemplate';
import { targetFile } from './targetFileTemplate';

/** One file `rehearse init` writes: its path inside the target's folder and what it is for. */
export interface ScaffoldFile {
  file: string;
  purpose: string;
  text: string;
}

/** Every file of a new target, in the order the command lists them (a Payment Element shop also gets its checkout page). */
export function scaffoldFiles(choices: InitArguments): ScaffoldFile[] {
  const checkoutPage: ScaffoldFile[] =
    choices.paymentForm === 'embedded-elements'
      ? [
          {
            file: 'pages/checkoutPage.ts',
            purpose: 'your checkout page: its Pay button and messages (to write)',
            text: checkoutPageFile(choices.name),
          },
        ]
      : [];
  const accountPage: ScaffoldFile[] =
    choices.cancellation === 'customer-portal'
      ? [
          {
            file: 'pages/accountPage.ts',
            purpose: "your account page's button to Stripe's customer portal (to write)",
            text: accountPageFile(choices.name),
          },
        ]
      : [];
  return [
    { file: 'target.ts', purpose: 'the Target: catalogue, capabilities, go-live facts, connect()', text: targetFile(choices) },
    { file: 'flows.ts', purpose: 'the five required browser flows, made of the page objects', text: flowsFile(choices) },
    ...(choices.paymentOnly
      ? []
      : [{ file: 'pages/landingPage.ts', purpose: 'where a referral link lands (to write)', text: landingPageFile(choices.name) }]),
    { file: 'pages/productPage.ts', purpose: 'the product page and its Buy button (to write)', text: productPageFile(choices) },
    ...checkoutPage,
    { file: 'pages/successPage.ts', purpose: 'the order confirmation (to write)', text: successPageFile(choices) },
    ...accountPage,
    { file: '.env.example', purpose: 'the variables to copy into .env here (secrets left empty)', text: envExampleFile(choices) },
    { file: 'README.md', purpose: 'what to fill in, in order', text: readmeFile(choices) },
  ];
}

/**
 * Writes `<targetsDir>/<name>/` with every scaffold file for the chosen payment form, all at once: the files go to a hidden folder first,
 * renamed into place at the end, so a failure leaves nothing behind. Refuses (throws) when the folder exists.
 */
export async function scaffoldTarget(targetsDir: string, choices: InitArguments): Promise<ScaffoldFile[]> {
  const { name } = choices;
  const destination = path.join(targetsDir, name);
  if (await exists(destination)) throw new Error(`${destination} already exists`);
  const staging = path.join(targetsDir, `.${name}.init-${process.pid}`);
  const files = scaffoldFiles(choices);
  try {
    for (const { file, text } of files) {
      await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
      const written = await formatted(path.join(destination, file), text);
      await writeFile(path.join(staging, file), written, { encoding: 'utf8', flag: 'wx' });
    }
    await rename(staging, destination);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return files;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

/**
 * A TypeScript file as the project's formatter writes it (prettier, with the project's .prettierrc.json found from
 * where the file will live), so `npm test`'s format check passes on a freshly scaffolded target. Other files as given.
 */
async function formatted(filePath: string, text: string): Promise<string> {
  if (!filePath.endsWith('.ts')) return text;
  const options = await resolveConfig(filePath);
  return format(text, { ...options, filepath: filePath });
}
