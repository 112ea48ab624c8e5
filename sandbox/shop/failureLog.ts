import { merchantFailureLog } from '../merchant/failureLog';

/** One line on stderr naming where a failure of the demo shop happened and its kind, never its message. */
export const logFailure = merchantFailureLog('demo shop');
