import { SafeHtml } from '../../merchant/html';

/**
 * The demo shop's own glue for Rewardful, in the head of its storefront pages: when a form is submitted, the referral
 * id Rewardful's script exposes (`Rewardful.referral`, '' when the visitor came through no affiliate link) goes with it
 * in a hidden `referral` field, which the server passes to Stripe as `client_reference_id`. Rewardful's docs: "use
 * our JavaScript API to send the referral ID (Rewardful.referral) from the web browser to your server […] or insert
 * Rewardful's hidden input within a form" (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout,
 * https://developers.rewardful.com/javascript-api/overview). A blank referral adds nothing (Stripe refuses a blank
 * `client_reference_id`). Plain ES5, no dependency, capture phase: it runs before the form is sent.
 */
export const REWARDFUL_REFERRAL_GLUE = new SafeHtml(`<script>
document.addEventListener('submit', function (event) {
  var form = event.target;
  var referral = window.Rewardful && window.Rewardful.referral;
  if (!form || !form.querySelector || typeof referral !== 'string' || !referral) return;
  var input = form.querySelector('input[name="referral"]');
  if (!input) {
    input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'referral';
    form.appendChild(input);
  }
  input.value = referral;
}, true);
</script>`);
