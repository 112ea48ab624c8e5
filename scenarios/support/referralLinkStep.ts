import type { Page } from '@playwright/test';
import type { EvidenceRecorder } from '../../src/run/evidence/evidenceRecorder';
import { expectClickRecorded } from '../../src/run/expectations/index';
import type { ReferralPlatform } from '../../src/model/target/referralPlatform';
import type { TargetFlows } from '../../src/model/target/contract';
import { browserMoment } from './browserMoment';

export interface ReferralLinkContext {
  flows: TargetFlows;
  evidence: EvidenceRecorder;
  referral: ReferralPlatform;
  timeoutMs: number;
  /** Given: the landing page is attached as a screenshot. */
  page?: Page;
}

/** Opens the partner's referral link as the customer does and waits for the referral platform to record the click. */
export async function openReferralLinkExpectingClick(context: ReferralLinkContext, partnerKey: string, runId: string) {
  const { flows, evidence, referral, page } = context;
  evidence.timeline(browserMoment(`referral link of ${partnerKey} opened`));
  const landing = await flows.openReferralLink(partnerKey, runId);
  if (page) await evidence.attachScreenshot(page, 'referral landing page');
  return expectClickRecorded(referral, { runId, clickId: landing.clickId, partnerKey }, { evidence, timeoutMs: context.timeoutMs });
}
