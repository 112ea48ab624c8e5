import { keyMode } from '../../liveMode/keys';
import { runsReferralProgramme } from '../../../model/target/referralProgramme';
import { REFERRAL_KEYS_WITHOUT_MODE } from '../../../model/target/referralKeyModes';
import { chosenReferralPlatformName } from '../../../model/target/referralPlatformChoice';
import { referralPlatformChoiceOf } from '../../../run/referral/referralPlatformFor';
import { failed, passed } from '../outcome';
import type { PreflightCheck } from '../types';
import { capitalise } from '../sentence';

/**
 * keys-valid-for-mode: every key (provider secret and publishable, referral secret and publishable) is of the run's
 * mode; a payment-only merchant has only the provider's two, and a platform whose keys carry no mode (Rewardful,
 * Dub: REFERRAL_KEYS_WITHOUT_MODE) has its two left out, with the reason in the details.
 */
export const keysMode: PreflightCheck = {
  id: 'keys.mode',
  item: 'keys-valid-for-mode',
  async run(context) {
    const { provider, referral } = context.environment;
    const platform = chosenReferralPlatformName(context.target, referralPlatformChoiceOf(context.referral));
    const modeless = platform ? REFERRAL_KEYS_WITHOUT_MODE[platform] : undefined;
    const referralKeys =
      runsReferralProgramme(context.target) && modeless === undefined
        ? [
            { label: 'the referral platform secret key (REFERRAL_SECRET_KEY)', value: referral?.secretKey },
            { label: 'the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY)', value: referral?.publishableKey },
          ]
        : [];
    const keys = [
      { label: 'the provider secret key (STRIPE_SECRET_KEY)', value: provider.secretKey },
      { label: 'the provider publishable key (STRIPE_PUBLISHABLE_KEY)', value: provider.publishableKey },
      ...referralKeys,
    ].map((key) => ({ label: key.label, mode: keyMode(key.value) }));
    const details = [
      ...keys.map((key) => `${capitalise(key.label)} is ${describe(key.mode)}.`),
      ...(modeless && runsReferralProgramme(context.target) ? [`The referral platform's keys were not mode-checked: ${modeless}.`] : []),
    ];
    const evidence = Object.fromEntries(keys.map((key) => [key.label, key.mode]));
    const wrong = keys.filter((key) => key.mode !== context.mode);
    if (wrong.length === 0)
      return passed(
        `${keys.length === 2 ? 'Both' : 'All four'} ${modeless && runsReferralProgramme(context.target) ? "provider keys (the referral platform's carry no mode)" : 'keys'} are ${context.mode} keys.`,
        { details, evidence },
      );

    const modes = new Set(keys.map((key) => key.mode).filter((mode) => mode !== 'unknown'));
    if (modes.size > 1) details.push('The keys mix test and live: payments and referrals would land in different worlds.');
    const one = wrong.length === 1;
    return failed(
      `This is a ${context.mode} run, but ${wrong.map((key) => `${key.label} is ${describe(key.mode)}`).join(', ')}:` +
        ` set ${one ? 'it' : 'them'} to the ${context.mode} ${one ? 'key' : 'keys'} of the same accounts.`,
      { details, evidence },
    );
  },
};

function describe(mode: string): string {
  if (mode === 'test') return 'a test key';
  if (mode === 'live') return 'a live key';
  return 'not a key of either mode';
}
