/**
 * mulberry32: a tiny seeded PRNG returning numbers in [0, 1). Hand-written because it is five lines and only picks
 * which sandbox requests get a fault (no security or statistical quality needed), not worth a dependency.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
