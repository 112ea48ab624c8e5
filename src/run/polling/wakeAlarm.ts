import type { WakeSignal } from './wakeSignal';

/** A pause that a pushed event cuts short; remembers a push that came while nobody was sleeping. */
export class WakeAlarm {
  active = true;
  private rang = false;
  private wake: (() => void) | undefined;
  private readonly unsubscribe: (() => void) | undefined;

  constructor(signal: WakeSignal<unknown> | undefined) {
    this.unsubscribe = signal?.subscribe(() => {
      this.rang = true;
      this.wake?.();
    });
  }

  /** Forgets pushes before this point (the check about to start sees what they brought). */
  reset(): void {
    this.rang = false;
  }

  /** Resolves true when a push ended the pause (or had come since the last reset), false when the time ran out. */
  sleep(ms: number): Promise<boolean> {
    if (this.rang) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(false);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(true);
      };
    });
  }

  stop(): void {
    this.active = false;
    this.unsubscribe?.();
    this.wake?.();
  }
}
