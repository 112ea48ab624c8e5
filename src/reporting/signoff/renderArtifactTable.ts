import { safe } from './html';
import type { ManifestEntry } from './manifest';
import { relativeHref } from './relativeHref';

/** "3.2 MB (3 355 443 bytes)"-style sizes, short. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Every other artifact of the run directory as it was when the page was written: path, size, SHA-256. */
export function renderArtifactTable(artifacts: ManifestEntry[]): string {
  const rows = artifacts.map(
    (artifact) =>
      `<tr><td><a href="${safe(relativeHref(artifact.path))}">${safe(artifact.path)}</a></td>` +
      `<td>${safe(formatBytes(artifact.bytes))}</td><td class="mono">${safe(artifact.sha256)}</td></tr>`,
  );
  return (
    '<table class="artifacts" data-testid="artifacts"><thead><tr><th>File</th><th>Size</th><th>SHA-256</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>` +
    '<p class="small muted">This page, signoff.pdf and manifest.json are written after this table. manifest.json lists every ' +
    'file of the run folder, these included, except itself: record its own SHA-256 (printed by <code>rehearse run</code> and ' +
    '<code>rehearse verify-report &lt;folder&gt;</code>), then <code>rehearse verify-report</code> names any file changed, ' +
    'missing or added since.</p>'
  );
}
