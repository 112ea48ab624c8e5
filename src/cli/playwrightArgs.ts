import { UsageError } from './errors';

/**
 * The Playwright Test options `rehearse run` passes through (value: whether it takes a value).
 * --project, --config, --reporter and --output are left out: the rehearsal sets them, and changing them would lose the report.
 */
const PASS_THROUGH = new Map<string, boolean>([
  ['--grep', true],
  ['-g', true],
  ['--grep-invert', true],
  ['-G', true],
  ['--headed', false],
  ['--debug', false],
  ['--workers', true],
  ['-j', true],
  ['--retries', true],
  ['--repeat-each', true],
  ['--max-failures', true],
  ['-x', false],
  ['--timeout', true],
  ['--global-timeout', true],
  ['--last-failed', false],
  ['--list', false],
  ['--fail-on-flaky-tests', false],
  ['--shard', true],
  ['--shuffle', false],
  ['--pass-with-no-tests', false],
]);

/** Throws a UsageError naming the first option `rehearse run` does not know. Other words are Playwright's file filters. */
export function checkPlaywrightArgs(args: string[]): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') continue;
    const [name, inlineValue] = arg.split(/=(.*)/s) as [string, string | undefined];
    const takesValue = PASS_THROUGH.get(name);
    if (takesValue === undefined) throw new UsageError(`Unknown command ${arg}. Run \`rehearse --help\` for the list.`);
    if (takesValue && inlineValue === undefined) i++; // its value is the next word, whatever it looks like
  }
}
