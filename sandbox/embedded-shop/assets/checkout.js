// Kissa's checkout page: mounts the provider's Payment Element and confirms the payment intent with its client
// secret when the customer presses the shop's own Pay button. On success Stripe.js leaves for the return URL; on
// failure it answers { error } and the message is shown here, so the customer can correct the card and pay again.
(function () {
  'use strict';
  var form = document.getElementById('payment-form');
  if (!form || typeof window.Stripe !== 'function') return;
  var button = document.getElementById('pay-button');
  var message = form.querySelector('[data-testid=payment-message]');
  var stripe = window.Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  elements.create('payment').mount('#payment-element');
  var paying = false;

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (paying) return; // a double click confirms once
    paying = true;
    button.disabled = true;
    message.textContent = '';
    stripe
      .confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.returnUrl } })
      .then(
        function (result) {
          // Only reached when the payment did not go through (on success the browser is on its way to return_url).
          if (result && result.error) message.textContent = result.error.message || 'Your payment did not go through. Please try again.';
        },
        function () {
          message.textContent = 'We could not reach the payment provider. Please try again.';
        },
      )
      .then(function () {
        paying = false;
        button.disabled = false;
      });
  });
})();
