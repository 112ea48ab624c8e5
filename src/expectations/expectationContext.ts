/** What every expectation needs besides the client it asks: where to attach evidence and how long to wait. */
export interface ExpectationContext {
  /** Receives the (redacted) objects an expectation relied on; the EvidenceRecorder fits. */
  evidence: { attachJson(name: string, value: unknown): Promise<void> };
  /** How long to wait for each piece of evidence (rehearsalConfig.eventTimeoutMs). */
  timeoutMs: number;
}
