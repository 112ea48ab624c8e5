import type { Browser } from '@playwright/test';

/** A response a customer's browser received while opening a page, with its body as text. */
export interface LoadedResource {
  url: string;
  /** Playwright's resource type: document, script, xhr or fetch. */
  type: string;
  status: number;
  body: string;
}

/** The responses whose bodies can carry a key into the customer's browser. */
const SCANNED_TYPES = new Set(['document', 'script', 'xhr', 'fetch']);
const PAGE_TIMEOUT_MS = 15_000;
/** After `load`, how long the page's own late requests (the tracking snippet's, say) may take to finish. */
const SETTLE_TIMEOUT_MS = 5_000;

/**
 * Opens `url` in a fresh browser context (no cookies) as a customer would, waits for the page and its requests to
 * settle, and returns every document, script, XHR and fetch response with its body. Throws when the page cannot open.
 */
export async function loadPageResources(browser: Browser, url: string): Promise<{ status: number | undefined; resources: LoadedResource[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const requests = new InFlightRequests();
    page.on('request', () => requests.started());
    page.on('requestfinished', () => requests.ended());
    page.on('requestfailed', () => requests.ended());
    const pending: Array<Promise<LoadedResource | undefined>> = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (!SCANNED_TYPES.has(type)) return;
      pending.push(
        response.text().then(
          (body) => ({ url: response.url(), type, status: response.status(), body }),
          () => undefined, // a redirect or an aborted response has no body
        ),
      );
    });
    const response = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    await requests.settled(SETTLE_TIMEOUT_MS);
    const resources = (await Promise.all(pending)).filter((resource): resource is LoadedResource => resource !== undefined);
    return { status: response?.status(), resources };
  } finally {
    await context.close();
  }
}

/** Counts the page's requests still running, so the scan waits for late ones without a fixed pause. */
class InFlightRequests {
  private running = 0;
  private waiters: Array<() => void> = [];

  started(): void {
    this.running += 1;
  }

  ended(): void {
    this.running = Math.max(0, this.running - 1);
    if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once no request is running, or after `timeoutMs` (a page that never settles is scanned as it is). */
  settled(timeoutMs: number): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
