/**
 * The candidates a mistyped `word` most likely meant, closest first (at most `limit`): those within a few edits of
 * it, or containing it, or contained in it. Empty when nothing is close.
 */
export function closeMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const typed = word.trim().toLowerCase();
  if (typed === '') return [];
  const allowed = Math.max(2, Math.floor(typed.length / 4));
  return candidates
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const distance = editDistance(typed, lower);
      const overlaps = typed.length >= 4 && (lower.includes(typed) || typed.includes(lower));
      return { candidate, distance, close: distance <= allowed || overlaps };
    })
    .filter((scored) => scored.close)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((scored) => scored.candidate);
}

/** Levenshtein distance: the fewest single-character insertions, deletions or substitutions from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
