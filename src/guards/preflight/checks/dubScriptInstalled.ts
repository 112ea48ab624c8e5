import { checkPlatformScript } from '../platformScriptCheck';
import type { PreflightCheck } from '../types';

/** Dub's analytics script as served by Dub (www.dubcdn.com/analytics/script.js) or a proxy or emulation of it. */
const DUB_SCRIPT_SRC = /\/analytics\/script(?:\.[\w-]+)*\.js(?:[?#]|$)/;

/**
 * dub-script-installed: every customer page has Dub's analytics script (https://dub.co/docs/sdks/client-side/
 * installation-guides/manual: in the <head> of every page; https://dub.co/docs/sdks/client-side/features/click-tracking).
 * Its publishable key (`dub_pk_…`, https://dub.co/docs/api-reference/authentication) is needed only for client-side
 * conversion tracking: judged when the tag carries one. guess: the attribute name `data-publishable-key` (the manual
 * guide does not show it; the React component takes `publishableKey`). Run only when the rehearsal's platform is Dub.
 */
export const dubScriptInstalled: PreflightCheck = {
  id: 'dub.script-installed',
  item: 'dub-script-installed',
  referralProgramme: true,
  run: (context) =>
    checkPlatformScript(context, {
      platform: 'Dub',
      script: "Dub's analytics script",
      isScript: (attributes) => DUB_SCRIPT_SRC.test(attributes.src ?? '') || 'data-domains' in attributes,
      keyAttribute: 'data-publishable-key',
      keyRequired: false,
      keyVariable: 'REFERRAL_PUBLISHABLE_KEY (the dub_pk_… publishable key)',
    }),
};
