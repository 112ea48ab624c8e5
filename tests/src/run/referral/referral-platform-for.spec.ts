import { test, expect } from '@playwright/test';
import { ReferralClient } from '../../../../src/run/referral/referralClient';
import type { ReferralAccess, ReferralPlatform } from '../../../../src/model/target/referralPlatform';
import { referralPlatformFor } from '../../../../src/run/referral/referralPlatformFor';

const ENVIRONMENT = {
  referral: { apiBase: 'http://127.0.0.1:4100', secretKey: 'sk_test_referral_0000', publishableKey: 'pk_test_referral_0000' },
};

function recordingFactory(name: string, seen: ReferralAccess[]) {
  return (access: ReferralAccess) => {
    seen.push(access);
    return { name } as unknown as ReferralPlatform;
  };
}

test("rehearsal.config.ts's platform wins over the target's", () => {
  const seen: ReferralAccess[] = [];
  const platform = referralPlatformFor(
    { referralPlatform: recordingFactory('target', seen) },
    ENVIRONMENT,
    recordingFactory('config', seen),
  );
  expect(platform).toEqual({ name: 'config' });
  expect(seen).toEqual([ENVIRONMENT.referral]);
});

test("the target's platform is used when the config names none", () => {
  const seen: ReferralAccess[] = [];
  expect(referralPlatformFor({ referralPlatform: recordingFactory('target', seen) }, ENVIRONMENT)).toEqual({ name: 'target' });
  expect(seen).toEqual([ENVIRONMENT.referral]);
});

test("without either, it is Dress Rehearsal's referral API client", () => {
  expect(referralPlatformFor({}, ENVIRONMENT)).toBeInstanceOf(ReferralClient);
});

test('a platform by name comes from the registry, in the target or the config, and remembers how it was chosen', async () => {
  const { REFERRAL_PLATFORMS } = await import('../../../../src/run/referral/platforms/index');
  const { referralPlatformChoiceOf } = await import('../../../../src/run/referral/referralPlatformFor');
  expect(Object.keys(REFERRAL_PLATFORMS).sort()).toEqual(['dress-rehearsal', 'dub', 'rewardful']);
  const rewardful = referralPlatformFor({ referralPlatform: 'rewardful' }, ENVIRONMENT);
  expect(rewardful.displayName).toBe('Rewardful');
  expect(referralPlatformChoiceOf(rewardful)).toBe('rewardful');
  const dub = referralPlatformFor({ referralPlatform: 'rewardful' }, ENVIRONMENT, 'dub');
  expect(dub.displayName).toBe('Dub');
  expect(referralPlatformFor({}, ENVIRONMENT, 'dress-rehearsal')).toBeInstanceOf(ReferralClient);
  expect(referralPlatformChoiceOf({} as ReferralPlatform)).toBeUndefined();
});
