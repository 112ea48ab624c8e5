import Stripe from 'stripe';
import { expect, test } from '@playwright/test';
import { VERSION_GATES } from '../../../../sandbox/provider/versions/gateTable';
import { isBefore, isKnownApiVersion, KNOWN_API_VERSIONS } from '../../../../sandbox/provider/versions/knownVersions';

test.describe('the version gate table', () => {
  test("names released versions from 2020-08-27 up to the SDK's, newest first, each with what changed and where it was checked", () => {
    expect(KNOWN_API_VERSIONS.at(-1), "the newest released version is the SDK's").toBe(Stripe.API_VERSION);
    for (const gate of VERSION_GATES) {
      expect(isKnownApiVersion(gate.version), gate.version).toBe(true);
      expect(isBefore(gate.version, '2020-08-27') || isBefore(Stripe.API_VERSION, gate.version), gate.version).toBe(false);
      expect(gate.change.length, gate.version).toBeGreaterThan(10);
      expect(gate.source, gate.version).toMatch(/docs\.stripe\.com|stripe-node|OpenAPI|stripe\/openapi/);
      expect(Boolean(gate.downgrade) !== Boolean(gate.behaviour), `${gate.version}: a shape change or a behaviour`).toBe(true);
    }
    const order = VERSION_GATES.map((gate) => gate.version.slice(0, 10));
    expect(order).toEqual([...order].sort().reverse());
  });

  test('orders versions by date, the release name aside', () => {
    expect(isBefore('2025-02-24.acacia', '2025-03-31.basil')).toBe(true);
    expect(isBefore('2025-03-31.basil', '2025-03-31.basil')).toBe(false);
    expect(isBefore('2026-10-28.endive', '2025-03-31.basil')).toBe(false);
    expect(isKnownApiVersion('2025-09-30.acacia')).toBe(false);
    expect(isKnownApiVersion('2020-08-27')).toBe(true);
  });
});
