import { pollUntil } from '../polling/pollUntil';
import type { ExpectationContext } from './expectationContext';

/**
 * A merchant page (read through the target's flows) shows the expected text, e.g. the account page showing a
 * subscription canceled. Merchants update such pages from webhooks, so it is read again until it does.
 */
export async function expectMerchantShows(
  read: () => Promise<string>,
  expected: { what: string; page: string; text: string },
  { evidence, timeoutMs }: ExpectationContext,
): Promise<string> {
  const { value } = await pollUntil({
    what: `${expected.what} shown as "${expected.text}"`,
    where: `the merchant's ${expected.page}`,
    timeoutMs,
    check: async (note) => {
      const shown = await read();
      note(`the ${expected.page} still showing "${shown}"`);
      // The merchant's own words, in its own letter case: "Active" is active.
      return shown.trim().toLowerCase() === expected.text.toLowerCase() ? shown : undefined;
    },
  });
  await evidence.attachJson(`${expected.page}: ${expected.what}`, { shown: value });
  return value;
}
