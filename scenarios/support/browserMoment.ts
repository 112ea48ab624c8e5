import type { TimelinePoint } from '../../src/run/evidence/flowRecord';
import { momentNow } from '../../src/run/evidence/timeline';

/** What the customer (or the operator, in the shop's admin) does in the browser, now, for the flow's timeline. */
export function browserMoment(label: string, objectId?: string): TimelinePoint {
  return momentNow('browser', label, objectId);
}
