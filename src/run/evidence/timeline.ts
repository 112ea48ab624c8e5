import type { TimelineLane, TimelinePoint } from './flowRecord';

/** A moment the harness saw happen just now (a click in the browser, a delivery to its sink): millisecond precision. */
export function momentNow(lane: TimelineLane, label: string, objectId?: string): TimelinePoint {
  return momentAtMs(lane, label, Date.now(), objectId);
}

/** A moment known to the millisecond (e.g. a webhook sink's receivedAt). */
export function momentAtMs(lane: TimelineLane, label: string, at: number, objectId?: string): TimelinePoint {
  return withObject({ lane, label, at, precision: 'ms' }, objectId);
}

/** A moment a provider or platform reports in unix seconds (`created`, `attempted_at`): second precision. */
export function momentAtUnixSeconds(lane: TimelineLane, label: string, seconds: number, objectId?: string): TimelinePoint {
  return withObject({ lane, label, at: seconds * 1000, precision: 's' }, objectId);
}

function withObject(point: TimelinePoint, objectId: string | undefined): TimelinePoint {
  return objectId ? { ...point, objectId } : point;
}

/**
 * The points in time order. A second-precision point only says "some time in that second", so within a second that
 * holds one, the points keep the order they were recorded in (the flow's own order: the harness records what it
 * does and finds in sequence); elsewhere they are ordered by their milliseconds. Never mutates its input.
 */
export function orderTimeline(points: readonly TimelinePoint[]): TimelinePoint[] {
  const bySecond = new Map<number, { point: TimelinePoint; recorded: number }[]>();
  points.forEach((point, recorded) => {
    const second = Math.floor(point.at / 1000);
    const bucket = bySecond.get(second) ?? [];
    bucket.push({ point, recorded });
    bySecond.set(second, bucket);
  });
  return [...bySecond.keys()]
    .sort((a, b) => a - b)
    .flatMap((second) => {
      const bucket = bySecond.get(second)!;
      const coarse = bucket.some((entry) => entry.point.precision === 's');
      const ordered = coarse ? bucket : [...bucket].sort((a, b) => a.point.at - b.point.at || a.recorded - b.recorded);
      return ordered.map((entry) => entry.point);
    });
}
