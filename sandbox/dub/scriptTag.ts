/**
 * The page's `dubAnalytics` stub, as Dub's install snippet defines it before the script loads
 * (github.com/dubinc/docs snippets/client-side-tracking-install.mdx): calls made before the script are queued in `.q`;
 * the script then makes `dubAnalytics('ready', fn)` work.
 */
export const DUB_ANALYTICS_STUB =
  '<script>!(function (c, n) { c[n] = c[n] || function () { (c[n].q = c[n].q || []).push(arguments); }; ' +
  '["trackClick", "trackLead", "trackSale"].forEach(function (t) { c[n][t] = function () { return c[n].apply(null, [t].concat([].slice.call(arguments))); }; }); ' +
  '})(window, "dubAnalytics");</script>';

/**
 * The `<script>` tag a merchant page puts in its `<head>` to load Dub's analytics script from the emulation
 * (https://dub.co/docs/sdks/client-side/installation-guides/manual): `data-api-host` (Dub's reverse-proxy attribute)
 * points the script at the emulation, `data-domains` names the program's short-link domain (without it `?via=` is
 * not tracked), `data-publishable-key` the `dub_pk_…` key for client-side conversion tracking.
 */
export function dubScriptTag(options: {
  scriptUrl: string;
  apiHost: string;
  referDomain: string;
  publishableKey: string;
  queryParam?: string;
}): string {
  const attribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const domains = JSON.stringify({ refer: options.referDomain });
  return (
    `<script src="${attribute(options.scriptUrl)}" defer data-api-host="${attribute(options.apiHost)}" ` +
    `data-domains="${attribute(domains)}" data-publishable-key="${attribute(options.publishableKey)}"` +
    (options.queryParam ? ` data-query-param="${attribute(options.queryParam)}"` : '') +
    '></script>'
  );
}
