import type { ChecklistItem, ItemRule } from '../../../model/checklist/types';
import type { ItemRuleFinder } from './itemRule';
import { providerCallsCarryRequestIds } from './providerCallsCarryRequestIds';

/** The finder of every rule an item may declare: a new ItemRule does not compile until it has one. */
const ITEM_RULE_FINDERS: Readonly<Record<ItemRule, ItemRuleFinder>> = {
  'provider-calls-carry-request-ids': providerCallsCarryRequestIds,
};

/** The finders of the rules the item declares, in its order. */
export function ruleFindersOf(item: ChecklistItem): ItemRuleFinder[] {
  return (item.rules ?? []).map((rule) => ITEM_RULE_FINDERS[rule]);
}

export type { ItemRuleFinder } from './itemRule';
