/**
 * How long a detection's child run waits for each piece of evidence. Long enough for a loaded 2-core CI machine (two
 * child runs, each with its sandbox and browser, beside the suite's own workers: 3 s proved too short for a webhook
 * delivery there); a defect that shows as missing evidence costs this much once.
 */
export const DETECTION_EVENT_TIMEOUT_MS = 8_000;
