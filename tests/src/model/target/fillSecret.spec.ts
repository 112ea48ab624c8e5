import { test, expect } from '@playwright/test';
import { fillSecret } from '../../../../src/model/target/fillSecret';

const CARD_NUMBER = '4242424242424242';

test('types the secret into the field', async ({ page }) => {
  await page.setContent('<input name="cardNumber" value="old">');
  const field = page.locator('input[name=cardNumber]');
  await fillSecret(field, CARD_NUMBER);
  await expect(field).toHaveValue(CARD_NUMBER);
});

test('a field it cannot type into fails without the secret in the error', async ({ page }) => {
  await page.setContent('<input name="cardNumber" disabled>');
  const field = page.locator('input[name=cardNumber]');

  // field.fill(CARD_NUMBER) would fail with `- fill("4242424242424242")` in its call log.
  const error = await fillSecret(field, CARD_NUMBER, { timeout: 300 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).not.toContain(CARD_NUMBER);
});
