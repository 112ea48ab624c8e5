import { EvidenceMissingError, pollUntil } from '../../../run/polling/pollUntil';
import type { ReferralDelivery, ReferralPing, ReferralWebhookEndpoint } from '../../../../contracts/referral';
import { describeError } from '../describeError';
import { isLoopbackUrl, nonPublicUrl } from '../../../base/loopback';
import { failed, passed, skipped } from '../outcome';
import { reachabilityFixes, reachabilityFixesInBrief } from '../reachabilityFixes';
import { merchantReferralEndpoints, referralEndpointEvidence, referralEndpointsLimit } from '../referralEndpoints';
import { hasDeliveryLog, platformLimit } from '../../../run/referral/platformLimits';
import type { CheckOutcome, PreflightCheck, PreflightContext } from '../types';

/** How long a ping's attempt may take to show in the delivery log, and how often the log is read meanwhile. */
export interface PingTiming {
  deadlineMs: number;
  intervalMs: number;
}

export const PING_TIMING: PingTiming = { deadlineMs: 10_000, intervalMs: 250 };

/** What one ping found: the delivery log's entry for it, or why there is none. */
interface PingResult {
  endpoint: ReferralWebhookEndpoint;
  messageId?: string;
  delivery?: ReferralDelivery;
  /** Undefined when the endpoint answered 2xx; else what went wrong, for the middle of a sentence. */
  problem?: string;
  /** The attempt got no HTTP answer (refused, timed out, unreachable): the reachability fixes apply. */
  noAnswer?: boolean;
}

/**
 * webhook-endpoints-reachable (live half; the referral platform's go-live list: "send a test ping for each endpoint"):
 * pings each of the merchant's own enabled endpoints at the referral platform (not the harness's) through the
 * platform's API, all at once, and reads each ping's one attempt from the platform's delivery log. Passes when every
 * attempt got a 2xx answer. Not run for a payment-only merchant (`referralProgramme`: runPreflight).
 */
export function createReferralEndpointsPing(timing: PingTiming = PING_TIMING): PreflightCheck {
  return {
    id: 'referral.endpoints-ping',
    item: 'webhook-endpoints-reachable',
    referralProgramme: true,
    async run(context) {
      const cannotList = referralEndpointsLimit(context.referral);
      if (cannotList !== undefined) {
        return skipped(
          `The merchant's webhook endpoints at the referral platform could not be pinged: ${cannotList}. Send a test event from the platform's dashboard.`,
          { evidence: { limit: cannotList } },
        );
      }
      const endpoints = merchantReferralEndpoints(await context.referralWebhookEndpoints());
      const listed = { endpoints: endpoints.map(referralEndpointEvidence) };
      if (endpoints.length === 0) {
        return skipped(
          "The merchant has no webhook endpoint at the referral platform: nothing to ping (the referral events' delivery to the merchant is then not rehearsed).",
          { evidence: listed },
        );
      }
      if (!context.referral.pingWebhookEndpoint) {
        return skipped(
          `The referral platform's client has no ping API (pingWebhookEndpoint), so no test ping was sent to the merchant's ${endpoints.length === 1 ? 'endpoint' : `${endpoints.length} endpoints`}: send one from the platform's dashboard, or add pingWebhookEndpoint to the target's referral platform adapter.`,
          { evidence: listed },
        );
      }
      if (!hasDeliveryLog(context.referral)) {
        const noLog = platformLimit(context.referral, 'deliveryLog')!;
        return skipped(
          `No test ping was sent to the merchant's ${endpoints.length === 1 ? 'endpoint' : `${endpoints.length} endpoints`}: its one attempt could not be read, because ${noLog}. Send a test event from the platform's dashboard and read its webhook log there.`,
          { evidence: { ...listed, limit: noLog } },
        );
      }
      const results = await Promise.all(endpoints.map((endpoint) => pingOne(context, endpoint, timing)));
      return outcomeOf(context, results, timing);
    },
  };
}

export const referralEndpointsPing = createReferralEndpointsPing();

