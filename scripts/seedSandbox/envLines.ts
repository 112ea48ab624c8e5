import { sdkAddressOf } from '../../sandbox/provider/sdkAddress';
import type { CatalogueItem } from './catalogueItems';
import type { SandboxAccess } from './sandboxAccess';

export interface EnvLinesInput {
  targetName: string;
  access: SandboxAccess;
  merchantUrl: string;
  webhookUrl: string;
  webhookSecret: string;
  /** The target has a referral programme: the REFERRAL_* lines are written. */
  referral: boolean;
  items: CatalogueItem[];
}

/**
 * What to paste, as one .env file: the rehearsal's variables for `targets/<name>/.env`, then, commented out, what
 * the merchant app itself needs (its variable names are its own). Sandbox-only keys: they open nothing beyond this
 * machine. REHEARSAL_TARGET is not among them: a target's own file never chooses the target.
 */
export function envLines(input: EnvLinesInput): string {
  const { access, targetName } = input;
  const { host, port, protocol } = sdkAddressOf(access.provider.url);
  return [
    `# targets/${targetName}/.env: the rehearsal of your merchant app against the sandbox (npm run sandbox:seed; sandbox-only keys).`,
    `# Choose the target with REHEARSAL_TARGET=${targetName} in the environment, .env or rehearsal.config.ts (never in this file).`,
    '# Where a customer opens your shop (check it):',
    `REHEARSAL_MERCHANT_URL=${input.merchantUrl}`,
    `REHEARSAL_PROVIDER_API_BASE=${access.provider.url}`,
    `STRIPE_SECRET_KEY=${access.provider.secretKey}`,
    `STRIPE_PUBLISHABLE_KEY=${access.provider.publishableKey}`,
    ...(input.referral
      ? [
          `REFERRAL_API_BASE=${access.referral.url}`,
          `REFERRAL_SECRET_KEY=${access.referral.apiKey}`,
          `REFERRAL_PUBLISHABLE_KEY=${access.referral.publishableKey}`,
        ]
      : []),
    `MERCHANT_WEBHOOK_URL=${input.webhookUrl}`,
    `MERCHANT_WEBHOOK_SECRET=${input.webhookSecret}`,
    '',
    "# Your merchant app's own settings (use its own variable names): its Stripe SDK talks to the sandbox provider,",
    `# new Stripe(secretKey, { host: '${host}', port: ${port}, protocol: '${protocol}' }), and checks webhook signatures with the secret.`,
    `# STRIPE_SECRET_KEY=${access.provider.secretKey}`,
    `# STRIPE_PUBLISHABLE_KEY=${access.provider.publishableKey}`,
    `# STRIPE_WEBHOOK_SECRET=${input.webhookSecret}`,
    `# STRIPE_API_BASE=${access.provider.url}`,
    `# Prices by lookup key: ${input.items.map((item) => item.lookupKey).join(', ')}`,
    ...(input.referral
      ? [
          `# The referral snippet on every page: <script src="${access.referral.url}/snippet.js" data-merchant="${access.referral.publishableKey}" defer></script>`,
        ]
      : []),
    '',
  ].join('\n');
}
