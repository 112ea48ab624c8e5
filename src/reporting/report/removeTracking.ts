/**
 * Allure's report page always embeds Google Analytics (a remote gtag.js script plus its config block).
 * The report holds payment evidence and must work offline, so both are removed; nothing else refers to them.
 */
export function removeTracking(html: string): string {
  return html
    .replace(/<script[^>]*\bsrc="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*>\s*<\/script>/g, '')
    .replace(/<script>(?:(?!<\/script>)[\s\S])*?\bgtag\((?:(?!<\/script>)[\s\S])*?<\/script>/g, '');
}

/** Remote scripts, stylesheets or fonts the page would load (the report is meant to need none). */
export function remoteResources(html: string): string[] {
  const tags = html.match(/<(?:script|link|img|iframe)\b[^>]*>/g) ?? [];
  return tags.filter((tag) => /\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.test(tag));
}
