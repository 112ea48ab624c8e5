/**
 * The rehearsed flows, one per scenario spec (scenarios/<id>.spec.ts). A scenario names its flow with
 * `test.use({ flowName })`; the report groups evidence by it and a checklist item lists the flows that decide it.
 */
export const FLOW_IDS = [
  'referral-purchase-refund',
  'subscribe-renew-cancel',
  'declines',
  'duplicate-submit',
  'zero-decimal-purchase',
  'webhook-resilience',
] as const;

export type FlowId = (typeof FLOW_IDS)[number];

/** Whether a string read from a report or a file names a rehearsed flow. */
export function isFlowId(value: string): value is FlowId {
  return (FLOW_IDS as readonly string[]).includes(value);
}
