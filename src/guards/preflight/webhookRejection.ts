import { failed, passed } from './outcome';
import { seconds, type ProbeAnswer } from './merchantWebhookProbe';
import type { CheckOutcome } from './types';

/**
 * A probe the merchant's endpoint must refuse: a 4xx passes; a 2xx means it trusted the event (`risk` says what that
 * allows, `fix` how to stop it); anything else, a time-out or no connection fails too.
 */
export function rejectionOutcome(
  answer: ProbeAnswer,
  probe: { url: string; what: string; eventId: string; risk: string; fix: string },
): CheckOutcome {
  const evidence = { url: probe.url, event: probe.eventId, answer };
  const where = `The merchant's webhook endpoint ${probe.url}`;
  if (answer.kind === 'timed-out') {
    return failed(
      `${where} did not answer ${probe.what} within ${seconds(answer.elapsedMs)}: it must refuse such an event at once with a 400.`,
      { evidence },
    );
  }
  if (answer.kind === 'unreachable') {
    return failed(
      `Could not reach the merchant's webhook endpoint ${probe.url} (${answer.error}) to send it ${probe.what}: check MERCHANT_WEBHOOK_URL and that the site is running.`,
      { evidence },
    );
  }
  if (answer.status >= 400 && answer.status < 500) {
    return passed(`${where} refused ${probe.what} with ${answer.status}.`, { evidence });
  }
  if (answer.status >= 200 && answer.status < 300) {
    return failed(`${where} accepted ${probe.what} (it answered ${answer.status}), so ${probe.risk}: ${probe.fix}`, { evidence });
  }
  return failed(`${where} answered ${probe.what} with ${answer.status} instead of a 4xx: ${probe.fix}`, { evidence });
}
