import { expect, test } from '@playwright/test';
import { catalogue } from '../../../../src/guards/preflight/checks/index';
import { createProviderClient } from '../../../../src/run/provider/providerClient';
import type { Target } from '../../../../src/model/target/contract';
import { demoTarget } from '../../../../targets/demo/target';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/* catalogue-in-mode and amounts-in-minor-units: provider.catalogue decides both. */

test("provider.catalogue fails when the catalogue's price id is a test-mode price checked in live mode", async () => {
  const testMode = await startPreflightSandbox();
  const live = await startPreflightSandbox({ mode: 'live' });
  try {
    const testStripe = createProviderClient(testMode.environment.provider);
    const testPrice = (await testStripe.prices.list({ lookup_keys: ['demo_tshirt'], limit: 1 })).data[0]!;
    const target = {
      ...demoTarget,
      catalogue: { ...demoTarget.catalogue, product: { ...demoTarget.catalogue.product!, price: { id: testPrice.id } } },
    } as Target;

    const report = await preflightOn(live, { checks: [catalogue], target });
    const inMode = resultOf(report, 'provider.catalogue', 'catalogue-in-mode');
    expect(inMode.status).toBe('failed');
    expect(inMode.summary).toBe(
      `The price ${testPrice.id} of Rehearsal T-shirt (product tshirt) does not exist in live mode at the provider: create the price in live mode and put its id in the catalogue.`,
    );
    // The other prices (found by lookup key in the live sandbox) have the right amounts.
    expect(resultOf(report, 'provider.catalogue', 'amounts-in-minor-units').status).toBe('passed');
    expectNoSecretIn(report, live);
  } finally {
    await Promise.all([testMode.stop(), live.stop()]);
  }
});

test('provider.catalogue fails both items when the JPY price is 100 times too high (shop.jpy-scaled-by-100)', async () => {
  const started = await startPreflightSandbox({ faults: ['shop.jpy-scaled-by-100'] });
  try {
    const report = await preflightOn(started, { checks: [catalogue] });
    for (const item of ['catalogue-in-mode', 'amounts-in-minor-units']) {
      const result = resultOf(report, 'provider.catalogue', item);
      expect(result.status, item).toBe('failed');
      expect(result.summary).toMatch(
        /^The price of Rehearsal Tenugui \(product tenugui\), lookup key demo_tenugui_jpy \(price_\w+\) is 150,000 JPY at the provider, but the catalogue says 1,500 JPY \(100 times too much: the amount was given as if the currency had cents\): create a price at 1,500 JPY/,
      );
    }
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('provider.catalogue passes a subscription-only merchant (plans, no one-time product) without asking for a product', async () => {
  const started = await startPreflightSandbox();
  try {
    const { product: _product, zeroDecimalProduct: _zeroDecimal, ...plansOnly } = demoTarget.catalogue;
    const target = { ...demoTarget, catalogue: plansOnly } as Target;

    const report = await preflightOn(started, { checks: [catalogue], target });
    const inMode = resultOf(report, 'provider.catalogue', 'catalogue-in-mode');
    expect(inMode.status).toBe('passed');
    expect(inMode.summary).toBe("The catalogue price exists in test mode, active, at the catalogue's amounts.");
    expect(inMode.details).toEqual([
      'The merchant sells no one-time product (no catalogue.product): only its plans are checked.',
      expect.stringMatching(/^Rehearsal Club \(plan club\): price price_\w+ is active in test mode at .* every 1 month\.$/),
    ]);
    expect(resultOf(report, 'provider.catalogue', 'amounts-in-minor-units').status).toBe('passed');
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('provider.catalogue is skipped, not passed, when the catalogue names no product and no plan', async () => {
  const started = await startPreflightSandbox();
  try {
    const target = { ...demoTarget, catalogue: { partner: demoTarget.catalogue.partner, plans: [] } } as Target;
    const report = await preflightOn(started, { checks: [catalogue], target });
    for (const item of ['catalogue-in-mode', 'amounts-in-minor-units']) {
      const result = resultOf(report, 'provider.catalogue', item);
      expect(result.status, item).toBe('skipped');
      expect(result.summary).toBe(
        'The catalogue names no product and no plan, so no price could be checked: add what the merchant sells to the target (catalogue.product, catalogue.plans).',
      );
    }
  } finally {
    await started.stop();
  }
});
