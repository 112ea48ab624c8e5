/** This machine's names: the only hosts a sandbox service listens on or sends anything to. */
const LOOPBACK_NAMES = new Set(['localhost', '::1']);

/** True for `localhost`, `::1` (bracketed or not) and any 127.x.x.x address. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return LOOPBACK_NAMES.has(bare) || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** True for an http(s) URL whose host is a loopback address. */
export function isLoopbackUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}

/** Refuses to start a service on anything but loopback. */
export function assertLoopbackHost(service: string, host: string): void {
  if (!isLoopbackHost(host)) throw new Error(`The sandbox ${service} listens on loopback only; "${host}" is not a loopback address.`);
}
