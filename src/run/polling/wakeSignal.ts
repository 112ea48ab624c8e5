/** Something that happens now and then (a webhook arriving) which a waiting check should not sleep through. */
export interface WakeSignal<T> {
  /** Calls `listener` on every occurrence from now on; returns the function that stops it. */
  subscribe(listener: (value: T) => void): () => void;
}

/** A signal listeners subscribe to and the owner fires. */
export function createWakeSignal<T>(): WakeSignal<T> & { fire(value: T): void } {
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch {
          // A listener's failure is its own: the others still hear, and the owner (the sink's reply) goes on.
        }
      }
    },
  };
}

/** Only the occurrences `relevant` accepts (a listener is never woken by another object's events). */
export function wakeWhen<T>(signal: WakeSignal<T> | undefined, relevant: (value: T) => boolean): WakeSignal<T> | undefined {
  if (!signal) return undefined;
  return {
    subscribe: (listener) =>
      signal.subscribe((value) => {
        if (relevant(value)) listener(value);
      }),
  };
}
