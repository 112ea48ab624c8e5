import { readFileSync } from 'node:fs';

/** The machine's CPU time so far (Linux /proc/stat, in clock ticks), or undefined elsewhere. */
export function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    return { busy, total: busy + idle! + iowait! };
  } catch {
    return undefined;
  }
}

/** How many cores were busy on average between two readings (all processes, this machine), or undefined. */
export function busyCores(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>, cores: number): number | undefined {
  if (!before || !after || after.total <= before.total) return undefined;
  return ((after.busy - before.busy) / (after.total - before.total)) * cores;
}
