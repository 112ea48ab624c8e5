import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Lets at most `budget` calls start in any `windowMs` (a sliding window over the start times); a caller over the
 * budget waits for its turn, first come first served, and is never refused. Hand-written: the brief forbids adding
 * a dependency to the shared node_modules, and none already in package.json limits rates.
 */
export class SlidingWindowLimiter {
  readonly budget: number;
  readonly windowMs: number;
  private readonly starts: number[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** When a caller last woke from waiting for the window: a caller queued before then waited for the budget too. */
  private lastWokeAt = -Infinity;
  private readonly now: () => number;

  constructor(options: { budget: number; windowMs: number; now?: () => number }) {
    this.budget = Math.max(1, Math.floor(options.budget));
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
  }

  /**
   * Waits until a call may start, takes its slot; resolves with the slot's time and how long it waited. `signal`
   * ends the wait (the promise rejects, and the callers behind move up): the budget server stopping.
   */
  take(signal?: AbortSignal): Promise<{ at: number; waitedMs: number }> {
    const asked = this.now();
    const turn = this.queue.then(() => this.nextSlot(asked, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async nextSlot(asked: number, signal: AbortSignal | undefined): Promise<{ at: number; waitedMs: number }> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      while (this.starts.length > 0 && now - this.starts[0]! >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.budget) {
        this.starts.push(now);
        // Only waiting for the window counts; a slot free at once (a few ms of event-loop delay) waited nothing.
        return { at: now, waitedMs: this.lastWokeAt >= asked ? now - asked : 0 };
      }
      // The oldest start leaves the window at starts[0] + windowMs; +1 ms because timers may fire a little early.
      await sleep(this.starts[0]! + this.windowMs - now + 1, undefined, { signal });
      this.lastWokeAt = this.now();
    }
  }
}
