import type { EvidenceRecorder } from '../../src/run/evidence/evidenceRecorder';
import type { SinkPosture } from '../../src/run/webhooks/sinkReachability';
import type { ReferralProgrammeRun } from './referralProgramme';
import { skippedStep } from './skippedStep';
import type { Ability } from './targetAbility';

/**
 * When the referral platform cannot reach the harness's sink, the checks only the sink can make (the platform's
 * signatures, what its webhooks carry) are one skipped step with the reason, tagged webhooks-delivered: never a
 * failure, never a wait that times out. Nothing when the sink was used, or the merchant runs no referral programme.
 */
export async function sinkChecksSkipped(
  evidence: EvidenceRecorder,
  programme: Ability<ReferralProgrammeRun>,
  posture: SinkPosture | undefined,
  title: string,
): Promise<void> {
  if (!programme.run || !posture || posture.reachable) return;
  const remedy = posture.via === 'forwarder' ? 'check the tunnel REHEARSAL_SINK_URL names' : 'set REHEARSAL_SINK_URL to a tunnel to this machine to run these checks';
  const reason = `the harness's sink was not used: ${posture.reason ?? 'the referral platform cannot reach it'}; ${remedy}`;
  await skippedStep(evidence, title, reason, { checklist: ['webhooks-delivered'] });
}
