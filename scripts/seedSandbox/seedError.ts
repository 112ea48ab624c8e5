/**
 * Why the seed stopped, in one line that says what to do. `exitCode` 2: bad arguments, an unknown target or no
 * sandbox at the URL given; 1: the sandbox holds something that contradicts the target (nothing was overwritten).
 */
export class SeedError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'SeedError';
  }
}
