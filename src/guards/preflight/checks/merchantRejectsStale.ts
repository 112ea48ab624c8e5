import { probeEvent, sendProbe, signatureHeader } from '../merchantWebhookProbe';
import { merchantWebhookTarget } from '../merchantWebhookTarget';
import { rejectionOutcome } from '../webhookRejection';
import type { PreflightCheck } from '../types';

/** How old the replayed event's signature timestamp is: twice the SDK's default tolerance (300 s). */
const STALE_BY_SECONDS = 10 * 60;

/** merchant-webhook-verifies-signatures: a correctly signed event whose timestamp is 10 minutes old (a replay) gets a 4xx. */
export const merchantRejectsStale: PreflightCheck = {
  id: 'merchant-webhook.rejects-stale',
  item: 'merchant-webhook-verifies-signatures',
  async run(context) {
    const target = merchantWebhookTarget(context, { needsSecret: true, probe: 'the replayed (stale) test event' });
    if ('skip' in target) return target.skip;
    const event = probeEvent(context);
    const timestamp = Math.floor(Date.now() / 1000) - STALE_BY_SECONDS;
    const answer = await sendProbe(
      target.url,
      event,
      signatureHeader(context, event.payload, target.secret!, timestamp),
      context.webhookAnswerLimitMs,
    );
    return rejectionOutcome(answer, {
      url: target.url,
      eventId: event.id,
      what: 'a correctly signed event whose signature is 10 minutes old (a replay)',
      risk: 'a captured event could be replayed at any time',
      fix: "keep the signature check's timestamp tolerance (the SDK's webhooks.constructEvent allows 5 minutes by default) and answer 400 for older events.",
    });
  },
};
