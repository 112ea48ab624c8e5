import type { ItemRuleFinder } from './itemRule';

/**
 * `provider-calls-carry-request-ids`: every provider call a flow recorded carries a request id; one call without
 * fails the item, and then the calls with an id do not make up for it.
 */
export const providerCallsCarryRequestIds: ItemRuleFinder = {
  decidesWithoutSteps: (record) => record.providerRequests.length > 0,
  find(context, findings) {
    const calls = context.flows.flatMap((record) => record.providerRequests.map((request) => ({ record, request })));
    const withoutId = calls.filter(({ request }) => !request.requestId);
    if (withoutId.length === 0) {
      findings.passes.callsWithRequestId = calls.length;
      return;
    }
    const first = withoutId[0]!;
    findings.failures.push({
      kind: 'calls-without-request-id',
      withoutId: withoutId.length,
      total: calls.length,
      first: { method: first.request.method, path: first.request.path, flow: first.record.flow },
    });
    for (const record of new Set(withoutId.map(({ record }) => record))) {
      findings.evidence.push({
        kind: 'flow-calls-without-request-id',
        flow: record.flow,
        href: context.flowHref(record),
      });
    }
  },
};
