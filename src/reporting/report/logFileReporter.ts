import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { FullResult, Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';

/**
 * Writes what the console shows of a rehearsal (each test's outcome and errors, and everything the tests print)
 * to one log file next to the report, unredacted on purpose: the leak scan reads it, so a secret that reached the
 * output fails the run instead of hiding in the terminal's scrollback.
 */
export default class LogFileReporter implements Reporter {
  private log: WriteStream | undefined;

  constructor(private readonly options: { outputFile: string }) {}

  onBegin(): void {
    mkdirSync(dirname(this.options.outputFile), { recursive: true });
    this.log = createWriteStream(this.options.outputFile, { flags: 'w' });
  }

  onStdOut(chunk: string | Buffer, test?: TestCase): void {
    this.write(`${test ? `[${test.title}] ` : ''}${chunk.toString()}`);
  }

  onStdErr(chunk: string | Buffer, test?: TestCase): void {
    this.write(`${test ? `[${test.title}] ` : ''}${chunk.toString()}`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.write(`${result.status.toUpperCase()} ${test.titlePath().filter(Boolean).join(' › ')} (${result.duration} ms)\n`);
    for (const error of result.errors) this.writeError(error);
  }

  onError(error: TestError): void {
    this.writeError(error);
  }

  async onEnd(result: FullResult): Promise<void> {
    this.write(`Finished: ${result.status}\n`);
    const log = this.log;
    if (log) await new Promise<void>((resolve) => log.end(resolve));
  }

  private writeError(error: TestError): void {
    this.write(`${error.stack ?? error.message ?? error.value ?? 'unknown error'}\n`);
  }

  private write(text: string): void {
    this.log?.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}
