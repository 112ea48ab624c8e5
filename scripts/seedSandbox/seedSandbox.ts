import type { Target } from '../../src/model/target/contract';
import { catalogueItems } from './catalogueItems';
import { envLines } from './envLines';
import { reachSandbox } from './sandboxAccess';
import type { SeedOptions } from './seedOptions';
import { seedPrice } from './seedPrices';
import { seedReferralProgramme } from './seedReferralProgramme';
import type { SeedStep } from './seedResult';
import { merchantWebhookEvents, seedWebhookEndpoint } from './seedWebhookEndpoint';

export interface SeedOutcome {
  /** What was found or done, in order; `changed` ones changed the sandbox. */
  steps: SeedStep[];
  /** The .env lines to paste (secrets included: sandbox-only values). */
  env: string;
}

/**
 * Seeds the running sandbox from the target's catalogue: prices by lookup key, then the referral programme and
 * partner (unless `capabilities.referralProgramme` is false), then the merchant's webhook endpoint. Everything is
 * looked up first, so a second run changes nothing. The catalogue is checked before anything is written.
 */
export async function seedSandbox(target: Target, options: SeedOptions): Promise<SeedOutcome> {
  const items = catalogueItems(target);
  const partner = target.capabilities.referralProgramme === false ? undefined : target.catalogue.partner;
  const access = await reachSandbox(options.providerUrl, options.referralUrl, partner !== undefined);

  const steps: SeedStep[] = [];
  for (const item of items) steps.push(await seedPrice(access.provider.stripe, item));
  if (partner) steps.push(...(await seedReferralProgramme(access, partner, items, target.name)));
  const events = merchantWebhookEvents(target, options.extraEvents);
  const endpoint = await seedWebhookEndpoint(access, target, options.webhookUrl, events);
  steps.push(endpoint.step);

  const env = envLines({
    targetName: target.name,
    access,
    merchantUrl: options.merchantUrl,
    webhookUrl: options.webhookUrl,
    webhookSecret: endpoint.secret,
    referral: partner !== undefined,
    items,
  });
  return { steps, env };
}
