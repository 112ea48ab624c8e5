import type { CDPSession, Locator } from '@playwright/test';

/**
 * Types a secret (card data, an admin key) into an empty field, keeping the value out of Playwright's call log
 * and out of its trace:
 * - `locator.fill(value)` and `keyboard.insertText(value)` record the value as the call's parameter (the call log
 *   a failing test prints; the trace's `trace.trace`). This clears and focuses the field (no value involved), then
 *   inserts the text with the DevTools protocol's `Input.insertText` (what `keyboard.insertText` does inside
 *   Playwright, as one paste-like input with the page's input events), sent over a CDP session whose messages the
 *   trace does not record.
 * - The trace's DOM snapshots copy every input's `value` (`__playwright_value_`) before and after each later
 *   action. The field gets a `value` accessor that hands the real value to the page and to Playwright's own
 *   reads (which run in another JavaScript world) and "[redacted]" to the trace's snapshot streamer only.
 * It works inside iframes too (a locator from `frameLocator()`, e.g. Stripe's Payment Element): an out-of-process
 * frame gets the text through its own CDP session, an in-process one through the page's.
 * On a browser without CDP (Firefox, WebKit) it falls back to `keyboard.insertText`, which the trace records.
 * tests/src/model/target/fillSecret-trace.spec.ts checks a real trace with the leak scanner.
 */
export async function fillSecret(field: Locator, value: string, options: { timeout?: number } = {}): Promise<void> {
  await field.clear(options);
  await field.focus(options);
  await field.evaluate(hideValueFromTraceSnapshots, REDACTED_IN_TRACE, options);
  const page = field.page();
  const cdp = await cdpSessionFor(field);
  if (!cdp) {
    await page.keyboard.insertText(value);
    return;
  }
  try {
    await cdp.send('Input.insertText', { text: value });
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The CDP session that reaches the field: its frame's own when the frame runs in another process (a cross-site
 * iframe), else the page's; undefined without CDP.
 */
async function cdpSessionFor(field: Locator): Promise<CDPSession | undefined> {
  const page = field.page();
  const handle = await field.elementHandle();
  const frame = await handle?.ownerFrame();
  await handle?.dispose();
  if (frame && frame !== page.mainFrame()) {
    // Playwright refuses a frame that shares its parent's process; then the page's session reaches it.
    const own = await page
      .context()
      .newCDPSession(frame)
      .catch(() => undefined);
    if (own) return own;
  }
  return page
    .context()
    .newCDPSession(page)
    .catch(() => undefined);
}

const REDACTED_IN_TRACE = '[redacted]';

/**
 * Runs in the page (so self-contained): gives the element an own `value` accessor over the existing one (the
 * prototype's, or a framework's own, e.g. React's value tracker) that returns `mask` when read from Playwright's
 * trace snapshot streamer (`captureSnapshot` on the call stack) and the real value otherwise. Once per element.
 */
function hideValueFromTraceSnapshots(element: Element, mask: string): void {
  const marker = '__rehearsalValueHiddenFromTrace';
  const el = element as HTMLInputElement & Record<string, unknown>;
  if (el[marker]) return;
  let descriptor = Object.getOwnPropertyDescriptor(el, 'value');
  for (let proto = Object.getPrototypeOf(el); !descriptor && proto; proto = Object.getPrototypeOf(proto)) {
    descriptor = Object.getOwnPropertyDescriptor(proto, 'value');
  }
  const get = descriptor?.get;
  const set = descriptor?.set;
  if (!get || !set) return;
  // No named inner functions: tsx/esbuild would wrap them in a `__name` helper the page does not have.
  Object.defineProperty(el, 'value', {
    configurable: true,
    enumerable: descriptor?.enumerable ?? false,
    get(this: HTMLInputElement): string {
      const actual = get.call(this) as string;
      if (!actual) return actual;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      try {
        return /\bcaptureSnapshot\b/.test(new Error().stack ?? '') ? mask : actual;
      } finally {
        Error.stackTraceLimit = limit;
      }
    },
    set(this: HTMLInputElement, next: string) {
      set.call(this, next);
    },
  });
  Object.defineProperty(el, marker, { value: true });
}
