import { test, expect } from '@playwright/test';
import { CHECKLIST, checklistItem } from '../../../../src/model/checklist/catalogue';
import type { ChecklistItem, ChecklistItemId, PreflightReport } from '../../../../src/model/checklist/types';
import type { FlowRecord, StepRecord } from '../../../../src/run/evidence/flowRecord';
import { decideChecklist } from '../../../../src/reporting/signoff/decideChecklist';
import { overallVerdict } from '../../../../src/reporting/signoff/overallVerdict';
import type { ItemVerdict } from '../../../../src/reporting/signoff/types';
import { checkResult, LEAKED_KEY, purchaseFlow, skippedDeclinesFlow, syntheticId, syntheticPreflight } from './syntheticRun';

function preflightWith(...results: PreflightReport['results']): PreflightReport {
  return { ...syntheticPreflight(), results };
}

function flow(overrides: Partial<FlowRecord> & Pick<FlowRecord, 'flow'>): FlowRecord {
  return {
    runId: 'rh-1',
    testRunId: `rh-1-${overrides.flow}`,
    title: overrides.flow,
    file: `scenarios/${overrides.flow}.spec.ts`,
    status: 'passed',
    startedAt: 1_000,
    endedAt: 2_000,
    steps: [],
    timeline: [],
    screenshots: [],
    providerRequests: [],
    ...overrides,
  };
}

function step(title: string, checklist: ChecklistItemId[], overrides: Partial<StepRecord> = {}): StepRecord {
  return { title, status: 'passed', startedAt: 1_000, endedAt: 1_500, checklist, ...overrides };
}

function decide(id: ChecklistItemId, preflight: PreflightReport | undefined, flows: FlowRecord[]): ItemVerdict {
  const [verdict] = decideChecklist([checklistItem(id)], preflight, flows);
  return verdict!;
}

test.describe('manual items', () => {
  test('await attestation, with the instructions as the reason', () => {
    const verdict = decide('payout-account-verified', syntheticPreflight(), [purchaseFlow()]);
    expect(verdict.status).toBe('awaiting-attestation');
    expect(verdict.reason).toBe("Confirm in the provider's dashboard that payouts are enabled to the company's verified bank account.");
    expect(verdict.evidence).toEqual([]);
  });
});

test.describe('failures', () => {
  test('a failed check of the item fails it, with the check summary as the reason', () => {
    const verdict = decide(
      'keys-valid-for-mode',
      preflightWith(
        checkResult('keys.authenticate', 'keys-valid-for-mode', 'passed', 'Both keys answer.'),
        checkResult(
          'keys.mode',
          'keys-valid-for-mode',
          'failed',
          `The referral secret key ${LEAKED_KEY} is a test key in a live run: use the live key.`,
        ),
      ),
      [],
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.reason).toBe('keys.mode: The referral secret key [redacted] is a test key in a live run: use the live key.');
    expect(verdict.evidence).toContainEqual({ label: 'Preflight check keys.mode: failed', href: 'evidence/preflight.json#keys.mode' });
    expect(JSON.stringify(verdict)).not.toContain(LEAKED_KEY);
  });

  test('a failed step tagged with the item fails it, with the step error (redacted) as the reason', () => {
    const record = flow({
      flow: 'referral-purchase-refund',
      status: 'failed',
      error: 'Expected commission.refunded',
      steps: [
        step('open the referral link', ['referral-click-tracked']),
        step('refund from the shop admin', ['refund-reverses-commission'], {
          status: 'failed',
          error: `\u001b[31mNo commission.refunded for cm_1 at the referral platform within 15 s (key ${LEAKED_KEY})\u001b[39m\n    at refund.spec.ts:12`,
        }),
      ],
    });
    const verdict = decide('refund-reverses-commission', undefined, [record]);
    expect(verdict.status).toBe('failed');
    expect(verdict.reason).toBe(
      'referral-purchase-refund › refund from the shop admin: No commission.refunded for cm_1 at the referral platform within 15 s (key [redacted]).',
    );
    expect(verdict.evidence[0]).toEqual({
      label: 'Flow referral-purchase-refund: failed',
      href: 'evidence/flows/referral-purchase-refund--rh-1-referral-purchase-refund.json',
    });
    // The other item of the same flow passed: only the failing step's items fail.
    expect(decide('referral-click-tracked', undefined, [record]).status).toBe('passed');
  });

  test('request-ids-logged also fails when a recorded provider call has no request id', () => {
    const preflight = preflightWith(
      checkResult('provider.request-ids', 'request-ids-logged', 'passed', 'GET /v1/account carried a Request-Id.'),
    );
    const record = flow({
      flow: 'declines',
      providerRequests: [
        { method: 'POST', path: '/v1/refunds', status: 200, requestId: 'req_1', at: 1_100, elapsedMs: 50 },
        { method: 'GET', path: '/v1/payment_intents/pi_1', status: 200, at: 1_200, elapsedMs: 30 },
      ],
    });
    const verdict = decide('request-ids-logged', preflight, [record]);
    expect(verdict.status).toBe('failed');
    expect(verdict.reason).toBe(
      '1 of 2 recorded provider calls had no request id (first: GET /v1/payment_intents/pi_1 in the declines flow).',
    );
    expect(verdict.evidence.map((link) => link.href)).toContain('evidence/flows/declines--rh-1-declines.json');

    const allLogged = flow({ flow: 'declines', providerRequests: [record.providerRequests[0]!] });
    const passed = decide('request-ids-logged', preflight, [allLogged]);
    expect(passed.status).toBe('passed');
    expect(passed.reason).toBe('Preflight check provider.request-ids passed; the one recorded provider call carried a request id.');
  });
});

