/**
 * The sandbox's cloud posture: whether its provider and referral platform behave as services on the internet would,
 * delivering webhooks only to hosts the internet can reach (see webhookReach.ts). Read once, here, from
 * `SANDBOX_CLOUD` / `--cloud` and `SANDBOX_REACHABLE`.
 */

export const CLOUD_VARIABLE = 'SANDBOX_CLOUD';
export const REACHABLE_VARIABLE = 'SANDBOX_REACHABLE';

/** The posture `startSandbox({ cloud })` takes: `reachable` lists the hosts (origins or `host:port`) the internet reaches besides the sandbox's own. */
export interface CloudPosture {
  reachable: string[];
}

/** `SANDBOX_CLOUD` or `SANDBOX_REACHABLE` (or the `cloud` option) holds something that is not a setting. Exit 2 at the command line. */
export class CloudPostureError extends Error {
  override name = 'CloudPostureError';
}

const ON = new Set(['1', 'true']);
const OFF = new Set(['', '0', 'false']);

/**
 * The cloud posture the environment asks for, or undefined (off). `SANDBOX_CLOUD`: `1`/`true` on, `0`/`false`/empty
 * off, anything else a CloudPostureError; `flag` (`--cloud`) turns it on whatever the variable says (a bad value is
 * still an error). `SANDBOX_REACHABLE`: comma-separated origins or `host:port`, each checked even when the posture is
 * off, so a typo is found before the day it matters.
 */
export function cloudPostureFromEnv(env: NodeJS.ProcessEnv, options: { flag?: boolean } = {}): CloudPosture | undefined {
  const raw = env[CLOUD_VARIABLE];
  const text = (raw ?? '').trim().toLowerCase();
  if (!ON.has(text) && !OFF.has(text)) {
    throw new CloudPostureError(`${CLOUD_VARIABLE}=${raw} is not a switch: use 1 or true to play cloud, 0, false or empty for off.`);
  }
  const reachable = reachableList(env[REACHABLE_VARIABLE], REACHABLE_VARIABLE);
  return options.flag || ON.has(text) ? { reachable } : undefined;
}

/** The entries of a comma-separated list of origins or `host:port`, each as `host:port`; a bad entry is a CloudPostureError naming `where`. */
export function reachableList(list: string | readonly string[] | undefined, where: string): string[] {
  const entries = typeof list === 'string' ? list.split(',') : [...(list ?? [])];
  return [
    ...new Set(
      entries
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => hostAndPort(entry, where)),
    ),
  ];
}

/**
 * `host:port` of an origin (`http://127.0.0.1:4480`; a URL's path is ignored; no port = the scheme's) or of a
 * `host:port` entry (`127.0.0.1:4480`, `localhost:3000`, `[::1]:4480`). Names are compared as written: `localhost`
 * and `127.0.0.1` are different hosts here.
 */
export function hostAndPort(entry: string, where: string): string {
  const bad = () =>
    new CloudPostureError(
      `${where} entry "${entry}" is not an origin (http://127.0.0.1:4480) or host:port (127.0.0.1:4480): list them comma-separated.`,
    );
  if (entry.includes('://')) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw bad();
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) throw bad();
    return urlHostAndPort(url);
  }
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) throw bad();
  let url: URL;
  try {
    url = new URL(`http://${match[1]}`);
  } catch {
    throw bad();
  }
  return `${url.hostname}:${port}`;
}

/** `host:port` of a parsed URL, the scheme's default port when it names none. */
export function urlHostAndPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}
