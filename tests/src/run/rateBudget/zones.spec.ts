import { expect, test } from '@playwright/test';
import { providerLimitName, referralZoneFor } from '../../../../src/run/rateBudget/zones';

test('puts only click tracking in the clicks zone', () => {
  expect(referralZoneFor('POST', '/v1/clicks')).toBe('referralClicks');
  expect(referralZoneFor('post', '/v1/clicks/')).toBe('referralClicks');
  expect(referralZoneFor('GET', '/v1/clicks')).toBe('referralGeneral');
  expect(referralZoneFor('GET', '/v1/clicks/clk_1')).toBe('referralGeneral');
});

test('puts every conversions API call in the conversions zone', () => {
  expect(referralZoneFor('GET', '/v1/conversions')).toBe('referralConversions');
  expect(referralZoneFor('GET', '/v1/conversions?limit=10')).toBe('referralConversions');
  expect(referralZoneFor('POST', '/v1/conversions')).toBe('referralConversions');
  expect(referralZoneFor('GET', '/v1/conversions/conv_1')).toBe('referralConversions');
  expect(referralZoneFor('GET', '/v1/conversions_export')).toBe('referralGeneral');
});

test('puts everything else in the general zone', () => {
  for (const path of ['/v1/commissions', '/v1/partners', '/v1/programs/prog_1', '/v1/webhook_endpoints', '/v1/deliveries']) {
    expect(referralZoneFor('GET', path)).toBe('referralGeneral');
  }
  expect(referralZoneFor('DELETE', '/v1/webhook_endpoints/rwe_1')).toBe('referralGeneral');
});

test('holds live provider keys to the live limit', () => {
  expect(providerLimitName('sk_test_abc')).toBe('provider');
  expect(providerLimitName('sk_live_abc')).toBe('providerLive');
  expect(providerLimitName('rk_live_abc')).toBe('providerLive');
});
