import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { redactText } from '../../base/redact';
import { parseSinkPosture, SINK_POSTURE_FILE } from '../../run/webhooks/sinkPostureRecord';
import type { SinkPosture } from '../../run/webhooks/sinkReachability';

/** Where the harness's sink fixture says whether its sink could be reached this run, relative to the run directory. */
export const WEBHOOK_SINK_FILE = SINK_POSTURE_FILE;

/**
 * `evidence/webhook-sink.json`: whether the referral platform could reach the harness's own sink this run, and how:
 * on loopback, or through a forwarder (`REHEARSAL_SINK_URL`, whose public URL is `url`); `reason`: why it could not.
 */
export type WebhookSinkStatus = SinkPosture;

/**
 * The run's webhook-sink.json: `status` when it is there and readable; nothing at all when it is absent (an older run:
 * the sign-off says nothing about the sink); `problem` (one line) when it is there but cannot be read.
 */
export async function readWebhookSinkStatus(runDir: string): Promise<{ status?: WebhookSinkStatus; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path.join(runDir, WEBHOOK_SINK_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: unreadable(firstLineOf((error as Error).message)) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: unreadable(`invalid JSON: ${firstLineOf((error as Error).message)}`) };
  }
  const status = parseSinkPosture(value);
  return status ? { status } : { problem: unreadable('not { reachable, via }') };
}

function unreadable(why: string): string {
  return redactText(`${WEBHOOK_SINK_FILE} could not be read (${why}); the sign-off says nothing about the harness's sink`);
}

function firstLineOf(text: string): string {
  return text.split('\n')[0]!.trim();
}
