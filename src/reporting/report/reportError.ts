import { RehearsalError } from '../../base/errors';

/** A report problem the user can fix; its message is one line saying what is wrong and what to do. */
export class ReportError extends RehearsalError {
  override name = 'ReportError';
  readonly exitCode = 1;

  constructor(
    message: string,
    /** no-results: the results folder is missing or empty; allure-failed: Allure could not build the report. */
    readonly reason: 'no-results' | 'allure-failed',
  ) {
    super(message);
  }
}