test.describe('warnings', () => {
  test('a check warning is shown as a warning, not a failure', () => {
    const verdict = decide(
      'webhook-endpoints-registered',
      preflightWith(
        checkResult(
          'webhooks.endpoints-registered',
          'webhook-endpoints-registered',
          'warning',
          'The shop endpoint receives 40 events it does not need.',
        ),
      ),
      [],
    );
    expect(verdict.status).toBe('passed');
    expect(verdict.reason).toBe('Preflight check webhooks.endpoints-registered passed with a warning.');
    expect(verdict.warnings).toEqual(['webhooks.endpoints-registered: The shop endpoint receives 40 events it does not need.']);
  });

  test('evidence that is partly skipped is a warning on an item the rest decides', () => {
    const subscribe = flow({
      flow: 'subscribe-renew-cancel',
      steps: [
        step('subscribe on the pricing page', ['subscription-lifecycle']),
        step('renew by advancing the test clock', ['subscription-lifecycle'], {
          status: 'skipped',
          skipReason: 'Live mode has no test clocks',
        }),
      ],
    });
    const verdict = decide('subscription-lifecycle', undefined, [subscribe]);
    expect(verdict.status).toBe('passed');
    expect(verdict.warnings).toEqual([
      'Not rehearsed: subscribe-renew-cancel › renew by advancing the test clock was skipped: Live mode has no test clocks.',
    ]);
  });
});

test.describe('skipped', () => {
  test('no preflight report: the items preflight decides are skipped, saying preflight did not run', () => {
    const verdict = decide('tracking-snippet-key', undefined, [purchaseFlow()]);
    expect(verdict.status).toBe('skipped');
    expect(verdict.reason).toBe('Not rehearsed: preflight did not run (no evidence/preflight.json).');
  });

  test('a check missing from the preflight report is named', () => {
    const verdict = decide('secret-keys-not-in-browser', syntheticPreflight(), []);
    expect(verdict.status).toBe('skipped');
    expect(verdict.reason).toBe('Not rehearsed: preflight check browser.no-secret-keys did not run.');
  });

  test('the flows that decide an item did not run', () => {
    const verdict = decide('no-double-charge', syntheticPreflight(), [purchaseFlow()]);
    expect(verdict.status).toBe('skipped');
    expect(verdict.reason).toBe('Not rehearsed: the flow duplicate-submit did not run (no flow record in this run).');
  });

  test('preflight stopped the flows: the flow items say so, the failed preflight items fail', () => {
    const items = decideChecklist(CHECKLIST, syntheticPreflight(), []);
    const byId = new Map(items.map((verdict) => [verdict.item.id, verdict]));
    expect(byId.get('api-version-pinned')?.status).toBe('failed');
    expect(byId.get('refund-end-to-end')).toMatchObject({
      status: 'skipped',
      reason: 'Not rehearsed: the flow referral-purchase-refund did not run (a blocking preflight check failed, so no flow ran).',
    });
    expect(overallVerdict(items).kind).toBe('not-ready');
  });

  test('a flow skipped as a whole (live mode skips declines) skips its items with the skip reason', () => {
    const verdict = decide('declines-handled', syntheticPreflight(), [skippedDeclinesFlow()]);
    expect(verdict.status).toBe('skipped');
    expect(verdict.reason).toBe("Not rehearsed: the declines flow was skipped: Live mode: declines need the provider's test cards.");
    expect(verdict.evidence).toEqual([
      { label: 'Flow declines: skipped', href: 'evidence/flows/declines--rh-20261123-174512-a1b2c3-w1-1.json' },
    ]);
  });

  test('all deciding evidence skipped: skipped, with every reason', () => {
    const verdict = decide(
      'webhook-endpoints-https',
      preflightWith(
        checkResult(
          'webhooks.endpoints-https',
          'webhook-endpoints-https',
          'skipped',
          'Test mode: HTTPS is required of live endpoints only.',
        ),
      ),
      [],
    );
    expect(verdict.status).toBe('skipped');
    expect(verdict.reason).toBe('Not rehearsed: webhooks.endpoints-https skipped: Test mode: HTTPS is required of live endpoints only.');
  });

  test("a flow that failed before reaching the item's steps", () => {
    const record = flow({
      flow: 'referral-purchase-refund',
      status: 'timedOut',
      error: 'Test timeout of 120000ms exceeded.',
      steps: [step('open the referral link', ['referral-click-tracked'])],
    });
    const verdict = decide('refund-end-to-end', undefined, [record]);
    expect(verdict.status).toBe('skipped');
    expect(verdict.reason).toBe(
      "Not rehearsed: the referral-purchase-refund flow timed out before reaching this item's steps: Test timeout of 120000ms exceeded.",
    );
  });
});

