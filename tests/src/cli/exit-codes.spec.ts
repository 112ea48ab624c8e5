import { expect, test } from '@playwright/test';
import { ConfigError } from '../../../src/base/configError';
import { RehearsalError } from '../../../src/base/errors';
import { exitCodeFor, UsageError } from '../../../src/cli/errors';
import { ReportError } from '../../../src/reporting/report/reportError';
import { BrowserSetupError } from '../../../src/run/browser/browserSetupError';

class AdvisedError extends RehearsalError {
  readonly exitCode = 3;
}

test('an error the user can fix ends with its own exit code and the first line of its message', () => {
  const usage = exitCodeFor(new UsageError('Unknown command "nope".\nsecond line'));
  expect(usage).toEqual({ code: 2, line: 'Unknown command "nope".' });
  expect(exitCodeFor(new ConfigError('A setting is wrong.'))).toEqual({ code: 2, line: 'A setting is wrong.' });
  expect(exitCodeFor(new BrowserSetupError('No Chromium found.')).code).toBe(1);
  expect(exitCodeFor(new ReportError('No results.', 'no-results')).code).toBe(1);
});

test('its advice follows the message on the same line', () => {
  expect(exitCodeFor(new AdvisedError('The sink is not reachable.', { advice: 'Start the relay first.' }))).toEqual({
    code: 3,
    line: 'The sink is not reachable. Start the relay first.',
  });
});

test('any other error is a bug: exit code 1 and its stack', () => {
  const { code, line } = exitCodeFor(new TypeError('x is undefined'));
  expect(code).toBe(1);
  expect(line).toMatch(/^Unexpected error \(please report it\): TypeError: x is undefined\n\s+at /);
});
