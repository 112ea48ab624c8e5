/** A report problem the user can fix; its message is one line saying what is wrong and what to do. */
export class ReportError extends Error {
  override name = 'ReportError';

  constructor(
    message: string,
    /** no-results: the results folder is missing or empty; allure-failed: Allure could not build the report. */
    readonly reason: 'no-results' | 'allure-failed',
  ) {
    super(message);
  }
}
