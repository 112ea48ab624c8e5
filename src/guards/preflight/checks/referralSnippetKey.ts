import { keyMode } from '../../liveMode/keys';
import { readMerchantSnippetKey } from '../../liveMode/probes';
import { referralAccess } from '../../../model/target/referralProgramme';
import { describeError } from '../describeError';
import { failed, passed } from '../outcome';
import type { PreflightCheck } from '../types';

/**
 * tracking-snippet-key: the landing page's tracking snippet (`script[data-merchant]`) carries the referral platform's
 * publishable key, of the run's mode. Publishable keys are public: they may be shown. Not run for a payment-only
 * merchant (runPreflight leaves its referral items out).
 */
export const referralSnippetKey: PreflightCheck = {
  id: 'referral.snippet-key',
  item: 'tracking-snippet-key',
  async run(context) {
    const landing = new URL('/', context.environment.merchant.baseUrl).toString();
    const expected = referralAccess(context.target, context.environment).publishableKey;
    let key: string | undefined;
    try {
      key = await readMerchantSnippetKey(context.environment.merchant.baseUrl);
    } catch (error) {
      return failed(
        `Could not read the merchant's landing page ${landing} (${describeError(error)}), so its tracking snippet was not checked: check the site is up.`,
      );
    }
    const mode = keyMode(key);
    const evidence = {
      page: landing,
      snippetKey: key ?? null,
      snippetKeyMode: mode,
      referralPublishableKey: expected,
      runMode: context.mode,
    };
    if (key === undefined) {
      return failed(
        `The merchant's landing page ${landing} has no referral tracking snippet (script[data-merchant]): add the snippet with the publishable key ${expected}.`,
        { evidence },
      );
    }
    if (mode !== context.mode) {
      return failed(
        `The tracking snippet on ${landing} carries ${key}, ${mode === 'unknown' ? 'not a key of either mode' : `a ${mode}-mode key`}, but this is a ${context.mode} run: put the referral platform's ${context.mode} publishable key (${expected}) in the snippet.`,
        { evidence },
      );
    }
    if (key !== expected) {
      return failed(
        `The tracking snippet on ${landing} carries ${key}, not the referral platform's publishable key ${expected}: put ${expected} in the snippet.`,
        { evidence },
      );
    }
    return passed(`The tracking snippet on ${landing} carries the referral platform's ${context.mode} publishable key ${key}.`, {
      evidence,
    });
  },
};
