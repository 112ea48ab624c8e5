import { runsReferralProgramme } from '../../../model/target/referralProgramme';
import { nonPublicUrl } from '../../../base/loopback';
import { failed, passed, skipped } from '../outcome';
import { reachabilityFixes, reachabilityFixesInBrief, type WebhookSender } from '../reachabilityFixes';
import { merchantReferralEndpoints, referralEndpointsLimit } from '../referralEndpoints';
import type { PreflightCheck, PreflightContext } from '../types';

/** Where a sender's API is: on this machine, on a private network, or (any other host) on the internet. */
type Position = 'loopback' | 'private' | 'public';

interface Judged {
  sender: WebhookSender;
  id: string;
  url: string;
  /** `exempt`: loopback or private, but so is the sender (a local sandbox, a platform on the same network). */
  verdict: 'public' | 'exempt' | 'unreachable';
  why?: string;
}

interface SenderFindings {
  sender: WebhookSender;
  apiBase: string;
  position: Position;
  judged: Judged[];
}

/**
 * webhook-endpoints-reachable (static half): no enabled webhook endpoint is on a loopback or private address when
 * what sends to it is not. Judged from the URLs alone (src/base/loopback.ts: no DNS lookup): every endpoint at the
 * provider, and the merchant's own endpoints at the referral platform (not for a payment-only merchant). A sender on
 * loopback (the offline sandbox) reaches loopback and private endpoints; one on a private network reaches private
 * ones but not this machine's loopback. Test and live mode alike.
 */
export const endpointsReachable: PreflightCheck = {
  id: 'webhooks.endpoints-reachable',
  item: 'webhook-endpoints-reachable',
  async run(context) {
    const findings = [await providerFindings(context), ...(await referralFindings(context))];
    const judged = findings.flatMap((finding) => finding.judged);
    const evidence = Object.fromEntries(
      findings.map((finding) => [finding.sender === 'provider' ? 'provider' : 'referralPlatform', finding]),
    );
    if (judged.length === 0) {
      return skipped(
        `${findings.length === 1 ? 'The provider has' : 'Neither the provider nor the referral platform has'} an enabled webhook endpoint, so there is no URL to check (see the webhook endpoints item).`,
        { evidence },
      );
    }
    const details = judged.map((endpoint) => detailOf(endpoint, findings));
    const unreachable = judged.filter((endpoint) => endpoint.verdict === 'unreachable');
    if (unreachable.length > 0) {
      const senders = [...new Set(unreachable.map((endpoint) => endpoint.sender))];
      const fixes = senders.flatMap((sender) =>
        reachabilityFixes(
          sender,
          context.mode,
          unreachable.filter((endpoint) => endpoint.sender === sender).map((endpoint) => endpoint.url),
        ),
      );
      const first = cannotReach(unreachable[0]!, findings);
      const more =
        unreachable.length > 1 ? ` (and ${unreachable.length - 1} more endpoint${unreachable.length === 2 ? '' : 's'}, listed below)` : '';
      return failed(
        `${capitalise(first)}${more}; register ${unreachable.length === 1 ? 'a URL' : 'URLs'} the sender can reach, through ${reachabilityFixesInBrief(senders, context.mode)} (the details say how).`,
        { details: [...details, ...fixes], evidence },
      );
    }
    return passed(`Every enabled webhook endpoint can be reached by what sends to it (${counts(findings)})${exemption(findings)}.`, {
      details,
      evidence,
    });
  },
};

async function providerFindings(context: PreflightContext): Promise<SenderFindings> {
  const enabled = (await context.webhookEndpoints()).filter((endpoint) => endpoint.status === 'enabled');
  return judge('provider', context.environment.provider.apiBase, enabled);
}

