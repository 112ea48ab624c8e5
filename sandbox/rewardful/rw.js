/*
 * The Rewardful emulation's tracking script, served at GET /rw.js (the real one: https://r.wdfl.co/rw.js). The merchant
 * includes, on every page (https://developers.rewardful.com/javascript-api/overview):
 *   <script>(function(w,r){w._rwq=r;w[r]=w[r]||function(){(w[r].q=w[r].q||[]).push(arguments)}})(window,'rewardful');</script>
 *   <script async src='<emulation>/rw.js' data-rewardful='<public API key>'></script>
 * What it does, as documented: exposes `Rewardful.referral` (the referral id, '' when none) and the `rewardful(...)`
 * queue with `rewardful('ready', fn)`, which "always fires, referral or not" ([3P] api-evangelist/rewardful); dispatches
 * `Rewardful.initialized` on window (github.com/rewardful/examples react/src/App.js). On a page opened with `?via=<token>`
 * it records the visit (a referral in state `visitor`) and remembers it.
 * Not documented, sandbox guesses: the visit is recorded by POST <emulation>/_sandbox/rw/referrals (the real script's
 * calls are not published); it is remembered in the first-party cookie `rewardful.referral` (the name from third-party
 * code, [3P]) holding JSON `{ id, created_at, affiliate, campaign, coupon }`, for the campaign's
 * `days_before_referrals_expire`; a `data-rewardful` that is not the account's public key tracks nothing.
 * Plain ES2017 with no dependencies: it runs as-is in any merchant page.
 */
(function () {
  'use strict';
  var COOKIE_NAME = 'rewardful.referral';
  var script = document.currentScript || document.querySelector('script[data-rewardful]');
  var apiKey = script ? script.getAttribute('data-rewardful') : null;
  var origin = script ? new URL(script.src, location.href).origin : '';
  var queued = (window.rewardful && window.rewardful.q) || [];
  var readyCallbacks = [];
  var isReady = false;

  var api = (window.Rewardful = window.Rewardful || {});
  api.referral = '';
  api.affiliate = null;
  api.campaign = null;
  api.coupon = null;

  function readCookie() {
    var prefix = COOKIE_NAME + '=';
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].indexOf(prefix) !== 0) continue;
      try {
        return JSON.parse(decodeURIComponent(parts[i].slice(prefix.length)));
      } catch (_error) {
        return null;
      }
    }
    return null;
  }

  function remember(answer) {
    var value = {
      id: answer.referral.id,
      created_at: answer.referral.created_at,
      affiliate: answer.affiliate,
      campaign: answer.campaign,
      coupon: null,
    };
    var maxAge = Math.max(0, Math.floor((Date.parse(answer.referral.expires_at) - Date.now()) / 1000));
    document.cookie = COOKIE_NAME + '=' + encodeURIComponent(JSON.stringify(value)) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
    adopt(value);
  }

  function adopt(value) {
    api.referral = value.id || '';
    api.affiliate = value.affiliate || null;
    api.campaign = value.campaign || null;
  }

  function ready() {
    isReady = true;
    window.dispatchEvent(new CustomEvent('Rewardful.initialized', { detail: { referral: api.referral } }));
    while (readyCallbacks.length) call(readyCallbacks.shift());
  }

  function call(fn) {
    try {
      fn();
    } catch (error) {
      setTimeout(function () {
        throw error;
      });
    }
  }

  function rewardful(method, arg) {
    if (method === 'ready' && typeof arg === 'function') {
      if (isReady) call(arg);
      else readyCallbacks.push(arg);
    }
    // 'convert', 'source' and the rest: not emulated.
  }

  window.rewardful = rewardful;
  for (var i = 0; i < queued.length; i++) rewardful.apply(null, queued[i]);

  var stored = readCookie();
  if (stored && stored.id) adopt(stored);

  var params = new URLSearchParams(location.search);
  var token = params.get('via');
  var preset = params.get('referral');
  if ((!token && !preset) || !apiKey) return ready();

  fetch(origin + '/_sandbox/rw/referrals', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      key: apiKey,
      token: token,
      referral: preset || api.referral || null,
      url: location.href,
      referrer: document.referrer || null,
    }),
    credentials: 'omit',
  })
    .then(function (response) {
      return response.ok ? response.json().then(remember) : null;
    })
    .catch(function () {
      return null;
    })
    .then(ready);
})();
