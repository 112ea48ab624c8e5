/**
 * What Playwright may record of a live rehearsal. A trace holds every typed value and the payment form's network
 * log (the live card number, CVC and expiry, the merchant's admin key); a video and Playwright's own screenshots show
 * the card fields unmasked. In live mode each must be off, checked before the first page opens.
 */
export interface PlaywrightRecording {
  trace: string | { mode: string };
  video: string | { mode: string };
  screenshot: string | { mode: string };
}

/** One line per recording setting that is not off in live mode (none in test mode). */
export function liveRecordingRefusals(mode: 'test' | 'live', recording: PlaywrightRecording): string[] {
  if (mode !== 'live') return [];
  const settings = Object.entries(recording) as Array<[keyof PlaywrightRecording, PlaywrightRecording[keyof PlaywrightRecording]]>;
  return settings
    .map(([name, value]) => [name, typeof value === 'string' ? value : value.mode] as const)
    .filter(([, value]) => value !== 'off')
    .map(
      ([name, value]) =>
        `Playwright's ${name} is '${value}': a live rehearsal records no ${name} (it would hold the live card and keys); ` +
        `run without --${name} or set use.${name} to 'off'.`,
    );
}
