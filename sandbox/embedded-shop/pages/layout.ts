import type { FastifyReply } from 'fastify';
import { renderDocument, type ReferralSnippet } from '../../merchant/document';
import { html, SafeHtml } from '../../merchant/html';

export interface KissaPage {
  title: string;
  body: SafeHtml;
  /** The referral platform's tracking snippet: on every storefront page. */
  snippet?: ReferralSnippet;
  /** Scripts the page needs (the checkout page's Stripe.js). */
  head?: SafeHtml;
}

const STYLE = new SafeHtml(`
  body { font-family: Georgia, 'Hiragino Mincho ProN', serif; margin: 0; color: #22301f; background: #f4f1e8; }
  header { background: #3e5c36; padding: 0.9rem 1.5rem; display: flex; gap: 1.4rem; align-items: baseline; }
  header a { color: #f4f1e8; text-decoration: none; }
  header .brand { font-size: 1.3rem; letter-spacing: 0.08em; }
  main { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
  .panel { background: #fffdf7; border: 1px solid #ddd6c3; border-radius: 4px; padding: 1.4rem 1.6rem; margin-bottom: 1.2rem; }
  .price { font-size: 1.3rem; color: #3e5c36; }
  label { display: block; margin: 0.9rem 0 0.3rem; }
  input[type=email] { padding: 0.5rem; width: 100%; max-width: 22rem; box-sizing: border-box; }
  button { background: #3e5c36; color: #fff; border: 0; border-radius: 3px; padding: 0.6rem 1.3rem; font-size: 1rem; cursor: pointer; margin-top: 0.9rem; }
  button:disabled { opacity: 0.6; cursor: wait; }
  #payment-element { margin: 1rem 0; min-height: 12rem; }
  .message:empty { display: none; }
  .message, .alert { background: #fbeeee; border-left: 4px solid #b03a2e; padding: 0.8rem 1rem; }
  .note { background: #f6f0d8; border-left: 4px solid #b8902d; padding: 0.8rem 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1.2rem; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  ul.subscriptions { list-style: none; padding: 0; }
  ul.subscriptions li { border-top: 1px solid #ddd6c3; padding: 0.8rem 0; }
`);

const NAV = html`<a class="brand" href="/"><strong>Kissa</strong></a><a href="/products/matcha-set">Matcha</a><a href="/products/sencha">Sencha</a><a href="/pricing">Tea Club</a><a href="/account">Account</a>`;

/** Sends one of Kissa's pages; never cached (order tokens and payment details are per visit). */
export function sendPage(reply: FastifyReply, statusCode: number, page: KissaPage): FastifyReply {
  const document = renderDocument({ ...page, siteName: 'Kissa tea shop', style: STYLE, nav: NAV });
  return reply.code(statusCode).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(document);
}

/** A friendly message; never a stack trace or a provider's raw error. */
export function errorBody(heading: string, message: string): SafeHtml {
  return html`
<section class="panel" data-testid="error-page">
  <h1>${heading}</h1>
  <p data-testid="error-message">${message}</p>
  <p><a href="/">Back to the tea shop</a></p>
</section>`;
}
