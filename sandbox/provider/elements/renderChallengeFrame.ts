import { escapeHtml } from '../hosted/renderCheckoutPage';

/** What the 3-D Secure challenge frame is rendered from. */
export interface ChallengeFrameView {
  parentOrigin: string;
  paymentIntent: string;
  clientSecret: string;
  amountText: string;
  last4: string;
  livemode: boolean;
  /** Set when there is nothing to authenticate (already answered, unknown intent). */
  unavailable?: string;
}

/**
 * The bank's 3-D Secure test page in the `stripe-challenge-frame` modal: "Complete" (`#test-source-authorize-3ds`)
 * and "Fail" (`#test-source-fail-3ds`), as Stripe's test challenge names them.
 */
export function renderChallengeFrame(view: ChallengeFrameView): string {
  const data = [
    ['parent-origin', view.parentOrigin],
    ['payment-intent', view.paymentIntent],
    ['client-secret', view.clientSecret],
  ]
    .map(([name, value]) => ` data-${name}="${escapeHtml(value ?? '')}"`)
    .join('');
  const body = view.unavailable
    ? `<p role="alert">${escapeHtml(view.unavailable)}</p>`
    : `<p>Your bank asks you to confirm the payment of <strong>${escapeHtml(view.amountText)}</strong> with the card ending in
${escapeHtml(view.last4)}.${view.livemode ? '' : ' This is a 3D Secure test page: choose the outcome.'}</p>
<button type="button" id="test-source-authorize-3ds" data-outcome="complete">Complete</button>
<button type="button" id="test-source-fail-3ds" data-outcome="fail" class="fail">Fail</button>
<p role="alert" hidden></p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>3D Secure — Dress Rehearsal sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:24px;color:#1a1f36;background:#fff}button{display:block;width:100%;margin-top:14px;padding:12px;border:0;border-radius:6px;background:#0074d4;color:#fff;font-size:16px;font-weight:600}
button.fail{background:#df1b41}[role=alert]{color:#df1b41}</style></head><body${data}>
<main data-testid="three-d-secure-challenge" aria-label="3D Secure authentication"><h1>Confirm your payment</h1>${body}</main>
<script src="/elements/challenge-frame.js"></script>
</body></html>`;
}
