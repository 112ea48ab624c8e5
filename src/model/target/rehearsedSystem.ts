import { redactText } from '../../base/redact';
import type { TargetEnvironment } from './contract';

/**
 * Which system a rehearsal drives, in words: the embedded offline sandbox (the demo targets' own, started on this
 * machine), or the operator's running integration (their site, with the provider and referral platform it uses).
 */
export interface RehearsedSystem {
  kind: 'embedded-sandbox' | 'your-site';
  /** e.g. "the embedded offline sandbox (no account, nothing leaves this machine)". */
  description: string;
}

export const EMBEDDED_SANDBOX_DESCRIPTION = 'the embedded offline sandbox (no account, nothing leaves this machine)';

/**
 * The system the connected environment is: the embedded sandbox when the target says it started one
 * (`embeddedSandbox`), else the operator's site, wherever it runs (a sandbox the operator started with
 * `npm run sandbox` and named in REHEARSAL_MERCHANT_URL too: the rehearsal cannot tell it from a real site).
 */
export function rehearsedSystem(
  environment: Pick<TargetEnvironment, 'merchant' | 'provider' | 'referral' | 'embeddedSandbox'>,
): RehearsedSystem {
  if (environment.embeddedSandbox === true) return { kind: 'embedded-sandbox', description: EMBEDDED_SANDBOX_DESCRIPTION };
  return {
    kind: 'your-site',
    description:
      `your site at ${shown(environment.merchant.baseUrl)} ` +
      `(provider ${shown(environment.provider.apiBase)}` +
      `${environment.referral ? `, referral platform ${shown(environment.referral.apiBase)}` : ''})`,
  };
}

/** The first line of `rehearse run` and `rehearse preflight`: "▸ Rehearsing the embedded offline sandbox (…)". */
export function rehearsedSystemLine(system: RehearsedSystem): string {
  return `▸ Rehearsing ${system.description}`;
}

/** The URL without credentials, query or fragment, and redacted: safe for a console line and a report. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return redactText(parsed.toString().replace(/\/+$/, ''));
  } catch {
    return redactText(url);
  }
}
