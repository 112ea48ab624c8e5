import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { answeredInAnotherVersion, checkCallAgainstSdk, checkPromise, deliveryVersionProblems, eventVersions } from './support/callChecks';
import { stale, unexplained } from './support/knownDifferences';
import { callsOf, deliveriesAsCalls, failuresOf, tourOnce, type TourRecord } from './support/runTour';
import { SdkTypes } from './support/sdkTypes';
import { servedRoutes, unvisited } from './support/servedRoutes';
import { TOUR_RESOURCES } from './support/tour';
import { promisesOf } from './support/versionPromises';

/*
 * The fidelity tour in the SDK's own API version: every answer the sandbox gives the official SDK is checked against
 * what the SDK declares for that version (node_modules/stripe's .d.ts, read with the TypeScript compiler API): every
 * required property there, none it does not declare, values of the declared types, ids unless expanded.
 */
const VERSION = Stripe.API_VERSION;
/** The tour's listening endpoint is pinned to an old version: its deliveries are rendered down to it. */
const ENDPOINT_VERSION = '2020-08-27';

test.describe(`the sandbox in ${VERSION}, the SDK's own version, against the SDK's types`, () => {
  let tour: TourRecord;
  let types: SdkTypes;

  test.beforeAll(async ({}, workerInfo) => {
    types = SdkTypes.open();
    tour = await tourOnce(VERSION, ENDPOINT_VERSION, workerInfo.project.outputDir);
  });
  test.afterAll(() => types?.close());

  for (const resource of TOUR_RESOURCES) {
    test(`every ${resource} response in ${VERSION} matches the SDK's types`, () => {
      expect(failuresOf(tour, resource), `tour stops (${resource}) that did not get through`).toEqual([]);
      const calls = callsOf(tour, resource);
      expect(calls.length, `answers recorded for ${resource}`).toBeGreaterThan(0);
      expect(
        unexplained(
          calls.flatMap((call) => checkCallAgainstSdk(types, call)),
          'current',
        ),
      ).toEqual([]);
    });
  }

  test(`every successful answer in ${VERSION} says it is in ${VERSION}, and its events were written in ${VERSION}`, () => {
    expect(tour.calls.filter((call) => call.requestVersion === VERSION).length).toBeGreaterThan(0);
    expect(answeredInAnotherVersion(tour.calls, VERSION)).toEqual([]);
    const versions = eventVersions(tour.calls);
    expect(versions.length).toBeGreaterThan(0);
    expect([...new Set(versions)]).toEqual([VERSION]);
  });

  test(`keeps what ${VERSION} promises where the types cannot say it`, () => {
    const promises = promisesOf(VERSION);
    expect(promises.length).toBeGreaterThan(0);
    for (const promise of promises) {
      const { checked, problems } = checkPromise(promise, tour.calls);
      expect(checked, `objects the promise "${promise.says}" was checked on`).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }
  });

  test(`every webhook delivered to an endpoint pinned to ${ENDPOINT_VERSION} is in ${ENDPOINT_VERSION} and keeps what ${ENDPOINT_VERSION} promises (no schema at hand)`, () => {
    expect(tour.deliveries.events.length).toBeGreaterThan(20);
    expect(deliveryVersionProblems(tour.deliveries)).toEqual([]);
    const deliveries = deliveriesAsCalls(tour);
    // Promises tied to a tour stop's own answer do not apply to webhooks; the others must hold wherever their object is.
    for (const promise of promisesOf(ENDPOINT_VERSION).filter((candidate) => !candidate.stop)) {
      const { checked, problems } = checkPromise(promise, deliveries);
      expect(checked, `${promise.object} objects delivered (for "${promise.says}")`).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }
  });

  test(`every known difference listed for ${VERSION} still shows (else remove it, and its README line)`, () => {
    const problems = tour.calls.flatMap((call) => checkCallAgainstSdk(types, call));
    expect(stale(problems, 'current').map((known) => known.reason)).toEqual([]);
  });

  test('the tour visits every /v1 route the sandbox serves', async () => {
    const routes = await servedRoutes();
    expect(routes.length).toBeGreaterThan(50);
    const missing = unvisited(routes, tour.calls).map((route) => `${route.method} ${route.path}`);
    expect(missing, 'routes no tour stop calls: add a line to tests/fidelity/support/tour.ts').toEqual([]);
  });
});
