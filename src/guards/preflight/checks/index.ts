import type { PreflightCheck } from '../types';
import { apiVersionEndpoints } from './apiVersionEndpoints';
import { apiVersionEvents } from './apiVersionEvents';
import { browserNoSecretKeys } from './browserNoSecretKeys';
import { catalogue } from './catalogue';
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

export {
  apiVersionEndpoints,
  apiVersionEvents,
  browserNoSecretKeys,
  catalogue,
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
};

/** Every preflight check, in the order they run (docs/architecture.md, "Preflight"). */
export const PREFLIGHT_CHECKS: readonly PreflightCheck[] = [
  keysAuthenticate,
  keysMode,
  apiVersionEndpoints,
  apiVersionEvents,
  requestIds,
  catalogue,
  endpointsRegistered,
  endpointsHttps,
  endpointsReachable,
  referralEndpointsPing,
  merchantAnswersSigned,
  merchantRejectsUnsigned,
  merchantRejectsForged,
  merchantRejectsStale,
  merchantRejectsOtherMode,
  browserNoSecretKeys,
  referralSnippetKey,
  referralCommissionRule,
];
