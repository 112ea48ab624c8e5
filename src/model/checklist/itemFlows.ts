import type { ChecklistItem } from './catalogue';

/** Whether the item names this flow (a flow record's `flow`, as read from its file) among the flows that decide it. */
export function decidedByFlow(item: ChecklistItem, flow: string): boolean {
  const flows: readonly string[] = item.flows ?? [];
  return flows.includes(flow);
}
