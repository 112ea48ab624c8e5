/*
 * Dub's analytics script (@dub/analytics), as the Dub emulation serves it at GET /analytics/script.js. Behaviour
 * from the published script (github.com/dubinc/analytics packages/script/src/base.js @ fb4cfa98) and
 * https://dub.co/docs/sdks/client-side/installation-guides/manual, .../features/click-tracking:
 *   <script src="<dub>/analytics/script.js" defer data-api-host="<dub>" data-domains='{"refer":"<program domain>"}'
 *           data-publishable-key="dub_pk_…"></script>
 * - `?dub_id=<clickId>` (a short link's redirect) → cookie `dub_id`.
 * - `?via=<link key>` (or the `data-query-param` name, tried before `via`), with a `refer` domain configured →
 *   POST {apiHost}/track/click { domain, key, url, referrer } (no key: the route checks the page's host against the
 *   workspace's Allowed Hostnames) → cookie `dub_id` = clickId (90 days, `data-cookie-options` `expiresInDays`) and,
 *   for a partner's link, cookie `dub_partner_data` = { clickId, partner, discount }, `window.DubAnalytics.partner`
 *   and `.discount`, then queued `dubAnalytics('ready', fn)` callbacks run.
 * - `data-attribution-model="first-click"`: an existing `dub_id` is kept.
 * - `window._dubAnalytics` exposes the internals under the script's minified names (c, qm, i, h, a, d, v, n, k).
 * The publishable key is read and exposed (`k`) for client-side conversion tracking; click tracking does not send it.
 * Differences, each a guess for the offline sandbox: `data-api-host` defaults to the origin this script came from
 * (Dub's default https://api.dub.co cannot be reached offline); on an IP-address host the cookie gets no Domain
 * attribute (Dub's `.<host>` would be refused by the browser; production sites have names).
 * Plain ES2017 with no dependencies.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;

  var DUB_ID_VAR = 'dub_id';
  var DUB_PARTNER_COOKIE = 'dub_partner_data';
  var COOKIE_EXPIRES = 90 * 24 * 60 * 60 * 1000;
  var HOSTNAME = window.location.hostname;
  var IS_IP = /^\d{1,3}(\.\d{1,3}){3}$/.test(HOSTNAME) || HOSTNAME.indexOf(':') >= 0 || HOSTNAME.charAt(0) === '[';

  var API_HOST = script.getAttribute('data-api-host') || new URL(script.src, location.href).origin;
  var PUBLISHABLE_KEY = script.getAttribute('data-publishable-key');

  var COOKIE_OPTIONS = (function () {
    var options = {
      domain: HOSTNAME === 'localhost' || IS_IP ? undefined : '.' + HOSTNAME.replace(/^www\./, ''),
      path: '/',
      sameSite: 'Lax',
      expires: new Date(Date.now() + COOKIE_EXPIRES).toUTCString(),
    };
    var raw = script.getAttribute('data-cookie-options');
    if (!raw) return options;
    var parsed = JSON.parse(raw);
    if (parsed.expiresInDays) {
      parsed.expires = new Date(Date.now() + parsed.expiresInDays * 24 * 60 * 60 * 1000).toUTCString();
      delete parsed.expiresInDays;
    }
    return Object.assign(options, parsed);
  })();

  var DOMAINS_CONFIG = (function () {
    var oldReferDomain = script.getAttribute('data-short-domain');
    var attr = script.getAttribute('data-domains');
    if (attr) {
      try {
        var config = JSON.parse(attr);
        return Object.assign({}, config, { refer: config.refer || oldReferDomain });
      } catch (_error) {
        // Falls back to the old attribute, as Dub's script does.
      }
    }
    return { refer: oldReferDomain };
  })();
  var SHORT_DOMAIN = DOMAINS_CONFIG.refer;
  var ATTRIBUTION_MODEL = script.getAttribute('data-attribution-model') || 'last-click';

  var QUERY_PARAMS = (function () {
    var single = script.getAttribute('data-query-param');
    var several = script.getAttribute('data-query-params');
    var resolved = ['via'];
    if (single) resolved = [single].concat(resolved);
    else if (several) {
      try {
        resolved = JSON.parse(several).concat(resolved);
      } catch (error) {
        console.warn('[dubAnalytics] Failed to parse data-query-params.', error);
      }
    }
    return resolved.filter(function (name, index) {
      return resolved.indexOf(name) === index;
    });
  })();

  var QUERY_PARAM_VALUE = (function () {
    var params = new URLSearchParams(location.search);
    for (var i = 0; i < QUERY_PARAMS.length; i++) if (params.get(QUERY_PARAMS[i])) return params.get(QUERY_PARAMS[i]);
    return null;
  })();

  window.DubAnalytics = window.DubAnalytics || { partner: null, discount: null };

  var cookieManager = {
    get: function (key) {
      var parts = document.cookie.split(';');
      for (var i = 0; i < parts.length; i++) {
        var pair = parts[i].trim().split('=');
        if (pair[0] === key) return pair.slice(1).join('=');
      }
      return undefined;
    },
    set: function (key, value) {
      var attributes = Object.keys(COOKIE_OPTIONS)
        .filter(function (name) {
          return COOKIE_OPTIONS[name];
        })
        .map(function (name) {
          return name + '=' + COOKIE_OPTIONS[name];
        })
        .join('; ');
      document.cookie = key + '=' + value + '; ' + attributes;
    },
  };

  var queueManager = {
    queue: (window.dubAnalytics && window.dubAnalytics.q) || [],
    flush: function (methodFilter) {
      var remaining = [];
      while (this.queue.length) {
        var entry = Array.prototype.slice.call(this.queue.shift());
        if (!methodFilter || methodFilter(entry[0])) this.process(entry[0], entry.slice(1));
        else remaining.push(entry);
      }
      this.queue = remaining;
    },
    process: function (method, args) {
      if (method === 'ready') args[0]();
      else if (method === 'trackClick') trackClick(args[0]);
      else console.warn('[dubAnalytics] Unknown method:', method);
    },
  };

  // The page's stub (`window.dubAnalytics = function () { (dubAnalytics.q = dubAnalytics.q || []).push(arguments) }`)
  // becomes the callable API, as in Dub's script; without a stub there is none.
  if (window.dubAnalytics) {
    var dubAnalytics = function (method) {
      var args = Array.prototype.slice.call(arguments, 1);
      if (method === 'ready') dubAnalytics.ready.apply(null, args);
      else if (method === 'trackClick') dubAnalytics.trackClick.apply(null, args);
      else console.warn('[dubAnalytics] Unknown method:', method);
    };
    dubAnalytics.q = queueManager.queue;
    dubAnalytics.ready = function (callback) {
      callback();
    };
    dubAnalytics.trackClick = function (options) {
      trackClick(options);
    };
    window.dubAnalytics = dubAnalytics;
  }

  var clientClickTracked = false;

  function trackClick(options) {
    if (clientClickTracked) return;
    clientClickTracked = true;
    var serverClickId = new URLSearchParams(location.search).get(DUB_ID_VAR);
    fetch(API_HOST + '/track/click', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ domain: options.domain, key: options.key, url: window.location.href, referrer: document.referrer }),
    })
      .then(function (response) {
        return response.ok && response.json();
      })
      .then(function (data) {
        if (!data) return;
        if (serverClickId && serverClickId !== data.clickId) {
          console.warn(
            '[dubAnalytics] Client-tracked click ID ' +
              data.clickId +
              ' does not match server-tracked click ID ' +
              serverClickId +
              ', skipping...',
          );
          return;
        }
        cookieManager.set(DUB_ID_VAR, data.clickId);
        if (data.partner) {
          var encoded = Object.assign({}, data, {
            partner: Object.assign({}, data.partner, {
              name: encodeURIComponent(data.partner.name),
              image: data.partner.image ? encodeURIComponent(data.partner.image) : null,
            }),
          });
          cookieManager.set(DUB_PARTNER_COOKIE, JSON.stringify(encoded));
          window.DubAnalytics.partner = data.partner;
          window.DubAnalytics.discount = data.discount;
          queueManager.flush(function (method) {
            return method === 'ready';
          });
        }
        return data;
      });
  }

  function init() {
    var params = new URLSearchParams(location.search);
    var shouldSetCookie = function () {
      return !cookieManager.get(DUB_ID_VAR) || ATTRIBUTION_MODEL !== 'first-click';
    };
    var clickId = params.get(DUB_ID_VAR);
    if (clickId && shouldSetCookie()) cookieManager.set(DUB_ID_VAR, clickId);
    if (QUERY_PARAM_VALUE && SHORT_DOMAIN && shouldSetCookie()) trackClick({ domain: SHORT_DOMAIN, key: QUERY_PARAM_VALUE });
    queueManager.flush(function (method) {
      return method === 'trackClick';
    });
    var partnerCookie = cookieManager.get(DUB_PARTNER_COOKIE);
    if (partnerCookie) {
      try {
        var partnerData = JSON.parse(partnerCookie);
        window.DubAnalytics.partner = partnerData.partner;
        window.DubAnalytics.discount = partnerData.discount;
      } catch (error) {
        console.error('[dubAnalytics] Failed to parse partner cookie:', error);
      }
    }
  }

  window._dubAnalytics = {
    c: cookieManager,
    qm: queueManager,
    i: DUB_ID_VAR,
    h: HOSTNAME,
    a: API_HOST,
    d: SHORT_DOMAIN,
    v: QUERY_PARAM_VALUE,
    n: DOMAINS_CONFIG,
    k: PUBLISHABLE_KEY,
  };

  init();
})();
