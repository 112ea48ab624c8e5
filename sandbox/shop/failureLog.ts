import { logMerchantFailure } from '../merchant/failureLog';

/** One line on stderr naming where a failure happened and its kind, never its message (see logMerchantFailure). */
export function logFailure(where: string, error: unknown): void {
  logMerchantFailure('demo shop', where, error);
}
