import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { startProvider } from '../../../sandbox/provider';
import { startWebhookReceiver } from '../../sandbox/provider/support/webhookReceiver';
import { CallLog, recordingClient, type RecordedCall } from './recordingClient';
import { TOUR, type TourStop } from './tour';
import type { TourContext } from './tourContext';

/** What one tour recorded: every answer, the stops that did not get through, and the webhooks one endpoint received. */
export interface TourRecord {
  version: string;
  calls: RecordedCall[];
  failures: { resource: string; call: string; error: string }[];
  /** The events delivered to an endpoint created with `api_version: endpointVersion` (listening to `*`). */
  deliveries: { endpointVersion: string; events: Record<string, unknown>[]; missing: string[] };
}

/**
 * Runs the whole tour against a fresh sandbox, with the SDK pinned to `version` and the account's default API version
 * set to it too (as a merchant pinned to an old version usually has it in the dashboard), so events are written in
 * it. Before the first stop, an endpoint pinned to `endpointVersion` starts listening to every event: Stripe renders
 * each delivery in its endpoint's version. A stop that throws is recorded and the tour goes on; stops needing its ids
 * then fail saying so.
 */
export async function runTour(version: string, endpointVersion: string, stops: TourStop[] = TOUR): Promise<TourRecord> {
  const provider = await startProvider({ port: 0, apiVersion: version, webhookRetry: { firstDelayMs: 60_000, factor: 1, maxAttempts: 1 } });
  const receiver = await startWebhookReceiver();
  const log = new CallLog();
  const failures: TourRecord['failures'] = [];
  try {
    const port = Number(new URL(provider.url).port);
    // Not recorded: the listening endpoint and the reading of every event afterwards are the tour's own plumbing.
    const plain = new Stripe(provider.secretKey, {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      apiVersion: version as Stripe.StripeConfig['apiVersion'],
    });
    const endpoint = await plain.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ['*'],
      api_version: endpointVersion as Stripe.WebhookEndpointCreateParams.ApiVersion,
    });
    const context: TourContext = {
      stripe: recordingClient(port, provider.secretKey, log, version),
      strangerStripe: recordingClient(port, 'sk_test_fidelityStrangerKey000', log, version),
      version,
      ids: {},
    };
    for (const stop of stops) {
      log.current = { resource: stop.resource, stop: stop.call };
      try {
        await stop.run(context);
      } catch (err) {
        failures.push({ resource: stop.resource, call: stop.call, error: err instanceof Error ? err.message : String(err) });
      }
    }
    const written = (await plain.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).map((event) => event.id);
    const arrived = await Promise.allSettled(written.map((id) => receiver.waitFor(id, (delivery) => delivery.event.id === id, 10_000)));
    const missing = written.filter((_, index) => arrived[index]!.status === 'rejected');
    const events = receiver.deliveries
      .filter((delivery) => delivery.headers['stripe-signature'])
      .map((delivery) => JSON.parse(delivery.rawBody) as Record<string, unknown>);
    await plain.webhookEndpoints.del(endpoint.id);
    return { version, calls: log.calls, failures, deliveries: { endpointVersion, events, missing } };
  } finally {
    await provider.close();
    await receiver.close();
  }
}

export function callsOf(tour: TourRecord, resource: string): RecordedCall[] {
  return tour.calls.filter((call) => call.resource === resource);
}

export function failuresOf(tour: TourRecord, resource: string): string[] {
  return tour.failures.filter((failure) => failure.resource === resource).map((failure) => `${failure.call}: ${failure.error}`);
}

/** The deliveries as calls (`POST (webhook)`), so the checks of answers apply to them unchanged. */
export function deliveriesAsCalls(tour: TourRecord): RecordedCall[] {
  return tour.deliveries.events.map((event) => ({
    resource: 'webhook delivery',
    stop: String(event.type),
    method: 'POST',
    path: `(webhook ${String(event.type)})`,
    expand: [],
    status: 200,
    requestVersion: null,
    responseVersion: tour.deliveries.endpointVersion,
    body: event,
  }));
}

/**
 * The tour of `version` for this Playwright run, run once: Playwright starts a new worker after a failed test and runs
 * `beforeAll` again there, so the record is kept in `dir` (the project's output directory) under the run's id.
 */
export async function tourOnce(version: string, endpointVersion: string, dir: string): Promise<TourRecord> {
  // Workers are children of the one Playwright runner process: its pid (with the run id) names this run.
  const run = `${process.env.REHEARSAL_RUN_ID ?? 'run'}-${process.ppid}`;
  const file = path.join(dir, `fidelity-tour-${run}-${version.replace(/[^\w.-]/g, '_')}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as TourRecord;
  const tour = await runTour(version, endpointVersion);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(tour));
  return tour;
}
