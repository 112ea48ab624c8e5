import type { DeliveryRecord, TimelinePoint, UnobservedDelivery } from '../evidence/flowRecord';
import type { WakeSignal } from '../polling/wakeSignal';
import type { SinkDelivery } from '../webhooks/webhookSink';

/** What every expectation needs besides the client it asks: where to put evidence and how long to wait. */
export interface ExpectationContext {
  /**
   * Receives the (redacted) objects an expectation relied on and, when it has a flow record, the moments it found
   * for the flow's timeline (with the best time the source gives); the EvidenceRecorder fits.
   */
  evidence: {
    attachJson(name: string, value: unknown): Promise<void>;
    timeline?(point: TimelinePoint): void;
    /** A webhook delivery the expectation looked at (the sign-off's delivery success rates). */
    delivery?(delivery: DeliveryRecord): void;
    /** A webhook the expectation could not see delivered, and why (the sign-off says it was not observable). */
    unobservedDelivery?(delivery: UnobservedDelivery): void;
  };
  /** How long to wait for each piece of evidence (rehearsalConfig.eventTimeoutMs). */
  timeoutMs: number;
  /**
   * The harness's webhook sink deliveries as they arrive (the `within` fixture passes them): a wait whose event arrives
   * re-checks at once instead of at its next poll. Without it, waits poll only.
   */
  arrivals?: WakeSignal<SinkDelivery>;
}
