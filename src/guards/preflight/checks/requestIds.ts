import { describeError } from '../describeError';
import { failed, passed, skipped } from '../outcome';
import type { PreflightCheck } from '../types';

/**
 * request-ids-logged: a provider call's response carries a `Request-Id` (the SDK's `lastResponse.requestId`), so
 * the integration can log it for support.
 */
export const requestIds: PreflightCheck = {
  id: 'provider.request-ids',
  item: 'request-ids-logged',
  async run(context) {
    const { apiBase } = context.environment.provider;
    let requestId: string | undefined;
    try {
      requestId = (await context.account()).lastResponse.requestId || undefined;
    } catch (error) {
      const fromError = (error as { requestId?: string }).requestId;
      if (!fromError) {
        return skipped(
          `The provider at ${apiBase} could not be called (GET /v1/account: ${describeError(error)}), so its request ids could not be checked; fix the keys item first.`,
        );
      }
      requestId = fromError;
    }
    const evidence = { call: 'GET /v1/account', requestId: requestId ?? null };
    if (requestId)
      return passed(`The provider answers with a request id (GET /v1/account answered request id ${requestId}).`, { evidence });
    return failed(
      `The provider at ${apiBase} answered GET /v1/account without a Request-Id header, so calls cannot be traced in its logs: check that REHEARSAL_PROVIDER_API_BASE points at the provider itself, not a proxy that drops the header.`,
      { evidence },
    );
  },
};
