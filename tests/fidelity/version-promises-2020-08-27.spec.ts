import { expect, test } from '@playwright/test';
import {
  answeredInAnotherVersion,
  checkDeliveryAgainstSpec,
  checkPromise,
  deliveryVersionProblems,
  eventVersions,
} from './support/callChecks';
import { unexplained } from './support/knownDifferences';
import { OpenApiSpec, specPath } from './support/openapiSpec';
import { deliveriesAsCalls, failuresOf, tourOnce, type TourRecord } from './support/runTour';
import { TOUR_RESOURCES } from './support/tour';
import { promisesOf } from './support/versionPromises';

/*
 * The fidelity tour pinned to 2020-08-27. No published schema of that version is at hand (../shared/reference/ holds
 * only 2023-08-16's), so its answers are checked only for the fields later versions took away, each promise with the
 * changelog entry that took it away (support/versionPromises.ts): what a merchant pinned to 2020-08-27 reads.
 */
const VERSION = '2020-08-27';
const PROMISES = promisesOf(VERSION);
/** The tour's listening endpoint is pinned to 2023-08-16, whose published spec is at hand: deliveries rendered up to it. */
const ENDPOINT_VERSION = '2023-08-16';
const endpointSpec = OpenApiSpec.load(ENDPOINT_VERSION);

test.describe(`the sandbox pinned to ${VERSION} (no published schema at hand: the fields ${VERSION} promises)`, () => {
  let tour: TourRecord;

  test.beforeAll(async ({}, workerInfo) => {
    tour = await tourOnce(VERSION, ENDPOINT_VERSION, workerInfo.project.outputDir);
  });

  test(`the whole tour gets through in ${VERSION}`, () => {
    expect(TOUR_RESOURCES.flatMap((resource) => failuresOf(tour, resource))).toEqual([]);
  });

  test(`every successful answer in ${VERSION} says it is in ${VERSION}, and its events were written in ${VERSION}`, () => {
    expect(answeredInAnotherVersion(tour.calls, VERSION)).toEqual([]);
    const versions = eventVersions(tour.calls);
    expect(versions.length).toBeGreaterThan(0);
    expect([...new Set(versions)]).toEqual([VERSION]);
  });

  test(`every webhook delivered to an endpoint pinned to ${ENDPOINT_VERSION} is in ${ENDPOINT_VERSION} and matches Stripe's published schema`, () => {
    test.skip(
      !endpointSpec,
      `Stripe's published spec of ${ENDPOINT_VERSION} is not at ${specPath(ENDPOINT_VERSION)} (reference data outside the repo)`,
    );
    expect(tour.deliveries.events.length).toBeGreaterThan(20);
    expect(deliveryVersionProblems(tour.deliveries)).toEqual([]);
    expect(
      unexplained(
        deliveriesAsCalls(tour).flatMap((call) => checkDeliveryAgainstSpec(endpointSpec!, call).problems),
        ENDPOINT_VERSION,
      ),
    ).toEqual([]);
  });

  for (const promise of PROMISES) {
    const object = promise.object.replace(/_/g, ' ');
    test(`every ${object} in ${VERSION}${promise.stop ? ` (${promise.stop})` : ''}: ${promise.says}`, () => {
      const { checked, problems } = checkPromise(promise, tour.calls);
      expect(checked, `${promise.object} objects in the ${VERSION} answers`).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  }
});
