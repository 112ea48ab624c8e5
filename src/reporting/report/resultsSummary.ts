export interface ResultsSummary {
  total: number;
  passed: number;
  failed: number;
  broken: number;
  skipped: number;
  unknown: number;
}

/** Reads the counts Allure wrote next to the report (summary.json of the awesome plugin); undefined if absent. */
export function parseAllureSummary(json: string): ResultsSummary | undefined {
  try {
    const stats = (JSON.parse(json) as { stats?: Record<string, unknown> }).stats;
    if (!stats) return undefined;
    const count = (key: string) => (typeof stats[key] === 'number' ? (stats[key] as number) : 0);
    return {
      total: count('total'),
      passed: count('passed'),
      failed: count('failed'),
      broken: count('broken'),
      skipped: count('skipped'),
      unknown: count('unknown'),
    };
  } catch {
    return undefined;
  }
}

/** "3 passed, 1 failed (4 total)" */
export function formatSummary(summary: ResultsSummary): string {
  const parts = (['passed', 'failed', 'broken', 'skipped', 'unknown'] as const)
    .filter((key) => summary[key] > 0 || key === 'passed')
    .map((key) => `${summary[key]} ${key}`);
  return `${parts.join(', ')} (${summary.total} total)`;
}
