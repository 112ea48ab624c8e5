import type { Locator } from '@playwright/test';

/**
 * Types a secret (card data, an admin key) into an empty field. `locator.fill(value)` writes `fill("<value>")`
 * into Playwright's call log, which a failing test prints and the report keeps; this clears and focuses the
 * field (which logs no value), then inserts the text as one paste-like input.
 */
export async function fillSecret(field: Locator, value: string, options: { timeout?: number } = {}): Promise<void> {
  await field.clear(options);
  await field.focus(options);
  await field.page().keyboard.insertText(value);
}
