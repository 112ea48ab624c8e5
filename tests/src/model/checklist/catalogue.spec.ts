import { test, expect } from '@playwright/test';
import { CHECKLIST, checklistItem, isChecklistItemId, type ChecklistItemId } from '../../../../src/model/checklist/catalogue';
import { FLOW_IDS } from '../../../../src/model/checklist/flowIds';

test('every item id is unique and kebab-case', () => {
  const ids = CHECKLIST.map((item) => item.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('an item is decided one way: by the operator (manual) or by checks, flows or its own rules', () => {
  for (const item of CHECKLIST) {
    const automated = (item.checks?.length ?? 0) + (item.flows?.length ?? 0) + (item.rules?.length ?? 0) > 0;
    expect(automated !== (item.manual !== undefined), item.id).toBe(true);
  }
});

test('every flow an item names is a rehearsed flow', () => {
  for (const item of CHECKLIST) {
    for (const flow of item.flows ?? []) expect(FLOW_IDS, `${item.id} names ${flow}`).toContain(flow);
  }
});

test('an id read from a file is checked at run time: unknown ids are refused, naming the known ones', () => {
  expect(isChecklistItemId('keys-valid-for-mode')).toBe(true);
  expect(isChecklistItemId('keys-valid-for-mod')).toBe(false);
  expect(() => checklistItem('keys-valid-for-mod' as ChecklistItemId)).toThrow(
    /Unknown checklist item "keys-valid-for-mod"\. Known items: keys-valid-for-mode, /,
  );
});

test("a platform's own go-live items apply only on that platform; the others are listed as not in this rehearsal", async () => {
  const { outOfScope } = await import('../../../../src/model/checklist/rehearsalScope');
  const withProgramme = { capabilities: {} };
  const platformItems = (name: string) => CHECKLIST.filter((item) => item.platform === name).map((item) => item.id);
  expect(platformItems('rewardful').length).toBeGreaterThan(0);
  expect(platformItems('dub').length).toBeGreaterThan(0);
  for (const item of CHECKLIST.filter((one) => one.platform === 'rewardful' || one.platform === 'dub')) {
    expect(item.referralProgramme, item.id).toBe(true);
    expect(item.sourceDetail, item.id).toMatch(/https?:\/\//);
  }

  const ours = outOfScope(withProgramme);
  expect(ours.flatMap((scope) => scope.items).sort()).toEqual([...platformItems('rewardful'), ...platformItems('dub')].sort());
  expect(ours[0]!.reason).toBe(
    "a go-live step for Rewardful only, and this rehearsal's referral platform is Dress Rehearsal's referral API",
  );

  const rewardful = outOfScope({ ...withProgramme, referralPlatform: 'rewardful' });
  expect(rewardful.flatMap((scope) => scope.items).sort()).toEqual(['tracking-snippet-key', ...platformItems('dub')].sort());
  // rehearsal.config.ts / REFERRAL_PLATFORM win over the target's own choice.
  const dub = outOfScope({ ...withProgramme, referralPlatform: 'rewardful' }, CHECKLIST, 'dub');
  expect(dub.flatMap((scope) => scope.items)).toEqual(expect.arrayContaining(platformItems('rewardful')));
  expect(dub.flatMap((scope) => scope.items)).not.toContain('dub-script-installed');
  // A payment-only merchant: every referral item, the platforms' included, for that one reason.
  const paymentOnly = outOfScope({ capabilities: { referralProgramme: false } });
  expect(paymentOnly).toHaveLength(1);
  expect(paymentOnly[0]!.items).toEqual(expect.arrayContaining([...platformItems('rewardful'), ...platformItems('dub')]));
});
