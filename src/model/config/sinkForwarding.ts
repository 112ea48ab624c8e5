import { ConfigError } from '../../base/configError';

/** The local port a tunnel forwards to when REHEARSAL_SINK_PORT is not set. */
export const DEFAULT_SINK_PORT = 4480;

/**
 * How a referral platform in the cloud reaches the harness's sink: `publicUrl` (REHEARSAL_SINK_URL, e.g. a tunnel's
 * https URL) forwards to `port` on this machine (REHEARSAL_SINK_PORT), where the run's sink relay listens.
 */
export interface SinkForwarding {
  publicUrl: string;
  port: number;
}

/**
 * REHEARSAL_SINK_URL and REHEARSAL_SINK_PORT, checked; undefined when no forwarder is set (the sink is then reached on
 * loopback, or not at all). A URL that is not http(s), or carries a query or fragment, or a port that is not one, is a
 * ConfigError saying what to set.
 */
export function sinkForwardingFrom(env: NodeJS.ProcessEnv): SinkForwarding | undefined {
  const raw = env.REHEARSAL_SINK_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `REHEARSAL_SINK_URL=${raw} is not a URL: set it to the public http(s) URL your tunnel forwards to this machine (e.g. https://abc.trycloudflare.com), or unset it.`,
    );
  }
  // A bare "?" or "#" leaves search and hash empty but stays in href, so the href itself is checked.
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || /[?#]/.test(url.href) || url.username || url.password) {
    throw new ConfigError(
      `REHEARSAL_SINK_URL=${raw} must be a plain http(s) URL without credentials, query or fragment (the public URL of your tunnel).`,
    );
  }
  return { publicUrl: url.href.replace(/\/+$/, ''), port: sinkPortFrom(env) };
}

function sinkPortFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.REHEARSAL_SINK_PORT?.trim();
  if (!raw) return DEFAULT_SINK_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError(
      `REHEARSAL_SINK_PORT=${raw} is not a port: set the local port your tunnel forwards to (1–65535; default ${DEFAULT_SINK_PORT}).`,
    );
  }
  return port;
}
