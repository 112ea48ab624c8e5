/** HTML written by hand: escaping, and the one layout every page shares. */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A piece of HTML that is already safe (built from escaped parts). */
export interface Html {
  readonly html: string;
}

/** Tagged template: interpolated values are escaped unless they are Html (or arrays of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value) return (value as Html).html;
  return escapeHtml(value);
}

const STYLE = `
  body { font-family: Georgia, 'Times New Roman', serif; margin: 0; color: #2b2118; background: #fbf7ef; }
  header, main, footer { max-width: 40rem; margin: 0 auto; padding: 1rem 1.25rem; }
  header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #d9c9a8; }
  header a { color: #2b2118; }
  .brand { font-size: 1.25rem; font-weight: bold; text-decoration: none; }
  nav a { margin-left: 1rem; }
  button { font: inherit; padding: .5rem 1.25rem; border: 0; border-radius: .25rem; background: #8a5a16; color: #fff; cursor: pointer; }
  button:focus-visible, a:focus-visible { outline: 3px solid #e0a030; outline-offset: 2px; }
  .price { font-size: 1.25rem; }
  .notice { padding: .75rem 1rem; border-left: 4px solid #8a5a16; background: #f3e8d2; }
  .problem { padding: .75rem 1rem; border-left: 4px solid #a02c1c; background: #f8e1dc; }
  output { font-family: ui-monospace, Menlo, monospace; }
  footer { color: #6b5a44; font-size: .875rem; }
`;

/** A whole page: `<title>` "<title> · Lantern & Co.", the site header, and `body` inside `<main>`. */
export function page(title: string, body: Html): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Lantern &amp; Co.</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<a class="brand" href="/">Lantern &amp; Co.</a>
<nav aria-label="Site"><a href="/">Home</a><a href="/account">Your account</a></nav>
</header>
<main>
${body.html}
</main>
<footer><p>Lantern &amp; Co. · Brass lamps made by hand since 1911.</p></footer>
</body>
</html>
`;
}
