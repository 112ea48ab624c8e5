import { expect, test } from '@playwright/test';
import { errorLine } from '../../../../src/run/evidence/errorLine';
import { clipToSentences } from '../../../../src/run/evidence/wholeSentences';
import { firstLine } from '../../../../src/reporting/signoff/text';

/** What an Express merchant answers for a route it does not have: its default 404 page. */
const EXPRESS_404 =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n' +
  '<pre>Cannot POST /create-portal-session</pre>\n</body>\n</html>\n';

test('an error quoting an HTML page keeps what the page says, not "<!DOCTYPE html>"', () => {
  const error = new Error(`The shop's portal call POST /create-portal-session answered 404: ${EXPRESS_404}`);
  expect(errorLine(error)).toBe("The shop's portal call POST /create-portal-session answered 404: Cannot POST /create-portal-session");
});

test('a page with no body text is named by its title, or as a page with no text', () => {
  expect(errorLine(new Error('answered 502: <!doctype html><html><head><title>Bad gateway</title></head><body></body></html>'))).toBe(
    'answered 502: Bad gateway',
  );
  expect(errorLine(new Error('answered 500: <html><body><script>boot()</script></body></html>'))).toBe(
    'answered 500: an HTML page with no text',
  );
});

test('a sentence wrapped onto the next line is kept whole; a log or stack below it is not', () => {
  expect(
    errorLine(new Error('The shop answered 500 while the customer\nwas paying for order 42.\nCall log:\n  - waiting for locator')),
  ).toBe('The shop answered 500 while the customer was paying for order 42.');
  expect(errorLine(new Error("locator.click: Timeout 10000ms exceeded.\nCall log:\n  - waiting for getByRole('button')"))).toBe(
    'locator.click: Timeout 10000ms exceeded.',
  );
  expect(errorLine(new Error('the order total\n\nExpected: 2000\nReceived: 200000'))).toBe(
    'the order total (Expected: 2000, Received: 200000)',
  );
});

test('a line too long is cut after a whole sentence, never inside 20.00, a URL or an abbreviation', () => {
  const first = 'The charge is 20.00 USD at https://shop.example/orders/a.b (e.g. in version 2.3.1), not 2000.00 USD.';
  const long = `${first} ${'Another sentence follows here. '.repeat(20)}`.trim();
  const line = errorLine(new Error(long));
  expect(line.length).toBeLessThanOrEqual(500);
  expect(line.startsWith(first)).toBe(true);
  expect(line).toMatch(/here\.$/);
  expect(firstLine(long), 'the sign-off keeps whole sentences too').toMatch(
    /^The charge is 20\.00 USD at https:\/\/shop\.example\/orders\/a\.b .*here\.$/,
  );
  // One sentence longer than the limit is still kept whole, up to twice the limit.
  const oneSentence = `The shop answered ${'very '.repeat(70)}slowly.`;
  expect(clipToSentences(oneSentence, 300)).toBe(oneSentence);
  expect(clipToSentences('x'.repeat(700), 300)).toBe(`${'x'.repeat(299)}…`);
});
