import { checkPlatformScript } from '../platformScriptCheck';
import type { PreflightCheck } from '../types';

/**
 * rewardful-script-installed: every customer page has Rewardful's rw.js with `data-rewardful` = the account's public
 * API Key, as its docs give the snippet (https://developers.rewardful.com/javascript-api/overview; "every page of the
 * marketing site and the app": https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout). Run only
 * when the rehearsal's platform is Rewardful (the item's `platform`).
 */
export const rewardfulScriptInstalled: PreflightCheck = {
  id: 'rewardful.script-installed',
  item: 'rewardful-script-installed',
  referralProgramme: true,
  run: (context) =>
    checkPlatformScript(context, {
      platform: 'Rewardful',
      script: "Rewardful's tracking script (rw.js)",
      // The tag the snippet has: the data-rewardful attribute (its src is r.wdfl.co/rw.js, or a self-hosted copy).
      isScript: (attributes) => 'data-rewardful' in attributes,
      keyAttribute: 'data-rewardful',
      keyRequired: true,
      keyVariable: 'REFERRAL_PUBLISHABLE_KEY (the public API Key)',
    }),
};
