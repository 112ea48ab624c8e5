import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { relativeHref } from './relativeHref';
import type { FlowSummary } from './signoffDocument';
import { KEY_SCREENSHOTS_PER_FLOW } from './renderFlowSection';

/** Larger screenshots are linked, not embedded, so the sign-off stays a file one can e-mail. */
export const MAX_EMBEDDED_BYTES = 4 * 1024 * 1024;

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

/**
 * The key screenshots of each flow as data: URIs, keyed by their path relative to the run directory. A screenshot
 * that is missing, outside the run directory, not a PNG/JPEG or too large is left out (the page links it instead).
 */
export async function embedScreenshots(runDir: string, flows: FlowSummary[]): Promise<Map<string, string>> {
  const embedded = new Map<string, string>();
  for (const flow of flows) {
    for (const shot of flow.screenshots.slice(0, KEY_SCREENSHOTS_PER_FLOW)) {
      if (embedded.has(shot.file) || relativeHref(shot.file) === '#') continue;
      const type = IMAGE_TYPES[path.extname(shot.file).toLowerCase()];
      const file = path.resolve(runDir, shot.file);
      if (!type || !file.startsWith(`${path.resolve(runDir)}${path.sep}`)) continue;
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile() || info.size > MAX_EMBEDDED_BYTES) continue;
      embedded.set(shot.file, `data:${type};base64,${(await readFile(file)).toString('base64')}`);
    }
  }
  return embedded;
}
