export { runPreflight } from './runPreflight';
export { formatPreflightLines } from './formatPreflightLines';
export { blockingFailures, preflightItems, type ItemVerdict, type PreflightItem } from './itemVerdicts';
export { writePreflightReport } from './writePreflightReport';
export { PREFLIGHT_CHECKS } from './checks/index';
export { WEBHOOK_ANSWER_LIMIT_MS } from './createContext';
export type { CheckOutcome, PreflightCheck, PreflightContext, PreflightOptions } from './types';
