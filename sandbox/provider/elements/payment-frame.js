// The sandbox Payment Element's frame (served by the provider at /elements/payment-frame.js).
// It holds the card inputs, checks them as Stripe's element does, and on the merchant page's "confirm" sends the
// card to the provider itself (POST /v1/payment_intents/:id/confirm with the publishable key and client secret):
// the card never passes through the merchant's page. It talks only to the window that embeds it, at the origin
// Stripe.js gave, and answers by postMessage. It never logs what is typed.
(function () {
  'use strict';

  var body = document.body;
  var parentOrigin = body.getAttribute('data-parent-origin') || '';
  var publishableKey = body.getAttribute('data-key') || '';
  var clientSecret = body.getAttribute('data-client-secret') || '';
  var intentId = clientSecret.split('_secret_')[0];
  var declineMessages = JSON.parse(body.getAttribute('data-decline-messages') || '{}');
  var POSTAL_CODE_COUNTRIES = ['US', 'GB', 'CA'];

  var inputs = {
    number: document.getElementById('Field-numberInput'),
    expiry: document.getElementById('Field-expiryInput'),
    cvc: document.getElementById('Field-cvcInput'),
    country: document.getElementById('Field-countryInput'),
    postalCode: document.getElementById('Field-postalCodeInput'),
  };
  var postalCodeField = document.getElementById('postal-code-field');
  var postalCodeLabel = document.getElementById('postal-code-label');
  var alertBox = document.getElementById('payment-error');
  var unavailable = !alertBox.hidden;
  var busy = false;

  // The embedding page must be the one Stripe.js named (Chromium and WebKit say who embeds the frame).
  var ancestors = window.location.ancestorOrigins;
  var embeddedAsTold = window.parent !== window && (!ancestors || ancestors.length === 0 || ancestors[0] === parentOrigin);

  function send(message) {
    if (!parentOrigin || !embeddedAsTold) return;
    message.source = 'stripe-payment-frame';
    window.parent.postMessage(message, parentOrigin);
  }

  function digitsOf(text) {
    return String(text || '').replace(/\D/g, '');
  }

  function luhnValid(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var digit = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    return digits.length >= 13 && sum % 10 === 0;
  }

  function expectedLength(digits) {
    if (/^3[47]/.test(digits)) return 15;
    if (/^3(0[0-5]|[689])/.test(digits)) return 14;
    return 16;
  }

  function postalCodeNeeded() {
    return POSTAL_CODE_COUNTRIES.indexOf(inputs.country.value) !== -1;
  }

  function showPostalCode() {
    postalCodeField.hidden = !postalCodeNeeded();
    postalCodeLabel.textContent = inputs.country.value === 'US' ? 'ZIP code' : 'Postal code';
  }

  function parseExpiry(text) {
    var digits = digitsOf(text);
    if (digits.length !== 4 && digits.length !== 6) return null;
    var month = Number(digits.slice(0, 2));
    var year = digits.length === 4 ? 2000 + Number(digits.slice(2)) : Number(digits.slice(2));
    return { month: month, year: year };
  }

  /** The first problem Stripe's element would point at, with its code and message; null when complete. */
  function problem() {
    var number = digitsOf(inputs.number.value);
    if (number.length === 0 || number.length < Math.min(expectedLength(number), 13)) {
      return { code: 'incomplete_number', message: 'Your card number is incomplete.', field: 'number' };
    }
    if (!luhnValid(number)) return { code: 'invalid_number', message: 'Your card number is invalid.', field: 'number' };
    var expiry = parseExpiry(inputs.expiry.value);
    if (!expiry) return { code: 'incomplete_expiry', message: "Your card's expiration date is incomplete.", field: 'expiry' };
    if (expiry.month < 1 || expiry.month > 12)
      return { code: 'invalid_expiry_month', message: "Your card's expiration date is invalid.", field: 'expiry' };
    var now = new Date();
    if (expiry.year < now.getFullYear())
      return { code: 'invalid_expiry_year_past', message: "Your card's expiration year is in the past.", field: 'expiry' };
    if (expiry.year === now.getFullYear() && expiry.month < now.getMonth() + 1) {
      return { code: 'invalid_expiry_month_past', message: "Your card's expiration date is in the past.", field: 'expiry' };
    }
    var cvc = digitsOf(inputs.cvc.value);
    if (cvc.length < 3) return { code: 'incomplete_cvc', message: "Your card's security code is incomplete.", field: 'cvc' };
    if (postalCodeNeeded() && inputs.postalCode.value.trim() === '') {
      var us = inputs.country.value === 'US';
      return { code: 'incomplete_zip', message: us ? 'Your ZIP is incomplete.' : 'Your postal code is incomplete.', field: 'postalCode' };
    }
    return null;
  }

  function isEmpty() {
    return ['number', 'expiry', 'cvc', 'postalCode'].every(function (name) {
      return inputs[name].value.trim() === '';
    });
  }

  function showError(message, field) {
    Object.keys(inputs).forEach(function (name) {
      inputs[name].setAttribute('aria-invalid', name === field ? 'true' : 'false');
    });
    alertBox.textContent = message || '';
    alertBox.hidden = !message;
    reportSize();
  }

  function reportSize() {
    send({ type: 'resize', height: Math.ceil(document.documentElement.getBoundingClientRect().height) });
  }

  function reportChange() {
    send({ type: 'change', complete: problem() === null, empty: isEmpty() });
  }

  // Formatting as Stripe's inputs do: "4242 4242 4242 4242" and "MM / YY".
  inputs.number.addEventListener('input', function () {
    var digits = digitsOf(inputs.number.value).slice(0, 19);
    var formatted = digits.replace(/(\d{4})(?=\d)/g, '$1 ');
    if (formatted !== inputs.number.value) inputs.number.value = formatted;
  });
  inputs.expiry.addEventListener('input', function () {
    var digits = digitsOf(inputs.expiry.value).slice(0, 4);
    var formatted = digits.length > 2 ? digits.slice(0, 2) + ' / ' + digits.slice(2) : digits;
    if (formatted !== inputs.expiry.value) inputs.expiry.value = formatted;
  });
  Object.keys(inputs).forEach(function (name) {
    inputs[name].addEventListener('input', function () {
      if (!alertBox.hidden && !unavailable) showError('');
      reportChange();
    });
  });
  inputs.country.addEventListener('change', function () {
    showPostalCode();
    reportChange();
    reportSize();
  });
  document.getElementById('payment-form').addEventListener('submit', function (event) {
    event.preventDefault();
  });

  /** The confirm call's body: the card, the billing details the frame has and the merchant's confirmParams. */
  function confirmBody(confirmParams) {
    var params = new URLSearchParams();
    var expiry = parseExpiry(inputs.expiry.value);
    params.set('client_secret', clientSecret);
    params.set('payment_method_data[type]', 'card');
    params.set('payment_method_data[card][number]', digitsOf(inputs.number.value));
    params.set('payment_method_data[card][exp_month]', String(expiry.month));
    params.set('payment_method_data[card][exp_year]', String(expiry.year));
    params.set('payment_method_data[card][cvc]', digitsOf(inputs.cvc.value));
    var given = (confirmParams.payment_method_data && confirmParams.payment_method_data.billing_details) || {};
    ['name', 'email', 'phone'].forEach(function (name) {
      if (typeof given[name] === 'string') params.set('payment_method_data[billing_details][' + name + ']', given[name]);
    });
    var address = given.address || {};
    ['line1', 'line2', 'city', 'state'].forEach(function (name) {
      if (typeof address[name] === 'string') params.set('payment_method_data[billing_details][address][' + name + ']', address[name]);
    });
    params.set('payment_method_data[billing_details][address][country]', inputs.country.value);
    if (postalCodeNeeded()) params.set('payment_method_data[billing_details][address][postal_code]', inputs.postalCode.value.trim());
    if (typeof confirmParams.return_url === 'string') params.set('return_url', confirmParams.return_url);
    if (typeof confirmParams.receipt_email === 'string') params.set('receipt_email', confirmParams.receipt_email);
    params.set('use_stripe_sdk', 'true');
    params.set('expected_payment_method_type', 'card');
    return params.toString();
  }

  /** The API's error as Stripe.js hands it to the merchant, with the customer's wording for a decline. */
  function customerError(error) {
    var message = error.message;
    if (error.type === 'card_error') message = declineMessages[error.decline_code] || declineMessages[error.code] || error.message;
    var out = { type: error.type, code: error.code, message: message };
    if (error.decline_code) out.decline_code = error.decline_code;
    if (error.param) out.param = error.param;
    if (error.doc_url) out.doc_url = error.doc_url;
    if (error.payment_intent) out.payment_intent = error.payment_intent;
    return out;
  }

  function confirm(request) {
    if (unavailable)
      return send({
        type: 'result',
        requestId: request.requestId,
        error: { type: 'invalid_request_error', message: alertBox.textContent },
      });
    if (busy)
      return send({
        type: 'result',
        requestId: request.requestId,
        error: { type: 'invalid_request_error', code: 'payment_in_progress', message: 'A payment is already being confirmed.' },
      });
    var found = problem();
    if (found) {
      showError(found.message, found.field);
      return send({
        type: 'result',
        requestId: request.requestId,
        error: { type: 'validation_error', code: found.code, message: found.message },
      });
    }
    busy = true;
    fetch('/v1/payment_intents/' + encodeURIComponent(intentId) + '/confirm', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + publishableKey, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: confirmBody(request.confirmParams || {}),
    })
      .then(function (response) {
        return response.json();
      })
      .then(
        function (json) {
          busy = false;
          if (json.error) {
            var error = customerError(json.error);
            showError(error.message, error.code === 'incorrect_number' ? 'number' : undefined);
            return send({ type: 'result', requestId: request.requestId, error: error });
          }
          showError('');
          send({ type: 'result', requestId: request.requestId, paymentIntent: json });
        },
        function () {
          busy = false;
          var message = 'We could not reach the payment provider. Check your connection and try again.';
          showError(message);
          send({ type: 'result', requestId: request.requestId, error: { type: 'api_connection_error', message: message } });
        },
      );
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== parentOrigin || !embeddedAsTold) return;
    var data = event.data;
    if (!data || data.source !== 'stripe-js') return;
    if (data.type === 'confirm') confirm(data);
    else if (data.type === 'validate') {
      var found = problem();
      if (found) showError(found.message, found.field);
      send({
        type: 'result',
        requestId: data.requestId,
        error: found ? { type: 'validation_error', code: found.code, message: found.message } : undefined,
      });
    } else if (data.type === 'show-error') showError(data.message);
  });

  showPostalCode();
  if (typeof ResizeObserver === 'function') new ResizeObserver(reportSize).observe(document.documentElement);
  send({ type: 'ready' });
  reportSize();
})();
