import { randomUUID } from 'node:crypto';
import { expectEventDelivered, type ExpectationContext } from '../../src/run/expectations/index';
import { pollUntil } from '../../src/run/polling/pollUntil';
import { wakeOnReferralEvents } from '../../src/run/expectations/wakeOnEvents';
import { recordProviderRequests } from '../../src/run/evidence/providerRequests';
import type { ReferralCommission } from '../../contracts/referral';
import { referralPartner } from '../../src/model/target/referralProgramme';
import { demoTarget } from '../../targets/demo/target';
import type { ObservationWorld } from './observationWorld';

/** The expectations' evidence, dropped: stage D times the waits, it keeps no evidence. */
const NO_EVIDENCE: ExpectationContext['evidence'] = { attachJson: async () => undefined };

/**
 * One referral commission: a click is recorded (not timed), the harness starts waiting for the commission of a sale
 * (polling the commissions list, as expectCommissionCreated does, woken by the sink as the expectations are) and
 * makes its first check; then the shop's server reports the sale (`POST /v1/conversions`, as
 * sandbox/embedded-shop/saleReport.ts does). Returns ms from just before that report was sent to the wait passing.
 */
export async function commissionDelay(world: ObservationWorld, timeoutMs: number): Promise<number> {
  const sample = randomUUID();
  const click = await recordClick(world, sample);
  // The platform does not look the payment intent up at the provider: a made-up id keeps the provider out of it.
  const paymentIntent = `pi_bench_${sample.replaceAll('-', '')}`;
  const firstCheck = signalOnce();
  const waiting = pollUntil({
    what: `a commission for the sale of ${paymentIntent}`,
    where: "the referral platform's API (GET /v1/commissions?metadata[bench_sample]=…)",
    timeoutMs,
    // As expectCommissionCreated does: a commission.created reaching the sink re-checks at once.
    wakeOn: wakeOnReferralEvents({ arrivals: world.sink.arrivals }, 'commission.created'),
    check: async (note): Promise<ReferralCommission | undefined> => {
      try {
        const [commission] = (await world.referral.listCommissions({ 'metadata[bench_sample]': sample })).data;
        if (!commission) note('no commission yet');
        return commission;
      } finally {
        firstCheck.fire();
      }
    },
  });
  return timeFromSource(waiting, firstCheck.happened, () => reportSale(world, click, paymentIntent, sample));
}

/**
 * One provider event: a customer is created (not timed), the harness starts expectEventDelivered for its
 * customer.updated and makes its first check (GET /v1/events); then the customer is updated at the provider by a
 * plain client. Returns ms from just before that update was sent to the expectation passing (pending_webhooks 0).
 */
export async function providerEventDelay(world: ObservationWorld, timeoutMs: number): Promise<number> {
  const sample = randomUUID();
  const customer = await world.source.customers.create({ email: `bench+${sample}@example.com`, metadata: { bench_sample: sample } });
  const firstCheck = signalOnce();
  const stopWatching = recordProviderRequests(world.provider, (request) => {
    if (request.path === '/v1/events') firstCheck.fire();
  });
  try {
    // No arrivals: the rehearsal registers no sink at the provider, so its provider waits poll (fast first); the
    // bench's sink endpoint is there only so that an endpoint receives customer.updated.
    const context: ExpectationContext = { evidence: NO_EVIDENCE, timeoutMs };
    const waiting = expectEventDelivered(
      world.provider,
      { type: 'customer.updated', objectId: customer.id, providerAccess: world.providerAccess },
      context,
    );
    return await timeFromSource(waiting, firstCheck.happened, () =>
      world.source.customers.update(customer.id, { metadata: { bench_updated: 'yes' } }),
    );
  } finally {
    stopWatching();
  }
}

/** Waits for the wait's first check, notes t0, creates the event at its source, and returns ms from t0 to the wait passing. */
async function timeFromSource(waiting: Promise<unknown>, firstCheck: Promise<void>, create: () => Promise<unknown>): Promise<number> {
  let passedAt = 0;
  const passed = waiting.then(() => {
    passedAt = performance.now();
  });
  passed.catch(() => undefined); // awaited below; a failure before the source call must not go unhandled meanwhile
  await Promise.race([firstCheck, passed]);
  await new Promise((resolve) => setImmediate(resolve)); // let the first check's result reach the wait
  const t0 = performance.now();
  await create();
  await passed;
  if (passedAt < t0) throw new Error('The wait passed before the event was created: it found something else.');
  return passedAt - t0;
}

/** The customer's click, as the tracking snippet records it (`POST /v1/clicks`, publishable key). */
async function recordClick(world: ObservationWorld, sample: string): Promise<string> {
  const landing = new URL('/', world.merchantUrl);
  const partner = referralPartner(demoTarget).key;
  landing.searchParams.set('via', partner);
  landing.searchParams.set('utm_campaign', `bench-${sample}`);
  const body = await postJson(world, '/v1/clicks', world.referralAccess.publishableKey, { partner, landing_url: landing.href });
  return (body as { id: string }).id;
}

/** The sale, reported as the shop's server reports it (`POST /v1/conversions`, secret key, Idempotency-Key). */
async function reportSale(world: ObservationWorld, click: string, paymentIntent: string, sample: string): Promise<void> {
  await postJson(
    world,
    '/v1/conversions',
    world.referralAccess.secretKey,
    {
      click,
      payment_intent: paymentIntent,
      amount: 2000,
      currency: 'usd',
      metadata: { bench_sample: sample },
    },
    { 'idempotency-key': `bench-sale-${paymentIntent}` },
  );
}

async function postJson(
  world: ObservationWorld,
  path: string,
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(new URL(path, world.referralAccess.apiBase), {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** A promise that resolves the first time `fire` is called. */
function signalOnce(): { happened: Promise<void>; fire(): void } {
  let fire!: () => void;
  const happened = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { happened, fire };
}
