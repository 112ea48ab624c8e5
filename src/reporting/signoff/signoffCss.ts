/** The sign-off page's only stylesheet, inlined: readable on screen, and printed to A4 by Chromium. */
export const SIGNOFF_CSS = `
:root { --ink: #0f172a; --muted: #475569; --line: #cbd5e1; --passed: #166534; --failed: #b91c1c; --skipped: #92400e; --attest: #1e40af; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--ink); font: 14px/1.45 "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
a { color: #1d4ed8; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
code, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; word-break: break-all; }
.verdict { border: 3px solid; border-radius: 8px; padding: 14px 18px; margin: 16px 0; }
.verdict h2 { border: 0; margin: 0 0 8px; font-size: 20px; }
.verdict ul { margin: 0; padding-left: 20px; }
.verdict.not-ready { border-color: var(--failed); background: #fef2f2; }
.verdict.incomplete { border-color: var(--skipped); background: #fffbeb; }
.verdict.ready-pending-attestation { border-color: var(--passed); background: #f0fdf4; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f1f5f9; }
tr { break-inside: avoid; page-break-inside: avoid; }
.status { white-space: nowrap; font-weight: bold; }
.status-passed { color: var(--passed); }
.status-failed { color: var(--failed); }
.status-skipped { color: var(--skipped); }
.status-awaiting-attestation { color: var(--attest); }
.status-interrupted { color: var(--skipped); }
.interrupted-note { margin: 16px 0 0; font-weight: bold; color: var(--failed); }
.money-warning { color: var(--failed); font-weight: bold; }
.interruption { border: 2px solid var(--skipped); border-radius: 8px; padding: 10px 16px; background: #fffbeb; }
.console { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; white-space: pre-wrap; word-break: break-all; background: #f8fafc; border: 1px solid var(--line); padding: 8px; margin: 6px 0; }
tr.row-failed td { background: #fef2f2; }
tr.row-warning td { background: #fffbeb; }
.hint { margin: 6px 0 0; font-size: 12px; font-weight: bold; }
.warnings { margin: 4px 0 0; padding-left: 18px; color: var(--skipped); font-size: 12px; }
.evidence { margin: 0; padding-left: 16px; font-size: 12px; }
.flow { margin: 12px 0 24px; }
.timeline { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.timeline .lane-title { font: bold 12px "Liberation Sans", "DejaVu Sans", sans-serif; fill: var(--muted); }
.timeline .lane-line { stroke: #e2e8f0; stroke-dasharray: 4,4; }
.timeline .arrow { stroke: #475569; stroke-width: 1.5; }
.timeline .delay { font: bold 11px "DejaVu Sans Mono", monospace; fill: #0f172a; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.timeline .clock { font: 11px "DejaVu Sans Mono", monospace; fill: var(--muted); }
.timeline .point-label { font: 12px "Liberation Sans", "DejaVu Sans", sans-serif; fill: var(--ink); }
.timeline .object-id { font: 10px "DejaVu Sans Mono", monospace; fill: var(--muted); }
.shots { display: flex; flex-wrap: wrap; gap: 12px; }
.shots figure { margin: 0; width: 320px; break-inside: avoid; }
.shots img { display: block; max-width: 100%; max-height: 420px; object-fit: contain; object-position: top; border: 1px solid var(--line); }
.shots figcaption { font-size: 12px; color: var(--muted); }
.signature { border: 2px solid var(--ink); border-radius: 8px; padding: 16px 20px; margin-top: 28px; break-inside: avoid; page-break-inside: avoid; }
.signature h2 { border: 0; margin-top: 0; }
.signature .field { display: flex; align-items: flex-end; gap: 8px; margin: 18px 0; }
.signature .field span { min-width: 140px; font-weight: bold; }
.signature .line { flex: 1; border-bottom: 1px solid var(--ink); height: 22px; }
.signature .choice { margin-right: 28px; font-size: 16px; }
.attest { list-style: none; padding: 0; }
.attest li { margin: 6px 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11.5px; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .flow { break-inside: auto; }
  .signature { break-before: page; page-break-before: always; }
}
`;
