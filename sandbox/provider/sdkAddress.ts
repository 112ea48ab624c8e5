/**
 * Where the official Stripe SDK sends its requests to reach the provider at `providerUrl`: the SDK's `host`,
 * `port` (the scheme's default when the URL names none) and `protocol` options. The caller checks the URL first.
 */
export function sdkAddressOf(providerUrl: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(providerUrl);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80, protocol };
}
