import { expect, test } from '@playwright/test';
import { count429, summarizeApiCalls, worsePerZone, type ApiCallRecord } from '../../../scripts/bench/callLogSummary';

const call = (zone: ApiCallRecord['zone'], at: number, status: number | null = 200): ApiCallRecord => ({ zone, at, status });

test('counts the peak in any sliding window of the zone, whichever worker made the calls', () => {
  // Two workers' lines interleaved in the file: 6 provider calls within 1 s (900..1_850), 3 more far apart.
  const records = [0, 900, 1_000, 1_200, 1_500, 1_700, 1_850, 5_000, 9_000].map((at) => call('provider', at));
  const summary = summarizeApiCalls([...records].reverse());
  expect(summary.provider.calls).toBe(9);
  expect(summary.provider.peak).toBe(6);
  expect(summary.provider.percentOfLimit).toBeCloseTo(24); // 6 of 25 per second
});

test('uses each zone its own window: 60 s for the referral zones', () => {
  const records = Array.from({ length: 30 }, (_, i) => call('referralGeneral', i * 1_000)); // one a second for 30 s
  const summary = summarizeApiCalls(records);
  expect(summary.referralGeneral.peak).toBe(30);
  expect(summary.referralGeneral.windowMs).toBe(60_000);
  expect(summary.referralGeneral.percentOfLimit).toBeCloseTo(10); // 30 of 300 a minute
  expect(summary.provider).toMatchObject({ calls: 0, peak: 0, percentOfLimit: 0 });
});

test('counts the answers with status 429 per zone and over the run', () => {
  const summary = summarizeApiCalls([
    call('provider', 1, 429),
    call('provider', 2),
    call('referralConversions', 3, 429),
    call('referralGeneral', 4, null),
  ]);
  expect(summary.provider.status429).toBe(1);
  expect(summary.referralConversions.status429).toBe(1);
  expect(count429(summary)).toBe(2);
});

test('shows per zone the run that came closer to its limit', () => {
  const oneWorker = summarizeApiCalls([call('provider', 0), call('provider', 10), call('referralGeneral', 0)]);
  const twoWorkers = summarizeApiCalls([call('provider', 0), call('referralGeneral', 0), call('referralGeneral', 5)]);
  const worse = worsePerZone([oneWorker, twoWorkers])!;
  expect(worse.provider).toBe(oneWorker.provider);
  expect(worse.referralGeneral).toBe(twoWorkers.referralGeneral);
  expect(worsePerZone([])).toBeUndefined();
});
