const PAGE_TIMEOUT_MS = 10_000;

/** The attributes of one `<script>` tag, names lowercased, values with HTML entities decoded. */
export type ScriptAttributes = Record<string, string>;

/** One customer page's `<script>` tags as served (no JavaScript run), or why it could not be read. */
export type PageScripts = { url: string; scripts: ScriptAttributes[] } | { url: string; error: string };

/**
 * Reads each customer page (`paths` against `baseUrl`) as served and lists its `<script>` tags' attributes: what a
 * platform's go-live list asks to be in every page's HTML (a tracking script with the account's public key).
 */
export async function readPageScripts(baseUrl: string, paths: readonly string[]): Promise<PageScripts[]> {
  return Promise.all(
    paths.map(async (path): Promise<PageScripts> => {
      const url = new URL(path, baseUrl).toString();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(PAGE_TIMEOUT_MS), headers: { accept: 'text/html' } });
        if (!response.ok) return { url, error: `it answered ${response.status}` };
        return { url, scripts: scriptTagsIn(await response.text()) };
      } catch (error) {
        return { url, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/** Every `<script …>` tag's attributes, in page order. */
export function scriptTagsIn(html: string): ScriptAttributes[] {
  return [...html.matchAll(/<script\b([^>]*)>/gi)].map(([, attributes]) => attributesOf(attributes ?? ''));
}

function attributesOf(text: string): ScriptAttributes {
  const attributes: ScriptAttributes = {};
  for (const match of text.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attributes[match[1]!.toLowerCase()] = decodeEntities((match[2] ?? match[3] ?? match[4] ?? '').trim());
  }
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|quot|#39|lt|gt);/g,
    (whole, name: string) => ({ amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' })[name] ?? whole,
  );
}
