import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import qs from 'qs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** What the platform asked the provider for when it registered its webhook endpoint. */
export interface EndpointRegistration {
  authorization: string | undefined;
  url: string;
  enabled_events: string[];
}

export interface FakeProvider {
  url: string;
  secretKey: string;
  /** The signing secret handed to the platform; tests sign provider events with it. */
  webhookSecret: string;
  registrations: EndpointRegistration[];
  close(): Promise<void>;
}

/**
 * Stands in for the provider's `POST /v1/webhook_endpoints`, the only provider call the platform makes, so
 * the platform's event handling can be tested with events the test signs itself.
 */
export async function startFakeProvider(): Promise<FakeProvider> {
  const secretKey = 'sk_test_fake_provider_0000';
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const registrations: EndpointRegistration[] = [];
  const app = Fastify({ logger: false });
  await app.register(formbody, { parser: (text) => qs.parse(text) });
  app.post<{ Body: { url: string; enabled_events: string[] } }>('/v1/webhook_endpoints', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      return reply.code(401).send({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    registrations.push({
      authorization: request.headers.authorization,
      url: request.body.url,
      enabled_events: request.body.enabled_events,
    });
    return {
      id: 'we_fake_0001',
      object: 'webhook_endpoint',
      url: request.body.url,
      enabled_events: request.body.enabled_events,
      status: 'enabled',
      secret: webhookSecret,
      livemode: false,
      metadata: {},
      created: Math.floor(Date.now() / 1000),
    };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, secretKey, webhookSecret, registrations, close: () => app.close() };
}
