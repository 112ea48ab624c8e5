/**
 * The node arguments that run `sandbox/main.ts` in one process: tsx as a loader (`node --import tsx`), not
 * the tsx CLI. The CLI runs the script in a second process and, on SIGTERM, SIGKILLs it when it has not
 * acknowledged the signal within 30 ms, which on a busy machine turns a clean stop into exit 143.
 */
export const SANDBOX_NODE_ARGS = ['--import', 'tsx', 'sandbox/main.ts'] as const;
