import { safe } from './html';
import type { SignoffDocument } from './signoffDocument';

/** The block the signer fills in by hand (or in the PDF): name, role, date, Go / No-go, attestations, signature. */
export function renderSignatureBlock(document: SignoffDocument): string {
  const field = (label: string) => `<div class="field"><span>${safe(label)}</span><div class="line"></div></div>`;
  const attestations = document.signoff.attestations.length
    ? '<p>I attest that each item below, which no machine can check, is true:</p>' +
      `<ul class="attest">${document.signoff.attestations.map((entry) => `<li>☐ ${safe(entry.title)}</li>`).join('')}</ul>`
    : '';
  return (
    '<section class="signature" data-testid="signature-block">' +
    '<h2>Sign-off</h2>' +
    `<p>Run <code>${safe(document.run.runId)}</code>, ${safe(document.run.mode)} mode, target ${safe(document.run.target)}. ` +
    `Rehearsal verdict: <strong>${safe(document.verdict.headline)}</strong>.</p>` +
    attestations +
    field('Name') +
    field('Role') +
    field('Date') +
    '<div class="field"><span>Decision</span><span class="choice">☐ Go</span><span class="choice">☐ No-go</span></div>' +
    field('Manifest SHA-256') +
    field('Signature') +
    '</section>'
  );
}
