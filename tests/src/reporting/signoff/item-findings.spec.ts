import { test, expect } from '@playwright/test';
import { checklistItem } from '../../../../src/model/checklist/catalogue';
import { decideChecklistItems } from '../../../../src/reporting/signoff/decideChecklist';
import { passedFlow, passingPreflight, skippedFlow } from './syntheticRun';

test('deciding gives findings as data: the rule an item declares finds a provider call without a request id', () => {
  const record = {
    ...passedFlow('declines', 'rh-1-declines', []),
    providerRequests: [
      { method: 'POST', path: '/v1/refunds', status: 200, requestId: 'req_1', at: 1_100, elapsedMs: 50 },
      { method: 'GET', path: '/v1/payment_intents/pi_1', status: 200, at: 1_200, elapsedMs: 30 },
    ],
  };
  const [decision] = decideChecklistItems([checklistItem('request-ids-logged')], passingPreflight(), [record]);
  expect(decision!.status).toBe('failed');
  expect(decision!.findings.failures).toEqual([
    {
      kind: 'calls-without-request-id',
      withoutId: 1,
      total: 2,
      first: { method: 'GET', path: '/v1/payment_intents/pi_1', flow: 'declines' },
    },
  ]);
  expect(decision!.findings.passes.checks).toEqual(['provider.request-ids']);
  // The flow recorded calls, so it decides the item without a tagged step: no gap for it.
  expect(decision!.findings.gaps.filter((gap) => gap.kind === 'flow-tagged-no-step')).toEqual([]);
});

test('an item nothing decided is skipped with the cause its gaps carry: the target cannot run the flow', () => {
  const flows = [skippedFlow('declines', 'rh-1-declines', 'the target has no declines flow', { targetGap: true })];
  const [decision] = decideChecklistItems([checklistItem('declines-handled')], passingPreflight(), flows);
  expect(decision).toMatchObject({ status: 'skipped', skipKind: 'target-gap' });
  expect(decision!.findings.gaps).toEqual([
    { kind: 'flow-skipped', flow: 'declines', reason: 'the target has no declines flow', cause: 'target-gap' },
  ]);
});

test('an item of checklist.skip is left out, with what ran for it still found', () => {
  const [decision] = decideChecklistItems([checklistItem('keys-valid-for-mode')], passingPreflight(), [], {
    skipItems: ['keys-valid-for-mode'],
  });
  expect(decision).toMatchObject({ status: 'skipped', skipKind: 'with-reason', leftOut: { by: 'checklist-skip' } });
  expect(decision!.findings.passes.checks).toEqual(['keys.authenticate', 'keys.mode']);
});
