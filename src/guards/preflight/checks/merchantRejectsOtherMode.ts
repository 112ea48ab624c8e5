import { probeEvent, sendProbe, signatureHeader } from '../merchantWebhookProbe';
import { merchantWebhookTarget } from '../merchantWebhookTarget';
import { rejectionOutcome } from '../webhookRejection';
import type { PreflightCheck } from '../types';

/** merchant-webhook-checks-mode: a correctly signed event of the other mode (`livemode` flipped) gets a 4xx. */
export const merchantRejectsOtherMode: PreflightCheck = {
  id: 'merchant-webhook.rejects-other-mode',
  item: 'merchant-webhook-checks-mode',
  async run(context) {
    const otherMode = context.mode === 'live' ? 'test' : 'live';
    const target = merchantWebhookTarget(context, { needsSecret: true, probe: `the ${otherMode}-mode test event` });
    if ('skip' in target) return target.skip;
    const event = probeEvent(context, { livemode: otherMode === 'live' });
    const answer = await sendProbe(
      target.url,
      event,
      signatureHeader(context, event.payload, target.secret!),
      context.webhookAnswerLimitMs,
    );
    return rejectionOutcome(answer, {
      url: target.url,
      eventId: event.id,
      what: `a correctly signed ${otherMode}-mode event in this ${context.mode} integration`,
      risk: 'payments of the other mode would change its orders',
      fix: `compare each event's livemode with the mode of the shop's own key and answer 400 when they differ.`,
    });
  },
};
