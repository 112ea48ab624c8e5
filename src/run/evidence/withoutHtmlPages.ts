/**
 * The text with every HTML page quoted in it (from `<!DOCTYPE html` or `<html`, to `</html>` or the end) replaced by
 * what the page says: its body's text on one line, else its title, else "an HTML page with no text". An error that
 * quotes a merchant's 404 page then reads "answered 404: Cannot POST /portal" instead of "answered 404: <!DOCTYPE html>".
 */
export function withoutHtmlPages(text: string): string {
  const page = /<!doctype\s+html[^>]*>|<html[\s>]/i;
  let rest = text;
  let result = '';
  for (let found = page.exec(rest); found !== null; found = page.exec(rest)) {
    const close = /<\/html\s*>/i.exec(rest.slice(found.index));
    const end = close ? found.index + close.index + close[0].length : rest.length;
    result += `${rest.slice(0, found.index)}${pageText(rest.slice(found.index, end))}`;
    rest = rest.slice(end);
  }
  return result + rest;
}

function pageText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const body = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(head|script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  const said = oneLine(decodeEntities(body));
  if (said) return said;
  const titled = title ? oneLine(decodeEntities(title.replace(/<[^>]*>/g, ' '))) : '';
  return titled || 'an HTML page with no text';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (entity, code: string) => (Number(code) < 0x110000 ? String.fromCodePoint(Number(code)) : entity))
    .replace(/&([a-z]+|#39);/gi, (entity, name: string) => ENTITIES[name.toLowerCase()] ?? entity);
}
