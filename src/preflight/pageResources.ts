import type { Browser, BrowserContext, Page, Response } from '@playwright/test';

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

/** One customer page as the scan found it: what it loaded, or why it could not be opened. */
export type CustomerPageLoad =
  | { url: string; loaded: { status: number | undefined; resources: LoadedResource[] } }
  | { url: string; error: unknown };

/**
 * Opens each of `urls` in turn as a customer with no cookies would, and returns, in the same order, every
 * document, script, XHR and fetch response each page loaded (with its body), or the error that kept it from opening.
 */
export async function loadCustomerPages(browser: Browser, urls: readonly string[]): Promise<CustomerPageLoad[]> {
  const visits = await CustomerPageVisits.open(browser);
  try {
    const loads: CustomerPageLoad[] = [];
    for (const url of urls) loads.push(await visits.load(url).then((loaded) => ({ url, loaded }), (error: unknown) => ({ url, error })));
    return loads;
  } finally {
    await visits.close();
  }
}

/**
 * One fresh browser context and one page for all the customer pages (a page per URL would start a renderer process
 * each time), cookies cleared before every page.
 */
class CustomerPageVisits {
  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {}

  static async open(browser: Browser): Promise<CustomerPageVisits> {
    const context = await browser.newContext();
    try {
      return new CustomerPageVisits(context, await context.newPage());
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /**
   * Opens `url`, waits for the page and its requests to settle, and returns every document, script, XHR and fetch
   * response it loaded, with its body. Throws when the page cannot open.
   */
  async load(url: string): Promise<{ status: number | undefined; resources: LoadedResource[] }> {
    const { page } = this;
    await this.context.clearCookies();
    const requests = new InFlightRequests();
    const pending: Array<Promise<LoadedResource | undefined>> = [];
    const onRequest = () => requests.started();
    const onRequestEnd = () => requests.ended();
    const onResponse = (response: Response) => {
      const type = response.request().resourceType();
      if (!SCANNED_TYPES.has(type)) return;
      pending.push(
        response.text().then(
          (body) => ({ url: response.url(), type, status: response.status(), body }),
          () => undefined, // a redirect or an aborted response has no body
        ),
      );
    };
    page.on('request', onRequest);
    page.on('requestfinished', onRequestEnd);
    page.on('requestfailed', onRequestEnd);
    page.on('response', onResponse);
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
      await requests.settled(SETTLE_TIMEOUT_MS);
      const resources = (await Promise.all(pending)).filter((resource): resource is LoadedResource => resource !== undefined);
      return { status: response?.status(), resources };
    } finally {
      page.off('request', onRequest);
      page.off('requestfinished', onRequestEnd);
      page.off('requestfailed', onRequestEnd);
      page.off('response', onResponse);
    }
  }

  async close(): Promise<void> {
    await this.context.close();
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
