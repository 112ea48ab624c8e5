// `npm run test:detection`: proves the rehearsal catches every defect of the sandbox's fault catalogue. Runs the
// correct sandbox once (control), then each fault against the scenario(s) that should catch it (tests/detection/
// faultDetections.ts), two child Playwright runs at a time; prints the table and writes it to reports/detection/.
// Exit 1 when a defect is missed (its child run passed) or the control fails; `npm run test:detection -- <fault…>` runs some.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FAULT_NAMES } from '../sandbox/faults';
import { detectFault, type DetectionOutcome } from '../tests/detection/detectFault';
import { CONTROL_SPEC_FILES, FAULT_DETECTIONS } from '../tests/detection/faultDetections';

const EVENT_TIMEOUT_MS = Number(process.env.REHEARSAL_EVENT_TIMEOUT_MS ?? 5_000);
const PARALLEL_RUNS = 2;
const OUTPUT_DIR = path.resolve(import.meta.dirname, '../reports/detection');

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const jobs: Array<{ fault: string; run: () => Promise<DetectionOutcome> }> = [
  ...(only.length === 0 || only.includes('control')
    ? [
        {
          fault: 'control',
          run: () => detectFault('control', { specFiles: CONTROL_SPEC_FILES, checklistItem: '', message: '' }, EVENT_TIMEOUT_MS),
        },
      ]
    : []),
  ...FAULT_NAMES.filter((fault) => only.length === 0 || only.includes(fault)).map((fault) => ({
    fault,
    run: () => detectFault(fault, FAULT_DETECTIONS[fault], EVENT_TIMEOUT_MS),
  })),
];

const outcomes: DetectionOutcome[] = [];
let next = 0;
let done = 0;
async function worker(): Promise<void> {
  while (next < jobs.length) {
    const job = jobs[next++]!;
    process.stdout.write(`▸ ${job.fault}…\n`);
    const outcome = await job.run().catch((error: Error) => ({
      fault: job.fault,
      specFiles: [],
      caught: false,
      by: 'the child run did not report',
      asExpected: false,
      message: (error.message.split('\n')[0] ?? '').slice(0, 300),
      durationMs: 0,
    }));
    outcomes.push(outcome);
    done += 1;
    process.stdout.write(
      `  [${done}/${jobs.length}] ${verdict(outcome)} ${job.fault} (${(outcome.durationMs / 1000).toFixed(0)} s)${outcome.by ? ` — ${outcome.by}` : ''}\n`,
    );
  }
}
await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
outcomes.sort((a, b) => jobs.findIndex((j) => j.fault === a.fault) - jobs.findIndex((j) => j.fault === b.fault));

const markdown = [
  '| Defect | Caught? | By (checklist item / step) | Failure message (first line, redacted) |',
  '|---|---|---|---|',
  ...outcomes.map((o) => `| \`${o.fault}\` | ${verdict(o)} | ${o.by || '—'} | ${o.message.replace(/\|/g, '\\|') || '—'} |`),
].join('\n');
await mkdir(OUTPUT_DIR, { recursive: true });
await writeFile(
  path.join(OUTPUT_DIR, 'detection.json'),
  `${JSON.stringify({ createdAt: new Date().toISOString(), eventTimeoutMs: EVENT_TIMEOUT_MS, outcomes }, null, 2)}\n`,
);
await writeFile(path.join(OUTPUT_DIR, 'detection.md'), `# Detection table\n\n${markdown}\n`);
process.stdout.write(`\n${markdown}\n\nWritten: ${path.relative(process.cwd(), OUTPUT_DIR)}/detection.{json,md}\n`);

const failures = outcomes.filter((o) => (o.fault === 'control' ? o.caught : !o.caught));
const elsewhere = outcomes.filter((o) => o.fault !== 'control' && o.caught && !o.asExpected);
if (elsewhere.length > 0) {
  process.stdout.write(
    `! Caught, but not at the expected item/step or without the expected words: ${elsewhere.map((o) => o.fault).join(', ')}\n`,
  );
}
if (failures.length > 0) {
  process.stdout.write(
    `✗ ${failures.map((o) => (o.fault === 'control' ? 'the control run failed' : `${o.fault} was missed`)).join('; ')}\n`,
  );
  process.exitCode = 1;
} else {
  const warnings = outcomes.filter((o) => o.by.startsWith('preflight warning')).length;
  const control = outcomes.some((o) => o.fault === 'control') ? 'The control passed and ' : '';
  process.stdout.write(
    `✓ ${control}every defect was caught${warnings ? ` (${warnings} as a failed warning item, which the sign-off names but which does not stop the run)` : ''}.\n`,
  );
}

function verdict(outcome: DetectionOutcome): string {
  if (outcome.fault === 'control') return outcome.caught ? '✗ control failed' : '✓ control passed';
  if (!outcome.caught) return '✗ missed';
  if (outcome.by.startsWith('preflight warning')) return '⚠ reported (warning item: the run passes)';
  return outcome.asExpected ? '✓ caught' : '~ caught elsewhere';
}
