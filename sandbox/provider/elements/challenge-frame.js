// The sandbox's 3-D Secure challenge frame (served at /elements/challenge-frame.js): "Complete" or "Fail" answers
// the challenge at the provider (POST /elements/three-d-secure), then tells Stripe.js on the merchant page, at the
// origin Stripe.js gave, that the challenge is over (with the customer's message when it failed).
(function () {
  'use strict';

  var body = document.body;
  var parentOrigin = body.getAttribute('data-parent-origin') || '';
  var paymentIntent = body.getAttribute('data-payment-intent') || '';
  var clientSecret = body.getAttribute('data-client-secret') || '';
  var alertBox = document.querySelector('[role=alert]');
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-outcome]'));

  function tell(message) {
    if (!parentOrigin || window.parent === window) return;
    message.source = 'stripe-challenge-frame';
    window.parent.postMessage(message, parentOrigin);
  }

  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      buttons.forEach(function (each) {
        each.disabled = true;
      });
      var params = new URLSearchParams({
        payment_intent: paymentIntent,
        client_secret: clientSecret,
        outcome: button.getAttribute('data-outcome'),
      });
      fetch('/elements/three-d-secure', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: params.toString(),
      })
        .then(function (response) {
          return response.json();
        })
        .then(
          function (json) {
            tell({ type: 'complete', error: json.error });
          },
          function () {
            buttons.forEach(function (each) {
              each.disabled = false;
            });
            if (alertBox) {
              alertBox.textContent = 'We could not reach your bank. Try again.';
              alertBox.hidden = false;
            }
          },
        );
    });
  });

  // Nothing to answer (already answered, unknown payment): let Stripe.js close the modal.
  if (buttons.length === 0) tell({ type: 'complete' });
})();
