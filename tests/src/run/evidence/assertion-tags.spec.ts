import { expect, test, type TestInfo } from '@playwright/test';
import { CHECKLIST } from '../../../../src/model/checklist/catalogue';
import { EvidenceRecorder } from '../../../../src/run/evidence/evidenceRecorder';
import type { FlowRecord } from '../../../../src/run/evidence/flowRecord';
import { FlowRecorder } from '../../../../src/run/evidence/flowRecorder';
import { decideChecklist } from '../../../../src/reporting/signoff/decideChecklist';
import { overallVerdict } from '../../../../src/reporting/signoff/overallVerdict';

/* A failure fails only what it disproves: assertions tagged with their own checklist item (evidence.check). */

function recorderIn(testInfo: TestInfo): { flow: FlowRecorder; evidence: EvidenceRecorder } {
  const flow = new FlowRecorder({ runId: 'rh-run', testRunId: 'rh-run-w0-1', runDir: testInfo.outputPath('rh-run') });
  return { flow, evidence: new EvidenceRecorder(testInfo, flow) };
}

function recordOf(flow: FlowRecorder, name: string): FlowRecord {
  // Every provider call of the flow carried a request id: the request-id item has its own evidence.
  flow.providerRequest({ method: 'POST', path: '/v1/checkout/sessions', status: 200, requestId: 'req_1', at: Date.now(), elapsedMs: 40 });
  return flow.toRecord({
    flow: name,
    title: name,
    file: `scenarios/${name}.spec.ts`,
    outcome: { status: 'failed', error: 'second charge' },
  });
}

function verdictOf(records: FlowRecord[], id: string) {
  const verdict = decideChecklist(CHECKLIST, undefined, records).find((candidate) => candidate.item.id === id);
  return verdict!;
}

test('a double charge fails no-double-charge only: the request-id item of the same step is decided by its own evidence', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  const failure = await evidence
    .step(
      '5. Exactly one charge for the run',
      async () => {
        await evidence.check('no-double-charge', () => {
          throw new Error('2 payments of the run went through: a second charge.');
        });
      },
      { checklist: ['no-double-charge', 'request-ids-logged'] },
    )
    .catch((error: unknown) => error);
  expect((failure as Error).message).toContain('second charge');

  const record = recordOf(flow, 'duplicate-submit');
  expect(record.steps[0]).toMatchObject({
    status: 'failed',
    failedItems: ['no-double-charge'],
    error: '2 payments of the run went through: a second charge.',
  });

  expect(verdictOf([record], 'no-double-charge')).toMatchObject({
    status: 'failed',
    reason: 'duplicate-submit › 5. Exactly one charge for the run: 2 payments of the run went through: a second charge.',
  });
  const requestIds = verdictOf([record], 'request-ids-logged');
  expect(requestIds.status, 'the request ids were all there: a double charge disproves nothing of them').toBe('passed');
  expect(requestIds.warnings).toContain(
    'Not rehearsed: duplicate-submit › 5. Exactly one charge for the run stopped at a failure of no-double-charge before it decided this item.',
  );
});

test('an item whose own assertion did not get to run is not decided by the step: neither passed nor failed', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  await evidence
    .step(
      '2. Subscribe → subscription active; invoice.paid delivered',
      async () => {
        await evidence.check('webhooks-delivered', () => {
          throw new Error('invoice.paid was not delivered to the shop within 10 s.');
        });
        await evidence.check('subscription-lifecycle', () => undefined);
      },
      { checklist: ['subscription-lifecycle', 'webhooks-delivered'] },
    )
    .catch(() => undefined);
  const record = recordOf(flow, 'subscribe-renew-cancel');

  expect(verdictOf([record], 'webhooks-delivered').status).toBe('failed');
  const lifecycle = verdictOf([record], 'subscription-lifecycle');
  expect(lifecycle).toMatchObject({ status: 'skipped', skipKind: 'not-run' });
  expect(lifecycle.reason).toContain('stopped at a failure of webhooks-delivered before it decided this item');
  expect(overallVerdict([lifecycle]).kind, 'an undecided blocking item is never READY').toBe('incomplete');
});

test('an untagged failure still fails every item of its step', async ({}, testInfo) => {
  const { flow, evidence } = recorderIn(testInfo);
  await evidence
    .step(
      '5. Exactly one charge for the run',
      async () => {
        throw new Error('The success page never showed.');
      },
      { checklist: ['no-double-charge', 'request-ids-logged'] },
    )
    .catch(() => undefined);
  const record = recordOf(flow, 'duplicate-submit');
  expect(record.steps[0]!.failedItems).toBeUndefined();
  expect(verdictOf([record], 'no-double-charge').status).toBe('failed');
  expect(verdictOf([record], 'request-ids-logged').status).toBe('failed');
});

test('tagging an item the step does not decide, or tagging outside a step, throws instead of deciding nothing', async ({}, testInfo) => {
  const { evidence } = recorderIn(testInfo);
  const outside = await evidence.check('no-double-charge', () => 'ran').catch((error: unknown) => error);
  expect((outside as Error).message).toBe(
    'evidence.check(no-double-charge) is outside any step: call it inside evidence.step(…, { checklist }).',
  );

  const wrong = await evidence
    .step('5. Exactly one charge', async () => evidence.check('declines-handled', () => 'ran'), { checklist: ['no-double-charge'] })
    .catch((error: unknown) => error);
  expect((wrong as Error).message).toBe(
    "evidence.check(declines-handled) is inside a step not tagged with it: add declines-handled to the step's checklist.",
  );
  expect(
    await evidence.step('5. Exactly one charge', async () => evidence.check('no-double-charge', () => 'ran'), {
      checklist: ['no-double-charge'],
    }),
  ).toBe('ran');
});
