import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SinkPosture } from './sinkReachability';

/** Where a run records whether the referral platform could reach the harness's sink (relative to its run directory). */
export const SINK_POSTURE_FILE = 'evidence/webhook-sink.json';

/**
 * Records the run's sink posture; the first worker to record it gets `true` (it tells the operator, once per run),
 * the others `false` and leave the record as it is.
 */
export async function recordSinkPosture(runDir: string, posture: SinkPosture): Promise<boolean> {
  const file = path.join(runDir, SINK_POSTURE_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, `${JSON.stringify(posture, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
}

/** The posture a run recorded; undefined for a run that recorded none (older, or no referral programme) or an unreadable one. */
export async function readSinkPosture(runDir: string): Promise<SinkPosture | undefined> {
  const parsed = await readFile(path.join(runDir, SINK_POSTURE_FILE), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => undefined);
  return parseSinkPosture(parsed);
}

/** A recorded posture read back: `{ reachable, via }` with its optional `url` and `reason`; undefined for anything else. */
export function parseSinkPosture(value: unknown): SinkPosture | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.reachable !== 'boolean' || (record.via !== 'loopback' && record.via !== 'forwarder')) return undefined;
  return {
    reachable: record.reachable,
    via: record.via,
    ...(typeof record.url === 'string' && record.url !== '' ? { url: record.url } : {}),
    ...(typeof record.reason === 'string' && record.reason.trim() !== '' ? { reason: record.reason.trim() } : {}),
    ...(record.platformLimit === true ? { platformLimit: true as const } : {}),
  };
}

/**
 * What the operator is told once per run: nothing when the sink is reached on this machine as always; how it is
 * reached through the forwarder; or that it cannot be, what decides delivery instead and how to bring its checks back.
 */
export function sinkPostureNotice(posture: SinkPosture, port: number): string | undefined {
  if (posture.reachable)
    return posture.via === 'forwarder' ? `Webhook sink: reached through REHEARSAL_SINK_URL (${posture.url}).` : undefined;
  if (posture.platformLimit) {
    return (
      `Webhook sink: not used (${posture.reason ?? 'the referral platform cannot register it'}). The checks only the sink can make ` +
      "(the platform's signatures and what its webhooks carry) are skipped, whatever REHEARSAL_SINK_URL says."
    );
  }
  const remedy =
    posture.via === 'forwarder'
      ? `REHEARSAL_SINK_URL is set, but the platform could not reach the sink through it: check that the tunnel is up and forwards to port ${port} on this machine (127.0.0.1).`
      : `To run them, set REHEARSAL_SINK_URL to a public URL (a tunnel) that forwards to port ${port} on this machine.`;
  return (
    `Webhook sink: not reachable (${posture.reason ?? 'no reason given'}). Webhook delivery is decided from the referral platform's ` +
    "delivery log and the provider's; the checks only the sink can make (the platform's signatures and what its webhooks carry) are " +
    `skipped. ${remedy}`
  );
}