/** The merchant's endpoints at the referral platform; none for a payment-only merchant or one connected without a platform. */
async function referralFindings(context: PreflightContext): Promise<SenderFindings[]> {
  const apiBase = context.environment.referral?.apiBase;
  if (!runsReferralProgramme(context.target) || apiBase === undefined) return [];
  // The platform's API lists no endpoints (they live in its dashboard): only the provider's are judged here, and the
  // referral platform's half of the item is the ping check's, skipped with the same reason.
  if (referralEndpointsLimit(context.referral) !== undefined) return [];
  return [judge('referral platform', apiBase, merchantReferralEndpoints(await context.referralWebhookEndpoints()))];
}

function judge(sender: WebhookSender, apiBase: string, endpoints: ReadonlyArray<{ id: string; url: string }>): SenderFindings {
  const position = positionOf(apiBase);
  const judged = endpoints.map((endpoint): Judged => {
    const found = nonPublicUrl(endpoint.url);
    if (!found) return { sender, id: endpoint.id, url: endpoint.url, verdict: 'public' };
    const reaches = position === 'loopback' || (position === 'private' && found.kind === 'private');
    return { sender, id: endpoint.id, url: endpoint.url, verdict: reaches ? 'exempt' : 'unreachable', why: found.why };
  });
  return { sender, apiBase, position, judged };
}

function positionOf(apiBase: string): Position {
  return nonPublicUrl(apiBase)?.kind ?? 'public';
}

/** "the provider at api.stripe.com cannot reach http://127.0.0.1:4242/webhooks/stripe: it is this machine's loopback address" */
function cannotReach(endpoint: Judged, findings: SenderFindings[]): string {
  return `${senderAt(endpoint.sender, findings)} cannot reach ${endpoint.url}: ${endpoint.why}`;
}

function detailOf(endpoint: Judged, findings: SenderFindings[]): string {
  if (endpoint.verdict === 'unreachable') return `Endpoint ${endpoint.id}: ${cannotReach(endpoint, findings)}.`;
  const label = `Endpoint ${endpoint.id} at the ${endpoint.sender} (${endpoint.url})`;
  if (endpoint.verdict === 'public') return `${label} is at a public address.`;
  const position = findings.find((finding) => finding.sender === endpoint.sender)!.position;
  const reason = position === 'loopback' ? 'it is itself on loopback (a local sandbox)' : 'it is itself on a private network';
  return `${label} is not public (${endpoint.why}), exempt because the ${endpoint.sender} can reach it: ${reason}.`;
}

function senderAt(sender: WebhookSender, findings: SenderFindings[]): string {
  const apiBase = findings.find((finding) => finding.sender === sender)!.apiBase;
  let host = apiBase;
  try {
    host = new URL(apiBase).host;
  } catch {
    // Not a URL: name it as configured.
  }
  return `the ${sender} at ${host}`;
}

function counts(findings: SenderFindings[]): string {
  return findings.map((finding) => `${finding.judged.length} at the ${finding.sender}`).join(', ');
}

/** ", 2 of them on loopback or a private address, exempt because the provider (…) and the referral platform (…) are themselves on loopback (a local sandbox)" */
function exemption(findings: SenderFindings[]): string {
  const exempt = findings.flatMap((finding) => finding.judged.filter((endpoint) => endpoint.verdict === 'exempt'));
  if (exempt.length === 0) return '';
  const senders = findings.filter((finding) => finding.judged.some((endpoint) => endpoint.verdict === 'exempt'));
  const because = (['loopback', 'private'] as const)
    .map((position) => senders.filter((finding) => finding.position === position))
    .filter((group) => group.length > 0)
    .map((group) => {
      const names = group.map((finding) => `the ${finding.sender} (${finding.apiBase})`).join(' and ');
      const where = group[0]!.position === 'loopback' ? 'on loopback (a local sandbox)' : 'on a private network';
      return `${names} ${group.length === 1 ? 'is itself' : 'are themselves'} ${where}`;
    });
  return `, ${exempt.length} of them on loopback or a private address, exempt because ${because.join(', and ')}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
