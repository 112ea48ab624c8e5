import { expect, test } from '@playwright/test';
import { benchAlsoTargets, benchEnvironment } from '../../../scripts/bench/benchEnvironment';

test('strips what would point the rehearsal elsewhere or skew its figures, and keeps the rest', () => {
  const env = benchEnvironment(
    {
      PATH: '/usr/bin',
      HOME: '/home/x',
      REHEARSAL_MERCHANT_URL: 'https://shop.example',
      REHEARSAL_MODE: 'live',
      REHEARSAL_TARGET: 'mine',
      REHEARSAL_RATE_BUDGET_FRACTION: '1',
      REHEARSAL_API_CALL_LOG: '/tmp/other.jsonl',
      STRIPE_SECRET_KEY: 'not-a-real-key',
      REFERRAL_API_BASE: 'https://referral.example',
      MERCHANT_WEBHOOK_URL: 'https://shop.example/hook',
      SANDBOX_INJECTION: '{}',
      REHEARSAL_EVENT_TIMEOUT_MS: '15000',
      REHEARSAL_SETTLE_WINDOW_MS: '100',
      REHEARSAL_OPERATOR: 'Ada',
    },
    'embedded-elements',
  );
  expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/x', REHEARSAL_OPERATOR: 'Ada', REHEARSAL_ALSO_TARGETS: 'embedded-elements' });
});

test('rehearses the second targets npm run nightly does: embedded-elements unless REHEARSAL_ALSO_TARGETS says otherwise', () => {
  expect(benchAlsoTargets({})).toEqual(['embedded-elements']);
  expect(benchAlsoTargets({ REHEARSAL_ALSO_TARGETS: ' a, b ,' })).toEqual(['a', 'b']);
  expect(benchAlsoTargets({ REHEARSAL_ALSO_TARGETS: '' })).toEqual([]);
});
