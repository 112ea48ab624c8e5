import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dubScriptInstalled } from '../../../../src/guards/preflight/checks/dubScriptInstalled';
import { endpointsReachable } from '../../../../src/guards/preflight/checks/endpointsReachable';
import { keysAuthenticate } from '../../../../src/guards/preflight/checks/keysAuthenticate';
import { keysMode } from '../../../../src/guards/preflight/checks/keysMode';
import { referralCommissionRule } from '../../../../src/guards/preflight/checks/referralCommissionRule';
import { referralEndpointsPing } from '../../../../src/guards/preflight/checks/referralEndpointsPing';
import { rewardfulScriptInstalled } from '../../../../src/guards/preflight/checks/rewardfulScriptInstalled';
import type { CheckOutcome, PreflightCheck, PreflightContext } from '../../../../src/guards/preflight/index';
import type { ReferralPlatform } from '../../../../src/model/target/referralPlatform';
import { FakeReferralPlatform, fakePreflightContext, providerEndpoint, referralEndpoint } from './support/fakePreflightContext';

/* Preflight on a platform whose API cannot show something (Rewardful, Dub): skipped with the platform's reason. */

const LIMITS = {
  deliveryLog: "Acme's API lists no webhook deliveries: its dashboard's log is the only record",
  webhookEndpoints: "Acme's API has no webhook endpoints: they are added on its dashboard",
  program: "Acme's API returns no programme: the target's agreed commission is used",
};

/** Acme: partners can be listed; no programme, no webhook endpoints, no deliveries. */
function acme(listPartners: ReferralPlatform['listPartners'] = async () => ({ object: 'list', data: [], has_more: false, url: '/x' })) {
  return { displayName: 'Acme', limits: LIMITS, listPartners } as unknown as ReferralPlatform;
}

async function outcomeOf(check: PreflightCheck, context: PreflightContext): Promise<CheckOutcome> {
  return (await check.run(context)) as CheckOutcome;
}

function contextWith(referral: ReferralPlatform, extra: Record<string, unknown> = {}): PreflightContext {
  return Object.assign(
    fakePreflightContext({
      providerApiBase: 'https://api.stripe.com',
      referral,
      providerEndpoints: [providerEndpoint('we_1', 'https://shop.example.com/hook')],
    }),
    extra,
  );
}

test("no webhook endpoint API: the referral ping is skipped with the platform's reason, never passed or failed", async () => {
  const outcome = await outcomeOf(referralEndpointsPing, contextWith(acme()));
  expect(outcome.status).toBe('skipped');
  expect(outcome.summary).toBe(
    `The merchant's webhook endpoints at the referral platform could not be pinged: ${LIMITS.webhookEndpoints}. Send a test event from the platform's dashboard.`,
  );
});

test("endpoints but no delivery log: the ping is skipped, the log's absence named", async () => {
  const fake = new FakeReferralPlatform([referralEndpoint('rwe_shop', 'https://shop.example.com/webhooks/referral')]);
  const { listDeliveries: _dropped, ...withoutLog } = fake.platform();
  const outcome = await outcomeOf(referralEndpointsPing, contextWith({ ...withoutLog, limits: { deliveryLog: LIMITS.deliveryLog } }));
  expect(outcome.status).toBe('skipped');
  expect(outcome.summary).toContain(`its one attempt could not be read, because ${LIMITS.deliveryLog}.`);
  expect(fake.pinged).toEqual([]);
});

test('no webhook endpoint API: the reachability check judges the provider endpoints alone', async () => {
  const outcome = await outcomeOf(endpointsReachable, contextWith(acme()));
  expect(outcome.status).toBe('passed');
  expect(outcome.summary).toContain('1 at the provider');
  expect(outcome.summary).not.toContain('referral platform');
});

test('no programme API: the commission-rule check is skipped, saying the rule was taken from the target', async () => {
  const outcome = await outcomeOf(referralCommissionRule, contextWith(acme()));
  expect(outcome.status).toBe('skipped');
  expect(outcome.summary).toBe(
    `The commission rule was taken from the target, not read from the platform: ${LIMITS.program}. ` +
      "The flows check each commission against the target's agreed amounts; compare them with the programme's rule in the platform's dashboard.",
  );
  expect(outcome.details).toContain(
    "Rehearsal T-shirt (product tshirt): a 20.00 USD sale is agreed to pay 4.00 USD (the target's catalogue).",
  );
});

