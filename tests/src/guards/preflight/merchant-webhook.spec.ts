import { expect, test } from '@playwright/test';
import {
  merchantAnswersSigned,
  merchantRejectsForged,
  merchantRejectsOtherMode,
  merchantRejectsStale,
  merchantRejectsUnsigned,
} from '../../../../src/guards/preflight/checks/index';
import { expectNoSecretIn, preflightOn, resultOf, startPreflightSandbox } from './support/preflightSandbox';

/*
 * merchant-webhook-answers, -verifies-signatures and -checks-mode: the probes sent to the shop's /webhooks/stripe
 * fail against a shop that trusts unsigned or forged events, ignores the timestamp, accepts the other mode, or is slow.
 */

test('rejects-unsigned and rejects-forged fail when the shop trusts any JSON body (shop.accept-unsigned-webhooks)', async () => {
  const started = await startPreflightSandbox({ faults: ['shop.accept-unsigned-webhooks'] });
  try {
    const report = await preflightOn(started, { checks: [merchantRejectsUnsigned, merchantRejectsForged] });
    const url = started.environment.merchant.webhook!.url;
    const unsigned = resultOf(report, 'merchant-webhook.rejects-unsigned');
    expect(unsigned.status).toBe('failed');
    expect(unsigned.summary).toBe(
      `The merchant's webhook endpoint ${url} accepted an event with no signature (it answered 200), so anyone could send it fake payment events: ` +
        "verify every event's Stripe-Signature header with the endpoint's signing secret (the SDK's webhooks.constructEvent) and answer 400 when it is missing or wrong.",
    );
    const forged = resultOf(report, 'merchant-webhook.rejects-forged');
    expect(forged.status).toBe('failed');
    expect(forged.summary).toContain('accepted an event signed with a secret that is not its own (a forgery) (it answered 200)');
    expect(forged.item).toBe('merchant-webhook-verifies-signatures');
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('rejects-stale fails when the shop checks signatures with no timestamp tolerance (shop.ignore-webhook-timestamp)', async () => {
  const started = await startPreflightSandbox({ faults: ['shop.ignore-webhook-timestamp'] });
  try {
    const report = await preflightOn(started, { checks: [merchantRejectsStale] });
    const result = resultOf(report, 'merchant-webhook.rejects-stale');
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /accepted a correctly signed event whose signature is 10 minutes old \(a replay\) \(it answered 200\).*: keep the signature check's timestamp tolerance/,
    );
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('rejects-other-mode fails when the shop accepts a live event in test mode (shop.accept-other-mode-events)', async () => {
  const started = await startPreflightSandbox({ faults: ['shop.accept-other-mode-events'] });
  try {
    const report = await preflightOn(started, { checks: [merchantRejectsOtherMode] });
    const result = resultOf(report, 'merchant-webhook.rejects-other-mode');
    expect(result.status).toBe('failed');
    expect(result.item).toBe('merchant-webhook-checks-mode');
    expect(result.summary).toMatch(
      /accepted a correctly signed live-mode event in this test integration \(it answered 200\).*: compare each event's livemode/,
    );
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});

test('without the signing secret the signed probes are skipped, naming MERCHANT_WEBHOOK_SECRET; unsigned and forged still run', async () => {
  const started = await startPreflightSandbox({ env: { MERCHANT_WEBHOOK_SECRET: undefined } });
  try {
    const report = await preflightOn(started, {
      checks: [merchantAnswersSigned, merchantRejectsUnsigned, merchantRejectsForged, merchantRejectsStale, merchantRejectsOtherMode],
    });
    for (const check of ['merchant-webhook.answers-signed', 'merchant-webhook.rejects-stale', 'merchant-webhook.rejects-other-mode']) {
      const result = resultOf(report, check);
      expect(result.status, check).toBe('skipped');
      expect(result.summary).toMatch(/could not be signed; set MERCHANT_WEBHOOK_SECRET to the endpoint's signing secret\.$/);
    }
    for (const check of ['merchant-webhook.rejects-unsigned', 'merchant-webhook.rejects-forged']) {
      expect(resultOf(report, check).status, check).toBe('passed');
    }
  } finally {
    await started.stop();
  }
});

test('answers-signed fails when the shop takes longer than 10 s to answer a signed event (shop.slow-webhook-response)', async () => {
  test.slow(); // the real 10 s limit
  const started = await startPreflightSandbox({ faults: ['shop.slow-webhook-response'] });
  try {
    const report = await preflightOn(started, { checks: [merchantAnswersSigned] });
    const result = resultOf(report, 'merchant-webhook.answers-signed');
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      `The merchant's webhook endpoint ${started.environment.merchant.webhook!.url} did not answer a correctly signed event within 10 s: ` +
        'acknowledge each event with a 2xx at once and do the slow work afterwards, or the provider retries it for days.',
    );
    expect(result.durationMs).toBeGreaterThanOrEqual(10_000);
    expect(result.durationMs).toBeLessThan(12_000);
    expectNoSecretIn(report, started);
  } finally {
    await started.stop();
  }
});
