import { CHECK_IDS, type CheckId } from '../../../model/checklist/checkIds';
import type { PreflightCheck } from '../types';
import { apiVersionEndpoints } from './apiVersionEndpoints';
import { apiVersionEvents } from './apiVersionEvents';
import { browserNoSecretKeys } from './browserNoSecretKeys';
import { catalogue } from './catalogue';
import { dubScriptInstalled } from './dubScriptInstalled';
import { endpointsHttps } from './endpointsHttps';
import { endpointsReachable } from './endpointsReachable';
import { endpointsRegistered } from './endpointsRegistered';
import { keysAuthenticate } from './keysAuthenticate';
import { keysMode } from './keysMode';
import { merchantAnswersSigned } from './merchantAnswersSigned';
import { merchantRejectsForged } from './merchantRejectsForged';
import { merchantRejectsOtherMode } from './merchantRejectsOtherMode';
import { merchantRejectsStale } from './merchantRejectsStale';
import { merchantRejectsUnsigned } from './merchantRejectsUnsigned';
import { referralCommissionRule } from './referralCommissionRule';
import { referralEndpointsPing } from './referralEndpointsPing';
import { referralSnippetKey } from './referralSnippetKey';
import { requestIds } from './requestIds';
import { rewardfulScriptInstalled } from './rewardfulScriptInstalled';

export {
  apiVersionEndpoints,
  apiVersionEvents,
  browserNoSecretKeys,
  catalogue,
  dubScriptInstalled,
  endpointsHttps,
  endpointsReachable,
  endpointsRegistered,
  keysAuthenticate,
  keysMode,
  merchantAnswersSigned,
  merchantRejectsForged,
  merchantRejectsOtherMode,
  merchantRejectsStale,
  merchantRejectsUnsigned,
  referralCommissionRule,
  referralEndpointsPing,
  referralSnippetKey,
  requestIds,
  rewardfulScriptInstalled,
};

/** The check of every CheckId: an id in src/model/checklist/checkIds.ts without its check does not compile. */
const CHECKS_BY_ID: Readonly<Record<CheckId, PreflightCheck>> = {
  'keys.authenticate': keysAuthenticate,
  'keys.mode': keysMode,
  'provider.api-version-endpoints': apiVersionEndpoints,
  'provider.api-version-events': apiVersionEvents,
  'provider.request-ids': requestIds,
  'provider.catalogue': catalogue,
  'webhooks.endpoints-registered': endpointsRegistered,
  'webhooks.endpoints-https': endpointsHttps,
  'webhooks.endpoints-reachable': endpointsReachable,
  'referral.endpoints-ping': referralEndpointsPing,
  'merchant-webhook.answers-signed': merchantAnswersSigned,
  'merchant-webhook.rejects-unsigned': merchantRejectsUnsigned,
  'merchant-webhook.rejects-forged': merchantRejectsForged,
  'merchant-webhook.rejects-stale': merchantRejectsStale,
  'merchant-webhook.rejects-other-mode': merchantRejectsOtherMode,
  'browser.no-secret-keys': browserNoSecretKeys,
  'referral.snippet-key': referralSnippetKey,
  'referral.commission-rule': referralCommissionRule,
  'rewardful.script-installed': rewardfulScriptInstalled,
  'dub.script-installed': dubScriptInstalled,
};

/** Every preflight check, in the order they run (CHECK_IDS' order; docs/architecture.md, "Preflight"). */
export const PREFLIGHT_CHECKS: readonly PreflightCheck[] = CHECK_IDS.map((id) => CHECKS_BY_ID[id]);