test('no programme API: the referral key is checked by listing partners; a refused key fails naming the platform', async () => {
  const account = async () => ({ id: 'acct_1', settings: {}, business_profile: {}, lastResponse: { requestId: 'req_1' } });
  const works = await outcomeOf(keysAuthenticate, contextWith(acme(), { account }));
  expect(works.status).toBe('passed');
  expect(works.details).toContain(
    "Acme's secret key lists the account's partners at https://api.referral.example (its API returns no programme to open).",
  );

  const refused = Object.assign(new Error('Invalid API Secret.'), { statusCode: 401 });
  const fails = await outcomeOf(
    keysAuthenticate,
    contextWith(
      acme(async () => {
        throw refused;
      }),
      { account },
    ),
  );
  expect(fails.status).toBe('failed');
  expect(fails.summary).toContain('Acme at https://api.referral.example refused the secret key (listing partners answered 401)');
});

test("a platform whose keys carry no mode (Rewardful, Dub): only the provider's keys are mode-checked", async () => {
  const context = contextWith(acme());
  const rewardfulTarget = { ...context.target, referralPlatform: 'rewardful' as const };
  const outcome = await outcomeOf(keysMode, { ...context, target: rewardfulTarget });
  expect(outcome.status).toBe('passed');
  expect(outcome.summary).toBe("Both provider keys (the referral platform's carry no mode) are test keys.");
  expect(outcome.details?.at(-1)).toMatch(
    /^The referral platform's keys were not mode-checked: Rewardful's keys carry no test or live mode/,
  );
});

test.describe("the platform's tracking script on every customer page", () => {
  let server: Server;
  let baseUrl: string;
  const pages: Record<string, string> = {};

  test.beforeAll(async () => {
    server = createServer((request, response) => {
      const body = pages[request.url ?? ''];
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html' });
      response.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function pageContext(publishableKey: string): PreflightContext {
    const context = contextWith(acme());
    return {
      ...context,
      target: { ...context.target, goLive: { ...context.target.goLive, customerPages: ['/', '/products/tshirt'] } },
      environment: {
        ...context.environment,
        merchant: { ...context.environment.merchant, baseUrl },
        referral: { ...context.environment.referral!, publishableKey },
      },
    };
  }

  const rewardful = (key: string) =>
    `<html><head><script>(function(w,r){w._rwq=r})(window,'rewardful');</script><script async src='https://r.wdfl.co/rw.js' data-rewardful='${key}'></script></head></html>`;

  test('Rewardful: passes with rw.js and the public key on every page; fails naming a page without it, or another key', async () => {
    pages['/'] = rewardful('pub_abc');
    pages['/products/tshirt'] = rewardful('pub_abc');
    expect((await outcomeOf(rewardfulScriptInstalled, pageContext('pub_abc'))).status).toBe('passed');

    pages['/products/tshirt'] = '<html><head></head></html>';
    const missing = await outcomeOf(rewardfulScriptInstalled, pageContext('pub_abc'));
    expect(missing.status).toBe('failed');
    expect(missing.summary).toBe(
      `${baseUrl}/products/tshirt has no Rewardful's tracking script (rw.js): put Rewardful's snippet with REFERRAL_PUBLISHABLE_KEY (the public API Key) (pub_abc) in the <head> of every customer page.`,
    );

    pages['/products/tshirt'] = rewardful('pub_other');
    const wrongKey = await outcomeOf(rewardfulScriptInstalled, pageContext('pub_abc'));
    expect(wrongKey.status).toBe('failed');
    expect(wrongKey.summary).toContain("has Rewardful's tracking script (rw.js) with the key pub_other, not pub_abc");
  });

  test('Dub: passes with the analytics script on every page (its key judged when it carries one)', async () => {
    pages['/'] =
      `<head><script src="https://www.dubcdn.com/analytics/script.js" defer data-domains='{"refer":"go.shop.example"}'></script></head>`;
    pages['/products/tshirt'] =
      `<head><script src="http://127.0.0.1:1/analytics/script.js" defer data-publishable-key="dub_pk_1"></script></head>`;
    expect((await outcomeOf(dubScriptInstalled, pageContext('dub_pk_1'))).status).toBe('passed');
    const wrongKey = await outcomeOf(dubScriptInstalled, pageContext('dub_pk_2'));
    expect(wrongKey.status).toBe('failed');
    expect(wrongKey.summary).toContain("has Dub's analytics script with the key dub_pk_1, not dub_pk_2");
  });
});
