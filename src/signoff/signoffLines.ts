import type { BuiltSignoff } from './buildSignoff';
import { VERDICT_SYMBOL } from './statusLabels';

/** "Manifest SHA-256: <hex> (<path>)": the one hash the manifest cannot hold, for the signer to record. */
export function manifestHashLine(sha256: string, file: string): string {
  return `Manifest SHA-256: ${sha256} (${file}; record it: the manifest lists every other file, not itself)`;
}

/**
 * What `rehearse run` and `rehearse report` print last: the manifest's hash, where the sign-off is, and the verdict
 * headline with one line per reason behind it.
 */
export function signoffSummaryLines(built: BuiltSignoff): string[] {
  const { verdict } = built;
  return [
    manifestHashLine(built.manifest.sha256, built.manifest.file),
    `Sign-off report: ${built.html}`,
    built.pdf ? `Sign-off PDF: ${built.pdf}` : `Sign-off PDF: not printed (${built.pdfError ?? 'unknown error'})`,
    `${VERDICT_SYMBOL[verdict.kind]} ${verdict.headline}`,
    ...verdict.reasons.map((reason) => `  - ${reason}`),
  ];
}