async function pingOne(context: PreflightContext, endpoint: ReferralWebhookEndpoint, timing: PingTiming): Promise<PingResult> {
  let ping: ReferralPing;
  try {
    ping = await context.referral.pingWebhookEndpoint!(endpoint.id);
  } catch (error) {
    return { endpoint, problem: `could not be sent: the platform answered ${describeError(error)}` };
  }
  try {
    const { value: delivery } = await pollUntil({
      what: `the delivery of ping ${ping.id} to ${endpoint.id}`,
      where: "the referral platform's delivery log (GET /v1/deliveries)",
      timeoutMs: timing.deadlineMs,
      intervalMs: timing.intervalMs,
      check: async (note) => {
        const list = await context.referral.listDeliveries!({ message_id: ping.id, limit: 20 });
        // Matched here too: a platform that ignores the filter lists every recent delivery.
        const found = list.data.find((entry) => entry.message_id === ping.id && entry.endpoint === endpoint.id);
        if (!found) note(`${list.data.length} deliveries, none of ${ping.id}`);
        return found;
      },
    });
    return { endpoint, messageId: ping.id, delivery, ...judgeDelivery(delivery) };
  } catch (error) {
    if (!(error instanceof EvidenceMissingError)) throw error;
    return {
      endpoint,
      messageId: ping.id,
      problem: `left no attempt in the platform's delivery log within ${timing.deadlineMs / 1000} s (message ${ping.id})`,
    };
  }
}

function judgeDelivery(delivery: ReferralDelivery): Pick<PingResult, 'problem' | 'noAnswer'> {
  const status = delivery.response_status;
  if (status !== null && status >= 200 && status < 300) return {};
  if (status !== null) return { problem: `got ${status}${bodyExcerpt(delivery.response_body)}` };
  return { problem: `got no answer (${delivery.error ?? 'no response'})`, noAnswer: true };
}

function outcomeOf(context: PreflightContext, results: PingResult[], timing: PingTiming): CheckOutcome {
  const platformOnLoopback = isLoopbackUrl(context.environment.referral?.apiBase ?? '');
  const evidence = {
    deadlineMs: timing.deadlineMs,
    pings: results.map((result) => ({
      endpoint: referralEndpointEvidence(result.endpoint),
      message_id: result.messageId ?? null,
      delivery: result.delivery ? trimmed(result.delivery) : null,
      ...(result.problem ? { problem: result.problem } : {}),
    })),
  };
  const details = results.map((result) => detailOf(result, platformOnLoopback));
  const failing = results.filter((result) => result.problem !== undefined);
  if (failing.length === 0) {
    const urls = results.map((result) => result.endpoint.url).join(', ');
    return passed(
      results.length === 1
        ? `The referral platform's test ping reached the merchant's endpoint ${urls}, which answered ${results[0]!.delivery!.response_status}.`
        : `The referral platform's test ping reached all ${results.length} of the merchant's endpoints with a 2xx answer (${urls}).`,
      { details, evidence },
    );
  }
  const unanswered = failing.filter((result) => result.noAnswer);
  const fixes =
    unanswered.length > 0
      ? reachabilityFixes(
          'referral platform',
          context.mode,
          unanswered.map((result) => result.endpoint.url),
        )
      : [];
  const what =
    unanswered.length > 0
      ? `register a URL the platform can reach (${reachabilityFixesInBrief(['referral platform'], context.mode)}) and make it answer 2xx`
      : 'make the endpoint answer 2xx to every signed message the platform sends, a ping included';
  const first = failing[0]!;
  const lead =
    failing.length === 1
      ? `The test ping through the referral platform to ${first.endpoint.url} ${first.problem}`
      : `${failing.length} of the merchant's ${results.length} endpoints at the referral platform failed the test ping (first: ${first.endpoint.url} ${first.problem})`;
  return failed(`${lead}: ${what} (the details say how).`, { details: [...details, ...fixes], evidence });
}

function detailOf(result: PingResult, platformOnLoopback: boolean): string {
  const label = `Endpoint ${result.endpoint.id} (${result.endpoint.url})`;
  if (result.problem === undefined) {
    return `${label} answered the ping ${result.messageId} with ${result.delivery!.response_status} in ${result.delivery!.duration_ms} ms.`;
  }
  const place = nonPublicUrl(result.endpoint.url);
  const where = result.noAnswer && place && !platformOnLoopback ? `; ${place.why}` : '';
  return `${label}: the ping ${result.problem}${where}.`;
}

/** The delivery as evidence, its response body cut to a few hundred characters (a whole error page helps no one). */
function trimmed(delivery: ReferralDelivery): ReferralDelivery {
  const body = delivery.response_body;
  return { ...delivery, response_body: body !== null && body.length > 300 ? `${body.slice(0, 300)}…` : body };
}

function bodyExcerpt(body: string | null): string {
  const text = (body ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  return ` ("${text.length > 80 ? `${text.slice(0, 80)}…` : text}")`;
}
