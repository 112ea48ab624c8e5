import type { DeliveryRecord, FlowRecord, FlowScreenshot, ProviderRequestRecord, StepRecord, TimelinePoint } from './flowRecord';
import type { FlowProgressLine } from './flowProgress';
import { deliveryKey } from './deliveryKey';
import { orderTimeline } from './timeline';

/**
 * The flow record a progress journal (src/run/evidence/flowProgress.ts) adds up to, for a test that never wrote its own:
 * status `interrupted`, the steps as they last stood (a step begun and never ended is `interrupted`, and is
 * `interruptedDuring`), its screenshots, timeline and provider calls; it ends at the last thing it recorded.
 * Undefined without a readable `started` line. Lines that are not JSON (the last one, cut by the kill) are skipped.
 */
export function foldFlowProgress(text: string): FlowRecord | undefined {
  const lines = text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      const value = JSON.parse(line) as unknown;
      return typeof value === 'object' && value !== null ? [value as FlowProgressLine] : [];
    } catch {
      return [];
    }
  });
  const started = lines.find((line): line is Extract<FlowProgressLine, { kind: 'started' }> => line.kind === 'started');
  if (!started || typeof started.flow !== 'string' || typeof started.testRunId !== 'string' || !isTime(started.at)) return undefined;

  const steps = new Map<number, StepRecord>();
  const screenshots: FlowScreenshot[] = [];
  const points: TimelinePoint[] = [];
  const requests: ProviderRequestRecord[] = [];
  const deliveries = new Map<string, DeliveryRecord>();
  let lastAt = started.at;
  const seen = (at: unknown) => {
    if (isTime(at)) lastAt = Math.max(lastAt, at);
  };
  for (const line of lines) {
    if (line.kind === 'step' && Number.isInteger(line.index) && isStep(line.step)) {
      steps.set(line.index, line.step);
      seen(line.step.startedAt);
      seen(line.step.endedAt);
    } else if (line.kind === 'screenshot' && isObject(line.screenshot) && typeof line.screenshot.file === 'string') {
      screenshots.push(line.screenshot);
      seen(line.at);
    } else if (line.kind === 'timeline' && isObject(line.point) && isTime(line.point.at)) {
      points.push(line.point);
    } else if (line.kind === 'provider-request' && isObject(line.request) && typeof line.request.method === 'string') {
      requests.push(line.request);
      seen(line.request.at);
    } else if (line.kind === 'delivery' && isObject(line.delivery) && typeof line.delivery.eventId === 'string') {
      deliveries.set(deliveryKey(line.delivery), line.delivery);
    }
  }

  const ordered = [...steps.entries()].sort(([a], [b]) => a - b).map(([, step]) => step);
  let interruptedDuring: string | undefined;
  const finalSteps = ordered.map((step): StepRecord => {
    if (step.status !== 'passed' || step.endedAt > 0) return step;
    // Begun, never ended: the test was stopped in it (the innermost such step is the one it was in).
    interruptedDuring = step.title;
    return { ...step, status: 'interrupted', endedAt: lastAt, error: 'the test was stopped during this step, before it ended' };
  });
  return {
    runId: started.runId,
    testRunId: started.testRunId,
    flow: started.flow,
    title: typeof started.title === 'string' ? started.title : started.flow,
    file: typeof started.file === 'string' ? started.file : '',
    status: 'interrupted',
    ...(interruptedDuring !== undefined ? { interruptedDuring } : {}),
    startedAt: started.at,
    endedAt: lastAt,
    steps: finalSteps,
    timeline: orderTimeline(points),
    screenshots,
    providerRequests: requests,
    ...(deliveries.size > 0 ? { deliveries: [...deliveries.values()] } : {}),
    ...(Array.isArray(started.outOfScope) && started.outOfScope.length > 0 ? { outOfScope: started.outOfScope } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStep(value: unknown): value is StepRecord {
  return isObject(value) && typeof value.title === 'string' && typeof value.status === 'string' && Array.isArray(value.checklist);
}
