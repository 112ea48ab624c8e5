import { test, expect } from '@playwright/test';
import { CHECKLIST, checklistItem, type ChecklistItemId } from '../../../../src/model/checklist/catalogue';
import { decideChecklist } from '../../../../src/reporting/signoff/decideChecklist';
import { overallVerdict } from '../../../../src/reporting/signoff/overallVerdict';
import { checkResult, purchaseFlow, syntheticPreflight } from './syntheticRun';

const REASON = "Not in this rehearsal's checklist (rehearsal.config.ts).";

test('an item of checklist.skip is skipped with the reason, never counted as missing evidence', () => {
  // Without the skip, api-version-pinned fails (synthetic preflight) and the unrun flows make items incomplete.
  const preflight = {
    ...syntheticPreflight(),
    results: syntheticPreflight().results.filter((result) => result.item !== 'api-version-pinned'),
  };
  const without = decideChecklist(CHECKLIST, preflight, [purchaseFlow()]);
  const notRehearsed = without.filter(
    (verdict) => verdict.status === 'skipped' && verdict.skipKind === 'not-run' && verdict.item.severity === 'blocking',
  );
  expect(notRehearsed.length, 'the synthetic run leaves blocking items unrehearsed').toBeGreaterThan(0);
  expect(overallVerdict(without).kind).toBe('incomplete');

  const skip: ChecklistItemId[] = ['api-version-pinned', ...notRehearsed.map((verdict) => verdict.item.id)];
  const items = decideChecklist(CHECKLIST, preflight, [purchaseFlow()], { skipItems: skip });
  for (const id of skip) {
    const verdict = items.find((candidate) => candidate.item.id === id)!;
    expect(verdict, id).toMatchObject({ status: 'skipped', skipKind: 'with-reason', reason: REASON });
  }
  const verdict = overallVerdict(items);
  expect(verdict.kind).not.toBe('incomplete');
  expect(verdict.blockingSkipped).toEqual([]);
  expect(verdict.reasons).toContain(`Skipped in this run, with the reason: ${checklistItem('api-version-pinned').title}: ${REASON}`);
});

test('a manual item of checklist.skip awaits no attestation', () => {
  const [verdict] = decideChecklist([checklistItem('payout-account-verified')], syntheticPreflight(), [], {
    skipItems: ['payout-account-verified'],
  });
  expect(verdict).toMatchObject({ status: 'skipped', skipKind: 'with-reason', reason: REASON, evidence: [] });
  expect(overallVerdict([verdict!]).awaitingAttestation).toEqual([]);
});

test('what ran anyway for a skipped item stays linked, and its failures show as warnings', () => {
  const preflight = {
    ...syntheticPreflight(),
    results: [checkResult('keys.mode', 'keys-valid-for-mode', 'failed', 'The referral key is live in a test run.')],
  };
  const [verdict] = decideChecklist([checklistItem('keys-valid-for-mode')], preflight, [], { skipItems: ['keys-valid-for-mode'] });
  expect(verdict!.status).toBe('skipped');
  expect(verdict!.warnings).toEqual(['Ran anyway and failed: keys.mode: The referral key is live in a test run.']);
  expect(verdict!.evidence).toContainEqual({ label: 'Preflight check keys.mode: failed', href: 'evidence/preflight.json#keys.mode' });
});

test('items outside checklist.skip are decided as before', () => {
  const preflight = syntheticPreflight();
  const plain = decideChecklist(CHECKLIST, preflight, [purchaseFlow()]);
  const withSkip = decideChecklist(CHECKLIST, preflight, [purchaseFlow()], { skipItems: ['payout-account-verified'] });
  expect(withSkip.filter((verdict) => verdict.item.id !== 'payout-account-verified')).toEqual(
    plain.filter((verdict) => verdict.item.id !== 'payout-account-verified'),
  );
});
