import { defineConfig } from './src/model/config/defineConfig';

/**
 * This rehearsal's settings (src/model/config/defineConfig.ts documents each one). The environment and .env win over
 * every field; keys and secrets belong in .env only, never here. Delete the file to use the built-in defaults.
 */
export default defineConfig({
  // Which targets/<name>/ to rehearse (REHEARSAL_TARGET wins).
  target: 'demo',
  // Where your integration runs: defaults of REHEARSAL_MERCHANT_URL, REHEARSAL_PROVIDER_API_BASE, REFERRAL_API_BASE.
  // urls: { merchant: 'https://staging.shop.example', referralApi: 'https://api.referral.example' },
  // Your referral platform's client, when it is not Dress Rehearsal's referral API (docs/referral-adapter.md).
  // referral: { platform: (access) => new MyPlatform(access) },
  // Checklist items this rehearsal does not cover (ids from src/model/checklist/catalogue.ts).
  // checklist: { skip: ['payout-account-verified'] },
  // The most one payment may charge, per currency, in minor units; live mode needs one for every currency it pays.
  // amountCap: { usd: 5000, jpy: 5000 },
  // How long to wait for a webhook, click or commission to show up (REHEARSAL_EVENT_TIMEOUT_MS wins).
  // eventTimeoutMs: 15_000,
  // How long to watch for what must NOT happen (a second charge, a conversion for a declined card): the longest your
  // integration may still act on an event after answering its webhook. Default: the target's, else 5 s.
  // settleWindowMs: 5_000,
});
