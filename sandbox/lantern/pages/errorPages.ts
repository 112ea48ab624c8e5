import { html, page } from '../html';

export function notFoundPage(): string {
  return page(
    'Page not found',
    html`<h1>Page not found</h1>
<p>There is no page at this address.</p>
<p><a href="/">Back to the shop</a></p>`,
  );
}

export function formExpiredPage(): string {
  return page(
    'Form expired',
    html`<h1>This form has expired</h1>
<p class="problem" role="alert">The page you ordered from is too old. Nothing was charged.</p>
<p><a href="/">Back to the shop</a></p>`,
  );
}

export function providerUnavailablePage(): string {
  return page(
    'Payments unavailable',
    html`<h1>Payments are unavailable right now</h1>
<p class="problem" role="alert">We could not reach our payment provider. Please try again in a few minutes.</p>
<p><a href="/">Back to the shop</a></p>`,
  );
}

export function unavailablePage(title: string, message: string): string {
  return page(
    title,
    html`<h1>${title}</h1>
<p class="problem" role="alert">${message}</p>
<p><a href="/">Back to the shop</a></p>`,
  );
}

export function serverErrorPage(): string {
  return page(
    'Something went wrong',
    html`<h1>Something went wrong</h1>
<p>We are sorry: the shop could not answer this request. Please try again in a moment.</p>
<p><a href="/">Back to the shop</a></p>`,
  );
}

export function methodNotAllowedPage(): string {
  return page(
    'Not allowed',
    html`<h1>Not allowed</h1>
<p>This address does not accept that kind of request.</p>
<p><a href="/">Back to the shop</a></p>`,
  );
}
