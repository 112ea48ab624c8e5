import { probeEvent, seconds, sendProbe, signatureHeader } from '../merchantWebhookProbe';
import { merchantWebhookTarget } from '../merchantWebhookTarget';
import { failed, passed } from '../outcome';
import type { PreflightCheck } from '../types';

/** merchant-webhook-answers: a correctly signed event of the run's mode (`balance.available`) gets a 2xx within 10 s. */
export const merchantAnswersSigned: PreflightCheck = {
  id: 'merchant-webhook.answers-signed',
  item: 'merchant-webhook-answers',
  async run(context) {
    const target = merchantWebhookTarget(context, { needsSecret: true, probe: 'the signed test event' });
    if ('skip' in target) return target.skip;
    const limit = context.webhookAnswerLimitMs;
    const event = probeEvent(context);
    const answer = await sendProbe(target.url, event, signatureHeader(context, event.payload, target.secret!), limit);
    const evidence = { url: target.url, event: event.id, type: 'balance.available', limitMs: limit, answer };
    const where = `The merchant's webhook endpoint ${target.url}`;
    if (answer.kind === 'timed-out') {
      return failed(
        `${where} did not answer a correctly signed event within ${seconds(limit)}: acknowledge each event with a 2xx at once and do the slow work afterwards, or the provider retries it for days.`,
        { evidence },
      );
    }
    if (answer.kind === 'unreachable') {
      return failed(
        `Could not reach the merchant's webhook endpoint ${target.url} (${answer.error}): check MERCHANT_WEBHOOK_URL and that the site is running.`,
        { evidence },
      );
    }
    if (answer.status >= 200 && answer.status < 300) {
      return passed(
        `${where} answered a correctly signed ${context.mode}-mode event with ${answer.status} in ${answer.elapsedMs} ms (limit ${seconds(limit)}).`,
        { evidence },
      );
    }
    return failed(
      `${where} answered a correctly signed ${context.mode}-mode event with ${answer.status} instead of a 2xx: check that MERCHANT_WEBHOOK_SECRET is this endpoint's signing secret and that the endpoint acknowledges events it does not handle.`,
      { evidence },
    );
  },
};
