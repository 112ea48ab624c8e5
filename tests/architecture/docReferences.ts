import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The top-level folders whose paths the docs name; a path under any of them must exist. */
const ROOTS = ['src', 'sandbox', 'tests', 'fixtures', 'scenarios', 'targets', 'scripts', 'contracts', 'docs'];

/** A path rooted at one of ROOTS, up to the first character that cannot be part of one in running text. */
const ROOTED_PATH = new RegExp(`(?<![\\w-])(?:${ROOTS.join('|')})/[^\\s\`'"()\\[\\]|,;]*`, 'g');

/** Placeholders and patterns, not paths: `targets/<name>/`, `scripts/bench*`, `tests/{ci,fidelity}`, `…`. */
const PLACEHOLDER = /[<>*{}$…]/;

/** The example target names the docs use for "your own integration": they exist only once you scaffold them. */
const EXAMPLE_TARGETS = /^targets\/(acme|my-shop)(\/|$)/;

/** A relative Markdown link target: `[text](target)`, not a URL, not an anchor in the same page. */
const MARKDOWN_LINK = /\]\((?!https?:|mailto:|#)([^)\s]+)\)/g;

/** The Markdown files whose references are checked: the README and every page of docs/. */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs.sort()];
}

/** The repository paths a document names in its text (links, code spans, prose), without any `#anchor`. */
export function namedPaths(text: string): string[] {
  const withoutUrls = text.replace(/\bhttps?:\/\/\S+/g, ' ');
  const found = new Set<string>();
  for (const match of withoutUrls.matchAll(ROOTED_PATH)) {
    const named = match[0].split('#')[0]!.replace(/[.:]+$/, '');
    if (PLACEHOLDER.test(named) || EXAMPLE_TARGETS.test(named)) continue;
    found.add(named);
  }
  return [...found];
}

/** The relative link targets of a document, as written (`../src/x.ts`, `signoff.md#the-verdict`). */
export function relativeLinks(text: string): string[] {
  return [...new Set([...text.matchAll(MARKDOWN_LINK)].map((match) => match[1]!))];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a Markdown file offers, numbered as GitHub numbers repeated headings (`x`, `x-1`, …). */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inCode = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const heading = !inCode && /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const anchor = headingAnchor(heading[1]!);
    const count = seen.get(anchor) ?? 0;
    anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
    seen.set(anchor, count + 1);
  }
  return anchors;
}

/** What is wrong with one relative link of `fromFile`: its file is missing, or its anchor is not a heading there. */
export function brokenLink(root: string, fromFile: string, link: string): string | undefined {
  const [target, anchor] = link.split('#') as [string, string | undefined];
  const resolved = target === '' ? fromFile : path.normalize(path.join(path.dirname(fromFile), target));
  if (!existsSync(path.join(root, resolved))) return `${link}: ${resolved} does not exist`;
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  const anchors = anchorsOf(readFileSync(path.join(root, resolved), 'utf8'));
  return anchors.has(anchor) ? undefined : `${link}: ${resolved} has no heading #${anchor}`;
}
