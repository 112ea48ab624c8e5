import { STAGE_IDS, type BenchFigures, type StageOutcome } from './benchFigures';
import { seconds, stageLabel, type BenchRow, type Verdict } from './verdicts';

/** Where and when the bench ran, printed above the tables. */
export interface BenchMachine {
  date: string;
  cores: number;
  node: string;
  /** The Chromium the stages drove (its path), when a browser stage ran. */
  browser?: string;
}

const MET_WORDS: Record<Verdict, string> = { met: 'yes', missed: 'NO (missed)', 'not measured': 'NO (not measured)', 'not run': 'not run' };
const MET_SYMBOLS: Record<Verdict, string> = { met: '✓', missed: '✗', 'not measured': '✗', 'not run': '–' };

/** The results as the console shows them: the stages, then one line per figure with its target and verdict. */
export function benchConsoleBlock(figures: BenchFigures, rows: readonly BenchRow[], rounds: number): string[] {
  const lines = ['', `Benchmark results: ${roundsNote(rounds)}`, ...stageLines(figures).map((line) => `  ${line}`), ''];
  for (const row of rows) {
    const symbol = row.met ? MET_SYMBOLS[row.met] : '·';
    const target = row.met ? ` — target ${row.target}: ${MET_WORDS[row.met]}` : '';
    lines.push(`  ${symbol} ${row.figure}: ${row.value}${target}`);
  }
  return lines;
}

/** bench.md: the machine, the stages and the results table (figure, value, target, met?) for the README. */
export function benchMarkdown(figures: BenchFigures, rows: readonly BenchRow[], machine: BenchMachine, rounds: number): string {
  const table = [
    '| Figure | Value | Target | Met? |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.target)} | ${row.met ? MET_WORDS[row.met] : '—'} |`),
  ];
  return [
    '## Benchmark (`npm run bench`)',
    '',
    `${machine.date}, one machine: ${machine.cores} cores, Node ${machine.node}${machine.browser ? `, ${machine.browser}` : ''}; ${roundsNote(rounds)}.`,
    '',
    ...stageLines(figures).map((line) => `- ${line}`),
    '',
    ...table,
    '',
  ].join('\n');
}

function stageLines(figures: BenchFigures): string[] {
  return STAGE_IDS.flatMap((id) => {
    const stage = figures.stages[id];
    if (!stage) return [`${stageLabel(id)}: not run`];
    const tests = stage.tests ? `; tests: ${stage.tests.passed} passed, ${stage.tests.failed} failed, ${stage.tests.skipped} skipped` : '';
    const cpu = stage.cpuBusyCores === undefined ? '' : `; CPU busy ${stage.cpuBusyCores.toFixed(2)} cores on average`;
    return [
      `${stageLabel(id)}: ${seconds(stage.wallMs)}${roundTimes(stage)}${tests}${cpu}${stage.failure ? ` — FAILED: ${stage.failure}` : ''}`,
    ];
  });
}

/** How the stages' figures were taken, e.g. "each stage's figure the fastest of 2 rounds (stage D runs once)". */
function roundsNote(rounds: number): string {
  return rounds === 1 ? 'each stage ran once' : `each stage's figure the fastest of ${rounds} rounds (stage D runs once)`;
}

/** " (fastest of 2 rounds: 96.0 s, 84.1 s)"; nothing for a stage that ran once. A failed stage shows its failed round. */
function roundTimes(stage: StageOutcome): string {
  if (stage.roundsMs.length < 2) return '';
  const times = stage.roundsMs.map(seconds).join(', ');
  return stage.failure ? ` (the failed round; rounds: ${times})` : ` (fastest of ${stage.roundsMs.length} rounds: ${times})`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
