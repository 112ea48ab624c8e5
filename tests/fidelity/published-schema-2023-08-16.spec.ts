import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import {
  answeredInAnotherVersion,
  checkCallAgainstSdk,
  checkCallAgainstSpec,
  checkPromise,
  deliveryVersionProblems,
  eventVersions,
  routeOf,
  undeclaredInBoth,
} from './support/callChecks';
import { stale, unexplained } from './support/knownDifferences';
import { OpenApiSpec, specPath } from './support/openapiSpec';
import { callsOf, deliveriesAsCalls, failuresOf, tourOnce, type TourRecord } from './support/runTour';
import { SdkTypes } from './support/sdkTypes';
import { TOUR_RESOURCES } from './support/tour';
import { promisesOf } from './support/versionPromises';

/*
 * The fidelity tour pinned to 2023-08-16: every answer is checked against Stripe's published OpenAPI spec of that
 * version (../shared/reference/stripe-openapi-2023-08-16.json.gz, reference data read at test time and never copied
 * into the repo): the response schema of the operation (path and method), `default` (Stripe's `error`) for errors.
 */
const VERSION = '2023-08-16';
/** The tour's listening endpoint is pinned to the SDK's version: its deliveries are rendered up to it. */
const ENDPOINT_VERSION = Stripe.API_VERSION;
const spec = OpenApiSpec.load(VERSION);
const SKIP_REASON = `Stripe's published spec of ${VERSION} is not at ${specPath(VERSION)} (reference data outside the repo): nothing to check the ${VERSION} answers against`;

test.describe(`the sandbox pinned to ${VERSION} against Stripe's published spec of ${VERSION}`, () => {
  test.skip(!spec, SKIP_REASON);
  let tour: TourRecord;
  let types: SdkTypes;

  test.beforeAll(async ({}, workerInfo) => {
    types = SdkTypes.open();
    tour = await tourOnce(VERSION, ENDPOINT_VERSION, workerInfo.project.outputDir);
  });
  test.afterAll(() => types?.close());

  /** The spec's problems with an answer, and the properties neither the spec nor the SDK's newer types declare. */
  const problemsOf = (call: TourRecord['calls'][number]) => {
    const check = checkCallAgainstSpec(spec!, call);
    return { check, problems: [...check.problems, ...undeclaredInBoth(check, types, call)] };
  };

  for (const resource of TOUR_RESOURCES) {
    const what = resource === 'error' ? 'error response' : `${resource} response`;
    test(`every ${what} in ${VERSION} matches Stripe's published schema`, () => {
      expect(failuresOf(tour, resource), `tour stops (${resource}) that did not get through`).toEqual([]);
      const checks = callsOf(tour, resource).map((call) => ({ call, ...problemsOf(call) }));
      const outside = [...new Set(checks.filter(({ check }) => check.operation === null).map(({ call }) => routeOf(call)))];
      test.skip(
        checks.length > 0 && outside.length === checks.length,
        `the ${VERSION} spec has no ${outside.join(', ')} (newer than ${VERSION}): no schema to check against`,
      );
      expect(checks.length, `answers recorded for ${resource}`).toBeGreaterThan(0);
      const undeclared = [
        ...new Set(checks.flatMap(({ check }) => check.undeclared.map((pointer) => pointer.replace(/\/\d+(?=\/|$)/g, '/*')))),
      ];
      if (undeclared.length > 0)
        test.info().annotations.push({
          type: `properties the ${VERSION} spec does not declare (allowed: Stripe's objects do not forbid them)`,
          description: undeclared.join(', '),
        });
      if (outside.length > 0)
        test.info().annotations.push({ type: `calls not in the ${VERSION} spec (unchecked)`, description: outside.join(', ') });
      expect(
        unexplained(
          checks.flatMap(({ problems }) => problems),
          VERSION,
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

  test(`every webhook delivered to an endpoint pinned to ${ENDPOINT_VERSION} is in ${ENDPOINT_VERSION} and matches the SDK's types`, () => {
    expect(tour.deliveries.events.length).toBeGreaterThan(20);
    expect(deliveryVersionProblems(tour.deliveries)).toEqual([]);
    expect(
      unexplained(
        deliveriesAsCalls(tour).flatMap((call) => checkCallAgainstSdk(types, call)),
        'current',
      ),
    ).toEqual([]);
  });

  test(`every known difference listed for ${VERSION} still shows (else remove it, and its README line)`, () => {
    const problems = tour.calls.flatMap((call) => problemsOf(call).problems);
    expect(stale(problems, VERSION).map((known) => known.reason)).toEqual([]);
  });

  test(`keeps what ${VERSION} promises where the schema cannot say it`, () => {
    const promises = promisesOf(VERSION);
    expect(promises.length).toBeGreaterThan(0);
    for (const promise of promises) {
      const { checked, problems } = checkPromise(promise, tour.calls);
      expect(checked, `objects the promise "${promise.says}" was checked on`).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }
  });
});
