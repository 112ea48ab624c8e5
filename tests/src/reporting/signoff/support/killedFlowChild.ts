/**
 * A test's flow recorder in a process of its own, for the kill test (interrupted-run.spec.ts): starts the flow,
 * passes step 1, begins step 2 and takes its payment screenshot, prints "in step 2", then waits to be SIGKILLed.
 * Usage: node --import tsx tests/src/reporting/signoff/support/killedFlowChild.ts <runDir> <testRunId>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FlowRecorder } from '../../../../../src/run/evidence/flowRecorder';
import { TINY_PNG } from '../syntheticRun';

const [runDir, testRunId] = process.argv.slice(2);
if (!runDir || !testRunId) throw new Error('usage: killedFlowChild.ts <runDir> <testRunId>');

const flow = new FlowRecorder({ runId: path.basename(runDir), testRunId, runDir });
flow.start({
  flow: 'referral-purchase-refund',
  title: 'a referred customer buys, then is refunded',
  file: 'scenarios/referral-purchase-refund.spec.ts',
});
flow.beginStep('1. Open the referral link', ['referral-click-tracked']).passed();
flow.beginStep('2. Pay on the hosted checkout page', ['payment-end-to-end']);
const shot = flow.nextScreenshotFile('payment page (card fields masked)');
mkdirSync(path.dirname(shot.path), { recursive: true });
writeFileSync(shot.path, TINY_PNG);
flow.screenshot({ name: 'payment page (card fields masked)', file: shot.file, step: flow.currentStep()! });
process.stdout.write('in step 2\n');
setInterval(() => undefined, 60_000); // until the SIGKILL
