/** One thing the seed looked at: what it found or did, in words, and whether it changed the sandbox. */
export interface SeedStep {
  changed: boolean;
  /** e.g. "created price demo_tshirt: 2000 usd (Rehearsal T-shirt)" or "price demo_tshirt: 2000 usd, as the target sells it". */
  line: string;
}
