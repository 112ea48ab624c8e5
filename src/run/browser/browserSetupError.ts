import { RehearsalError } from '../../base/errors';

/** A browser problem the user can fix; its message is one line saying what is wrong and what to do. */
export class BrowserSetupError extends RehearsalError {
  override name = 'BrowserSetupError';
  readonly exitCode = 1;
}

export const NO_CHROMIUM_MESSAGE =
  "No Chromium found: install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.";
