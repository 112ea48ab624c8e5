import { RehearsalError } from './errors';

/** A setting is missing or wrong. The message is one line and says what to do. */
export class ConfigError extends RehearsalError {
  override name = 'ConfigError';
  readonly exitCode = 2;
}
