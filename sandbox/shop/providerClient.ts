import Stripe from 'stripe';
import { isLoopbackUrl } from '../loopback';

/** The official Stripe SDK, pointed at the provider the shop was given (loopback only). */
export function createProviderClient(providerUrl: string, secretKey: string): Stripe {
  if (!isLoopbackUrl(providerUrl)) throw new Error(`The demo shop only talks to a provider on this machine, not ${providerUrl}.`);
  const url = new URL(providerUrl);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80,
    protocol,
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    appInfo: { name: 'dress-rehearsal-demo-shop' },
  });
}
