// The sandbox provider's Stripe.js subset (served at GET /v3/), for merchant pages rehearsed offline:
//   var stripe = Stripe('pk_test_…');
//   var elements = stripe.elements({ clientSecret });
//   elements.create('payment').mount('#payment-element');
//   stripe.confirmPayment({ elements, confirmParams: { return_url }, redirect: 'always' | 'if_required' });
//   stripe.retrievePaymentIntent(clientSecret);
// The card inputs live in an iframe on the provider's origin; this script only passes messages to it, checking the
// origin and the sender of every message. A 3-D Secure card opens the bank's challenge in a modal iframe named
// `stripe-challenge-frame`.
(function () {
  'use strict';

  var script = document.currentScript;
  var providerOrigin = new URL(script && script.src ? script.src : window.location.href).origin;
  var frameCount = 0;
  var requestCount = 0;

  function IntegrationError(message) {
    var error = new Error(message);
    error.name = 'IntegrationError';
    return error;
  }

  function intentIdOf(clientSecret) {
    if (typeof clientSecret !== 'string' || !/^pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/.test(clientSecret)) {
      throw IntegrationError('Invalid value for clientSecret: value should be a client_secret string of the form ${id}_secret_${secret}.');
    }
    return clientSecret.split('_secret_')[0];
  }

  /** GET with the publishable key; resolves with the parsed body (an object or `{ error }`). */
  function apiGet(key, path) {
    return fetch(providerOrigin + path, { headers: { Authorization: 'Bearer ' + key } }).then(
      function (response) {
        return response.json();
      },
      function () {
        return { error: { type: 'api_connection_error', message: 'We could not reach the payment provider.' } };
      },
    );
  }

  function Stripe(publishableKey) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey);
    if (typeof publishableKey === 'string' && /^(sk|rk)_/.test(publishableKey)) {
      throw IntegrationError('You should not use your secret key with Stripe.js. Please pass a publishable key instead.');
    }
    if (typeof publishableKey !== 'string' || !/^pk_(test|live)_/.test(publishableKey)) {
      throw IntegrationError('Invalid value for Stripe(): apiKey should be a publishable key (pk_test_… or pk_live_…).');
    }
    this._key = publishableKey;
  }

  Stripe.prototype.elements = function (options) {
    return new Elements(this, options || {});
  };

  Stripe.prototype.retrievePaymentIntent = function (clientSecret) {
    var id = intentIdOf(clientSecret);
    return apiGet(this._key, '/v1/payment_intents/' + encodeURIComponent(id) + '?client_secret=' + encodeURIComponent(clientSecret)).then(
      function (body) {
        return body.error ? { error: body.error } : { paymentIntent: body };
      },
    );
  };

  Stripe.prototype.confirmPayment = function (options) {
    var stripe = this;
    options = options || {};
    var elements = options.elements;
    var confirmParams = options.confirmParams || {};
    var redirect = options.redirect || 'always';
    var element = elements && elements._payment;
    if (!element || !element._iframe) {
      return Promise.reject(IntegrationError('Invalid value for confirmPayment(): elements should have a mounted Payment Element.'));
    }
    if (redirect !== 'always' && redirect !== 'if_required') {
      return Promise.reject(
        IntegrationError('Invalid value for confirmPayment(): redirect should be one of the following strings: always, if_required.'),
      );
    }
    if (redirect === 'always' && typeof confirmParams.return_url !== 'string') {
      return Promise.reject(
        IntegrationError(
          "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
        ),
      );
    }
    var clientSecret = elements._clientSecret;
    return element
      ._request('confirm', { confirmParams: confirmParams })
      .then(function (result) {
        if (result.error) return result;
        var intent = result.paymentIntent;
        if (intent.status === 'requires_action') return challenge(stripe, element, intent, clientSecret);
        return { paymentIntent: intent };
      })
      .then(function (outcome) {
        if (outcome.error) return outcome;
        var intent = outcome.paymentIntent;
        var done = intent.status === 'succeeded' || intent.status === 'processing';
        if (!done || redirect === 'if_required') return { paymentIntent: intent };
        var target = new URL(confirmParams.return_url, window.location.href);
        target.searchParams.set('payment_intent', intent.id);
        target.searchParams.set('payment_intent_client_secret', clientSecret);
        target.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'processing');
        window.location.assign(target.href);
        return new Promise(function () {}); // the page is leaving, as with Stripe.js
      });
  };

  /** Shows the bank's challenge in a modal frame; resolves once it is answered, with the intent as it then is. */
  function challenge(stripe, element, intent, clientSecret) {
    var action = intent.next_action && intent.next_action.use_stripe_sdk;
    var url = new URL(action && action.stripe_js ? action.stripe_js : providerOrigin + '/elements/three-d-secure');
    if (url.origin !== providerOrigin)
      return Promise.resolve({ error: { type: 'invalid_request_error', message: 'Unexpected 3D Secure address.' } });
    url.searchParams.set('origin', window.location.origin);
    var overlay = document.createElement('div');
    overlay.setAttribute('data-stripe-challenge', '');
    overlay.style.cssText =
      'position:fixed;inset:0;z-index:2147483647;background:rgba(26,31,54,.55);display:flex;align-items:center;justify-content:center';
    var frame = document.createElement('iframe');
    frame.name = 'stripe-challenge-frame';
    frame.title = '3D Secure challenge';
    frame.src = url.href;
    frame.style.cssText = 'width:420px;max-width:95vw;height:440px;border:0;border-radius:8px;background:#fff';
    overlay.appendChild(frame);
    document.body.appendChild(overlay);
    return new Promise(function (resolve) {
      function onMessage(event) {
        if (event.origin !== providerOrigin || event.source !== frame.contentWindow) return;
        var data = event.data;
        if (!data || data.source !== 'stripe-challenge-frame' || data.type !== 'complete') return;
        window.removeEventListener('message', onMessage);
        stripe.retrievePaymentIntent(clientSecret).then(function (retrieved) {
          overlay.remove();
          if (retrieved.error) return resolve(retrieved);
          var current = retrieved.paymentIntent;
          if (current.status === 'succeeded' || current.status === 'processing') return resolve({ paymentIntent: current });
          var failure = data.error ||
            current.last_payment_error || { type: 'invalid_request_error', message: 'The payment was not authenticated.' };
          var error = { type: failure.type, code: failure.code, message: failure.message, payment_intent: current };
          element._request('show-error', { message: error.message });
          resolve({ error: error });
        });
      }
      window.addEventListener('message', onMessage);
    });
  }

  function Elements(stripe, options) {
    intentIdOf(options.clientSecret);
    this._stripe = stripe;
    this._clientSecret = options.clientSecret;
    this._payment = null;
  }

  Elements.prototype.create = function (type) {
    if (type !== 'payment')
      throw IntegrationError('The sandbox Stripe.js supports only the payment element; you asked for "' + type + '".');
    if (this._payment) throw IntegrationError('Can only create one Element of type payment.');
    this._payment = new PaymentElement(this);
    return this._payment;
  };

  Elements.prototype.getElement = function (type) {
    return type === 'payment' ? this._payment : null;
  };

  /** Checks the element's fields (as before creating an intent server-side): `{ error }` or `{}`. */
  Elements.prototype.submit = function () {
    if (!this._payment || !this._payment._iframe) return Promise.reject(IntegrationError('elements.submit(): no mounted Payment Element.'));
    return this._payment._request('validate', {}).then(function (result) {
      return result.error ? { error: result.error } : {};
    });
  };

  function PaymentElement(elements) {
    var element = this;
    this._elements = elements;
    this._iframe = null;
    this._handlers = {};
    this._pending = {};
    this._ready = new Promise(function (resolve) {
      element._markReady = resolve;
    });
    this._onMessage = function (event) {
      if (!element._iframe || event.origin !== providerOrigin || event.source !== element._iframe.contentWindow) return;
      var data = event.data;
      if (!data || data.source !== 'stripe-payment-frame') return;
      if (data.type === 'ready') {
        element._markReady();
        element._emit('ready', { elementType: 'payment' });
      } else if (data.type === 'change') {
        element._emit('change', { elementType: 'payment', complete: data.complete, empty: data.empty, value: { type: 'card' } });
      } else if (data.type === 'resize' && typeof data.height === 'number') {
        element._iframe.style.height = data.height + 'px';
      } else if (data.type === 'result' && element._pending[data.requestId]) {
        var resolve = element._pending[data.requestId];
        delete element._pending[data.requestId];
        resolve(data);
      }
    };
  }

  PaymentElement.prototype.mount = function (target) {
    var container = typeof target === 'string' ? document.querySelector(target) : target;
    if (!container)
      throw IntegrationError('The selector you specified (' + target + ') applies to no DOM elements that are currently on the page.');
    if (this._iframe) throw IntegrationError('This Element is already mounted.');
    var stripe = this._elements._stripe;
    var query = new URLSearchParams({ key: stripe._key, client_secret: this._elements._clientSecret, origin: window.location.origin });
    var iframe = document.createElement('iframe');
    iframe.name = '__privateStripeFrame' + ++frameCount;
    iframe.title = 'Secure payment input frame';
    iframe.setAttribute('frameborder', '0');
    iframe.setAttribute('allowtransparency', 'true');
    iframe.style.cssText = 'border:0;width:100%;height:300px;display:block;overflow:hidden;color-scheme:light';
    iframe.src = providerOrigin + '/elements/payment?' + query.toString();
    window.addEventListener('message', this._onMessage);
    container.appendChild(iframe);
    this._iframe = iframe;
  };

  PaymentElement.prototype.on = function (event, handler) {
    (this._handlers[event] = this._handlers[event] || []).push(handler);
    return this;
  };

  PaymentElement.prototype.off = function (event, handler) {
    this._handlers[event] = (this._handlers[event] || []).filter(function (each) {
      return each !== handler;
    });
    return this;
  };

  PaymentElement.prototype.unmount = function () {
    window.removeEventListener('message', this._onMessage);
    if (this._iframe) this._iframe.remove();
    this._iframe = null;
  };

  PaymentElement.prototype.destroy = function () {
    this.unmount();
    this._elements._payment = null;
  };

  PaymentElement.prototype._emit = function (event, payload) {
    (this._handlers[event] || []).forEach(function (handler) {
      handler(payload);
    });
  };

  /** Sends a request to the frame once it is ready; resolves with its `result` message. */
  PaymentElement.prototype._request = function (type, payload) {
    var element = this;
    return this._ready.then(function () {
      return new Promise(function (resolve) {
        var requestId = 'req' + ++requestCount;
        var message = { source: 'stripe-js', type: type, requestId: requestId };
        Object.keys(payload).forEach(function (name) {
          message[name] = payload[name];
        });
        if (type !== 'show-error') element._pending[requestId] = resolve;
        element._iframe.contentWindow.postMessage(message, providerOrigin);
        if (type === 'show-error') resolve({});
      });
    });
  };

  window.Stripe = Stripe;
})();