test.describe('passed', () => {
  test('checks and tagged steps that passed pass the item, linking the evidence', () => {
    const verdict = decide('payment-end-to-end', syntheticPreflight(), [purchaseFlow()]);
    expect(verdict.status).toBe('passed');
    expect(verdict.reason).toBe('1 step passed in referral-purchase-refund.');
    expect(verdict.warnings).toEqual(['Not rehearsed: the flow zero-decimal-purchase did not run (no flow record in this run).']);
    expect(verdict.evidence).toEqual([
      {
        label: 'Flow referral-purchase-refund: passed',
        href: 'evidence/flows/referral-purchase-refund--rh-20261123-174512-a1b2c3-w0-1.json',
      },
      { label: 'Screenshot: order paid', href: 'evidence/screenshots/rh-20261123-174512-a1b2c3-w0-1-01-order-paid.png' },
    ]);
  });

  test('links the Allure report when the run folder has one', () => {
    const [verdict] = decideChecklist([checklistItem('refund-end-to-end')], undefined, [purchaseFlow()], {
      allureReportHref: 'allure-report.html',
    });
    expect(verdict!.evidence.map((link) => link.href)).toContain('allure-report.html');
  });

  test('one check deciding two items: each item takes the result naming it', () => {
    const preflight = preflightWith(
      checkResult('provider.catalogue', 'catalogue-in-mode', 'passed', 'Every price exists.'),
      checkResult('provider.catalogue', 'amounts-in-minor-units', 'failed', 'demo_tenugui_jpy is 150000 JPY, the catalogue says 1500.'),
    );
    expect(decide('catalogue-in-mode', preflight, []).status).toBe('passed');
    expect(decide('amounts-in-minor-units', preflight, []).reason).toBe(
      'provider.catalogue: demo_tenugui_jpy is 150000 JPY, the catalogue says 1500.',
    );
  });
});

