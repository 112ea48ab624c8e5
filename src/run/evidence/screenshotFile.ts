/** `<testRunId>-<nn>-<slug>.jpg`: the test's screenshots sort in the order they were taken. */
export function screenshotFileName(testRunId: string, index: number, name: string): string {
  return `${testRunId}-${String(index).padStart(2, '0')}-${slug(name)}.jpg`;
}

/** "payment page (card fields masked)" → "payment-page-card-fields-masked"; at most 60 characters. */
export function slug(name: string): string {
  const words = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words.slice(0, 60).replace(/-+$/, '') || 'screenshot';
}
