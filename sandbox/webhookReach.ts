import { CLOUD_VARIABLE, hostAndPort, reachableList, REACHABLE_VARIABLE, urlHostAndPort } from './cloudPosture';

/**
 * Where the sandbox's webhook senders (the provider, the referral platform) may deliver. Offline (the default) they
 * reach every endpoint on this machine. Playing cloud, they reach only what a service on the internet could: the
 * hosts allowed here (the merchants and services this sandbox started, added as each starts, and the ones the
 * operator listed in SANDBOX_REACHABLE). An attempt at any other URL sends nothing and is recorded as failed with
 * `unreachableReason`'s error, then retried on the normal schedule, like any network failure.
 */
export class WebhookReach {
  private constructor(private readonly hosts: Set<string> | null) {}

  /** No limit beyond the sandbox's own (loopback only): the offline posture. */
  static everywhere(): WebhookReach {
    return new WebhookReach(null);
  }

  /** The cloud posture: only `reachable` (origins or `host:port`; a bad entry is a CloudPostureError naming `where`) and what `allow` adds. */
  static cloud(reachable: readonly string[], where = 'cloud.reachable'): WebhookReach {
    return new WebhookReach(new Set(reachableList(reachable, where)));
  }

  /** True when the sandbox plays cloud. */
  get playsCloud(): boolean {
    return this.hosts !== null;
  }

  /** Every `host:port` a webhook can reach while playing cloud (empty offline, where everything on this machine can). */
  get reachable(): string[] {
    return [...(this.hosts ?? [])];
  }

  /** Lets deliveries reach `origin` (a service this sandbox started); nothing changes offline. */
  allow(origin: string): void {
    this.hosts?.add(hostAndPort(origin, 'allow'));
  }

  /** Null when a delivery to `url` may be sent; else the one-line error its attempt records (nothing is sent). */
  unreachableReason(url: string): string | null {
    if (this.hosts === null) return null;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `unreachable: ${url} is not a URL`;
    }
    if (this.hosts.has(urlHostAndPort(parsed))) return null;
    return (
      `unreachable: ${parsed.origin} cannot be reached from the internet (the sandbox plays cloud: ${CLOUD_VARIABLE}=1; ` +
      `${REACHABLE_VARIABLE} lists hosts that can be)`
    );
  }
}
