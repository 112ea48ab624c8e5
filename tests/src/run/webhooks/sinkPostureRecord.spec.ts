import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSinkPosture, recordSinkPosture, SINK_POSTURE_FILE, sinkPostureNotice } from '../../../../src/run/webhooks/sinkPostureRecord';
import type { SinkPosture } from '../../../../src/run/webhooks/sinkReachability';

let runDir: string;

test.beforeEach(async () => {
  runDir = await mkdtemp(path.join(tmpdir(), 'sink-posture-'));
});

test.afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

const unreachable: SinkPosture = {
  reachable: false,
  via: 'loopback',
  reason: 'the referral platform (api.referral.example) is not on this machine',
};
const forwarded: SinkPosture = { reachable: true, via: 'forwarder', url: 'https://abc.trycloudflare.com/probe-1/webhooks' };

test('the first worker to record the posture writes evidence/webhook-sink.json and is told it was first', async () => {
  expect(SINK_POSTURE_FILE).toBe('evidence/webhook-sink.json');
  expect(await recordSinkPosture(runDir, unreachable)).toBe(true);
  expect(JSON.parse(await readFile(path.join(runDir, 'evidence', 'webhook-sink.json'), 'utf8'))).toEqual(unreachable);
});

test('a later worker is told it was not first and leaves the record as it is', async () => {
  await recordSinkPosture(runDir, unreachable);
  expect(await recordSinkPosture(runDir, forwarded)).toBe(false);
  expect(await readSinkPosture(runDir)).toEqual(unreachable);
});

test('of workers recording at the same moment, exactly one is first', async () => {
  const firsts = await Promise.all(Array.from({ length: 8 }, () => recordSinkPosture(runDir, forwarded)));
  expect(firsts.filter(Boolean)).toHaveLength(1);
});

test('reads back what was recorded, keeping only the known fields', async () => {
  await mkdir(path.join(runDir, 'evidence'), { recursive: true });
  await writeFile(
    path.join(runDir, SINK_POSTURE_FILE),
    JSON.stringify({ ...forwarded, reason: 'seen', extra: 'dropped', url: forwarded.url }),
  );
  expect(await readSinkPosture(runDir)).toEqual({ ...forwarded, reason: 'seen' });
});

test('a run that recorded nothing, or something unreadable, has no posture', async () => {
  expect(await readSinkPosture(runDir)).toBeUndefined();
  await mkdir(path.join(runDir, 'evidence'), { recursive: true });
  const file = path.join(runDir, SINK_POSTURE_FILE);
  for (const text of ['{not json', '{"reachable":"yes","via":"loopback"}', '{"reachable":true,"via":"carrier-pigeon"}', 'null']) {
    await writeFile(file, text);
    expect(await readSinkPosture(runDir), text).toBeUndefined();
  }
});

test('says nothing when the sink is reached on this machine as always', () => {
  expect(sinkPostureNotice({ reachable: true, via: 'loopback' }, 4480)).toBeUndefined();
});

test('says how the sink is reached through the forwarder', () => {
  expect(sinkPostureNotice(forwarded, 4480)).toBe(
    'Webhook sink: reached through REHEARSAL_SINK_URL (https://abc.trycloudflare.com/probe-1/webhooks).',
  );
});

test('for an unreachable sink, says why, what decides delivery instead, what is skipped and how to bring it back, in one line', () => {
  const notice = sinkPostureNotice(unreachable, 9000)!;
  expect(notice).toContain('Webhook sink: not reachable (the referral platform (api.referral.example) is not on this machine).');
  expect(notice).toContain("decided from the referral platform's delivery log and the provider's");
  expect(notice).toContain('skipped');
  expect(notice).toContain('set REHEARSAL_SINK_URL to a public URL (a tunnel) that forwards to port 9000 on this machine');
  expect(notice).not.toContain('\n');
});

test('when REHEARSAL_SINK_URL is already set but unreachable, points at the tunnel instead of asking to set it', () => {
  const notice = sinkPostureNotice(
    { reachable: false, via: 'forwarder', url: 'https://abc.trycloudflare.com/probe-1/webhooks', reason: 'no ping arrived within 5 s' },
    9000,
  )!;
  expect(notice).toContain('REHEARSAL_SINK_URL is set, but the platform could not reach the sink through it');
  expect(notice).toContain('forwards to port 9000');
  expect(notice).not.toContain('set REHEARSAL_SINK_URL to a public URL');
});
