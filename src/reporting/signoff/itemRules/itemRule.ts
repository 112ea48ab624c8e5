import type { FlowRecord } from '../../../run/evidence/flowRecord';
import type { FindingContext, ItemFindings } from '../itemFindings';

/** How the sign-off finds the evidence of one ItemRule (src/model/checklist/itemDefinition.ts) an item declares. */
export interface ItemRuleFinder {
  /** Whether a flow that tagged no step with the item still decides it through this rule (so it is no gap). */
  decidesWithoutSteps(record: FlowRecord): boolean;
  /** Adds what the rule finds in the run to the item's findings. */
  find(context: FindingContext, findings: ItemFindings): void;
}