test.describe('overall verdict', () => {
  const item = (id: string, severity: ChecklistItem['severity'], manual?: string): ChecklistItem => ({
    id: syntheticId(id),
    title: `Item ${id}`,
    why: 'why',
    source: 'payments-runbook',
    sourceDetail: 'runbook',
    severity,
    ...(manual ? { manual } : { checks: [syntheticId(`check.${id}`)] }),
  });
  const catalog = [item('a', 'blocking'), item('b', 'blocking'), item('w', 'warning'), item('m', 'blocking', 'Look at it.')];

  test('NOT READY when a blocking item failed, listing each with its reason', () => {
    const preflight = preflightWith(
      checkResult(syntheticId('check.a'), syntheticId('a'), 'failed', 'A is broken.'),
      checkResult(syntheticId('check.b'), syntheticId('b'), 'failed', 'B is broken.'),
      checkResult(syntheticId('check.w'), syntheticId('w'), 'passed', 'fine'),
    );
    const verdict = overallVerdict(decideChecklist(catalog, preflight, []));
    expect(verdict.kind).toBe('not-ready');
    expect(verdict.headline).toBe('NOT READY to go live: 2 blocking items failed');
    expect(verdict.reasons).toEqual(['Item a: check.a: A is broken.', 'Item b: check.b: B is broken.']);
    expect(verdict.blockingFailed).toEqual(['a', 'b']);
  });

  test('INCOMPLETE when nothing blocking failed but a blocking automated item was skipped', () => {
    const preflight = preflightWith(
      checkResult(syntheticId('check.a'), syntheticId('a'), 'passed', 'fine'),
      checkResult(syntheticId('check.w'), syntheticId('w'), 'failed', 'W is off.'),
    );
    const verdict = overallVerdict(decideChecklist(catalog, preflight, []));
    expect(verdict.kind).toBe('incomplete');
    expect(verdict.headline).toBe('INCOMPLETE, not ready to sign off: 1 blocking item was not rehearsed');
    expect(verdict.reasons).toEqual(['Item b: Not rehearsed: preflight check check.b did not run.']);
  });

  test('READY, listing it for the signer, when a blocking item was skipped with a reason (test mode has no live endpoints)', () => {
    const preflight = preflightWith(
      checkResult(syntheticId('check.a'), syntheticId('a'), 'passed', 'fine'),
      checkResult(syntheticId('check.b'), syntheticId('b'), 'skipped', 'Test mode: HTTPS is required of live endpoints only.'),
      checkResult(syntheticId('check.w'), syntheticId('w'), 'passed', 'fine'),
    );
    const items = decideChecklist(catalog, preflight, []);
    expect(items.find((verdict) => verdict.item.id === syntheticId('b'))?.skipKind).toBe('with-reason');
    const verdict = overallVerdict(items);
    expect(verdict.kind).toBe('ready-pending-attestation');
    expect(verdict.reasons).toContain(
      'Skipped in this run, with the reason: Item b: Not rehearsed: check.b skipped: Test mode: HTTPS is required of live endpoints only.',
    );
  });

  test('a flow that did not run at all is missing evidence, not a skip with a reason', () => {
    const [verdict] = decideChecklist([checklistItem('refund-reverses-commission')], syntheticPreflight(), []);
    expect(verdict!.status).toBe('skipped');
    expect(verdict!.skipKind).toBe('not-run');
    const [skippedByTheTest] = decideChecklist([checklistItem('declines-handled')], syntheticPreflight(), [skippedDeclinesFlow()]);
    expect(skippedByTheTest!.skipKind).toBe('with-reason');
  });

  test('READY pending attestation when every automated blocking item passed (a failed warning item does not block)', () => {
    const preflight = preflightWith(
      checkResult(syntheticId('check.a'), syntheticId('a'), 'passed', 'fine'),
      checkResult(syntheticId('check.b'), syntheticId('b'), 'warning', 'B is nearly off.'),
      checkResult(syntheticId('check.w'), syntheticId('w'), 'failed', 'W is off.'),
    );
    const verdict = overallVerdict(decideChecklist(catalog, preflight, []));
    expect(verdict.kind).toBe('ready-pending-attestation');
    expect(verdict.headline).toBe(
      "READY to go live once attested: every automated blocking item passed; 1 manual item awaits the signer's attestation",
    );
    expect(verdict.reasons).toEqual(['Warning, not blocking: Item w: check.w: W is off.', 'To attest: Item m']);
  });
});

test.describe('webhooks a platform does not let the harness see delivered', () => {
  test('leave an item that passed on everything else awaiting attestation, saying what to check and why', () => {
    const purchase = purchaseFlow();
    const [verdict] = decideChecklist([checklistItem('webhooks-delivered')], undefined, [
      {
        ...purchase,
        unobservedDeliveries: [
          {
            sender: 'referral-platform',
            eventType: 'conversion.created',
            objectId: 'conv_1',
            reason: "Rewardful's API lists no webhook deliveries",
          },
        ],
      },
    ]);
    expect(verdict!.status).toBe('awaiting-attestation');
    expect(verdict!.reason).toContain('Everything the harness could see passed');
    expect(verdict!.reason).toContain('(conversion.created)');
    expect(verdict!.reason).toContain("Rewardful's API lists no webhook deliveries");
  });

  test('leave the other items the same flows decide as they are', () => {
    const purchase = purchaseFlow();
    const unseen = { sender: 'referral-platform' as const, eventType: 'conversion.created', reason: 'no delivery log' };
    const [verdict] = decideChecklist([checklistItem('payment-end-to-end')], undefined, [{ ...purchase, unobservedDeliveries: [unseen] }]);
    expect(verdict!.status).toBe('passed');
  });

  test('does not change an item whose deliveries were all seen', () => {
    const [verdict] = decideChecklist([checklistItem('webhooks-delivered')], undefined, [purchaseFlow()]);
    expect(verdict!.status).not.toBe('awaiting-attestation');
  });
});
