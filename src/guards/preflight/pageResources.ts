import type { Browser, BrowserContext, Page, Request, Response } from '@playwright/test';

/** A response a customer's browser received while opening a page, with its body as text. */
export interface LoadedResource {
  url: string;
  /** Playwright's resource type: document, script, xhr or fetch. */
  type: string;
  status: number;
  body: string;
}

/**
 * A resource of a scanned type the page asked for but did not get: the request failed (unreachable, blocked,
 * aborted) or the server answered an HTTP error. Its content was not scanned as the customer would get it.
 */
export interface FailedResource {
  url: string;
  type: string;
  /** The HTTP status of an error answer; absent when no answer came. */
  status?: number;
  /** Why the request failed, as the browser says it (net::ERR_…), when no answer came. */
  error?: string;
}

/** What one customer page loaded: its own status, every response scanned, and the resources that failed. */
export interface LoadedPage {
  status: number | undefined;
  resources: LoadedResource[];
  failed: FailedResource[];
}

/** The responses whose bodies can carry a key into the customer's browser. */
const SCANNED_TYPES = new Set(['document', 'script', 'xhr', 'fetch']);
const PAGE_TIMEOUT_MS = 15_000;
/** After `load`, how long the page's own late requests (the tracking snippet's, say) may take to finish. */
const SETTLE_TIMEOUT_MS = 5_000;

/** One customer page as the scan found it: what it loaded, or why it could not be opened. */
export type CustomerPageLoad = { url: string; loaded: LoadedPage } | { url: string; error: unknown };

/**
 * Opens each of `urls` in turn as a customer with no cookies would, and returns, in the same order, every
 * document, script, XHR and fetch response each page loaded (with its body), or the error that kept it from opening.
 */
export async function loadCustomerPages(browser: Browser, urls: readonly string[]): Promise<CustomerPageLoad[]> {
  const visits = await CustomerPageVisits.open(browser);
  try {
    const loads: CustomerPageLoad[] = [];
    for (const url of urls)
      loads.push(
        await visits.load(url).then(
          (loaded) => ({ url, loaded }),
          (error: unknown) => ({ url, error }),
        ),
      );
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
   * response it loaded, with its body, and those of these types that failed (no answer, or an HTTP error other than
   * the page's own status). Throws when the page cannot open.
   */
  async load(url: string): Promise<LoadedPage> {
    const { page } = this;
    await this.context.clearCookies();
    const requests = new InFlightRequests();
    const pending: Array<Promise<LoadedResource | undefined>> = [];
    const failed: FailedResource[] = [];
    const onRequest = () => requests.started();
    const onRequestEnd = () => requests.ended();
    const onRequestFailed = (request: Request) => {
      requests.ended();
      const type = request.resourceType();
      if (SCANNED_TYPES.has(type)) failed.push({ url: request.url(), type, error: request.failure()?.errorText ?? 'failed' });
    };
    const onResponse = (response: Response) => {
      const type = response.request().resourceType();
      if (!SCANNED_TYPES.has(type)) return;
      const isPage = response.request().isNavigationRequest() && response.frame() === page.mainFrame();
      if (response.status() >= 400 && !isPage) failed.push({ url: response.url(), type, status: response.status() });
      pending.push(
        response.text().then(
          (body) => ({ url: response.url(), type, status: response.status(), body }),
          () => undefined, // a redirect or an aborted response has no body
        ),
      );
    };
    page.on('request', onRequest);
    page.on('requestfinished', onRequestEnd);
    page.on('requestfailed', onRequestFailed);
    page.on('response', onResponse);
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
      await requests.settled(SETTLE_TIMEOUT_MS);
      const resources = (await Promise.all(pending)).filter((resource): resource is LoadedResource => resource !== undefined);
      return { status: response?.status(), resources, failed: onceEach(failed) };
    } finally {
      page.off('request', onRequest);
      page.off('requestfinished', onRequestEnd);
      page.off('requestfailed', onRequestFailed);
      page.off('response', onResponse);
    }
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/**
 * Each failed URL once: an HTTP error answer the browser then also reports as a failed request (it refuses a script
 * served as an error page) is named by its answer.
 */
function onceEach(failed: FailedResource[]): FailedResource[] {
  const byUrl = new Map<string, FailedResource>();
  for (const resource of failed) {
    const known = byUrl.get(resource.url);
    if (!known || (known.status === undefined && resource.status !== undefined)) byUrl.set(resource.url, resource);
  }
  return [...byUrl.values()];
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

/**
 * How the scan names a failed resource: its host when it is on another origin than the page ("js.stripe.com"), its
 * path when it is the site's own ("/assets/app.js"); an HTTP error adds its status ("/assets/app.js (404)").
 */
export function failedResourceName(resource: FailedResource, pageUrl: string): string {
  let name = resource.url;
  try {
    const url = new URL(resource.url);
    name = url.origin === new URL(pageUrl).origin ? url.pathname : url.host;
  } catch {
    // not a URL the browser could parse: named as it is
  }
  return resource.status !== undefined ? `${name} (${resource.status})` : name;
}
