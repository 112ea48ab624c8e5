/*
 * Referral tracking snippet, served at GET /snippet.js. The merchant includes:
 *   <script src="<platform>/snippet.js" data-merchant="pk_…" defer></script>
 * On a page opened with ?via=<partner> (or ?ref=<partner>) it records a click at the platform and keeps the
 * click id in the first-party cookie `referral_click_id` on the merchant's own origin.
 * Plain ES2017 with no dependencies: it runs as-is in any merchant page.
 */
(function () {
  'use strict';
  var COOKIE_NAME = 'referral_click_id';
  var DEFAULT_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;
  var script = document.currentScript;
  if (!script) return;
  var merchantKey = script.getAttribute('data-merchant');
  var platformOrigin = new URL(script.src, location.href).origin;

  function announce(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  function readCookie() {
    var prefix = COOKIE_NAME + '=';
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].indexOf(prefix) === 0) return decodeURIComponent(parts[i].slice(prefix.length));
    }
    return null;
  }

  var existing = readCookie();
  if (existing) window.referralClickId = existing;

  var params = new URLSearchParams(location.search);
  var partner = params.get('via') || params.get('ref');
  if (!partner) return;
  if (!merchantKey) {
    announce('referral:click-failed', { status: null, error: 'the snippet tag has no data-merchant key' });
    return;
  }

  fetch(platformOrigin + '/v1/clicks', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + merchantKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ partner: partner, landing_url: location.href, referrer: document.referrer || null }),
    credentials: 'omit',
  })
    .then(function (response) {
      return response.json().then(function (body) {
        return { ok: response.ok, status: response.status, body: body };
      });
    })
    .then(function (result) {
      if (!result.ok) {
        announce('referral:click-failed', { status: result.status, error: result.body && result.body.error });
        return;
      }
      var click = result.body;
      var maxAge = click.expires_at && click.created ? click.expires_at - click.created : DEFAULT_MAX_AGE_SECONDS;
      document.cookie = COOKIE_NAME + '=' + encodeURIComponent(click.id) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
      window.referralClickId = click.id;
      announce('referral:click-recorded', { clickId: click.id, partner: click.partner_key });
    })
    .catch(function (error) {
      announce('referral:click-failed', { status: null, error: String(error) });
    });
})();
