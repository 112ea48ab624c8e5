/**
 * The href as written when it is a relative path or an anchor inside the run directory; '#' otherwise. The sign-off
 * is one self-contained file: it must never point the reader's browser at another site or an absolute path.
 */
export function relativeHref(href: string): string {
  const trimmed = href.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/') || trimmed.startsWith('\\')) return '#';
  if (trimmed.split(/[/\\]/).includes('..')) return '#';
  return trimmed;
}
