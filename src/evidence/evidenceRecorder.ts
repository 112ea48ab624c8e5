import { test, type Locator, type Page, type TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { evidenceJson } from './evidenceJson';
import { redactText } from './redact';
import { recordStepProgress } from '../cleanup/stepProgress';

export interface RehearsalLabels {
  flow: string;
  severity: 'blocker' | 'critical' | 'normal';
  mode: string;
  runId: string;
  apiVersion: string;
  target: string;
}

/**
 * Records a rehearsal's evidence in the Playwright test it runs in: steps (test.step, which
 * allure-playwright turns into Allure steps), redacted JSON and masked screenshots (testInfo.attach),
 * and the Allure labels that let a reader filter the report.
 */
export class EvidenceRecorder {
  private readonly testInfo: TestInfo;

  constructor(testInfo: TestInfo) {
    this.testInfo = testInfo;
  }

  async labels(labels: RehearsalLabels): Promise<void> {
    await allure.epic('Go-live rehearsal');
    await allure.feature(labels.flow);
    await allure.severity(labels.severity);
    await allure.label('flow', labels.flow);
    await allure.label('mode', labels.mode);
    await allure.label('runId', labels.runId);
    await allure.label('apiVersion', labels.apiVersion);
    await allure.label('target', labels.target);
    await allure.parameter('Target', labels.target);
    await allure.parameter('Mode', labels.mode);
    await allure.parameter('Provider API version', labels.apiVersion);
    // The run id changes every run; excluded so Allure still groups a test's history across runs.
    await allure.parameter('Run id', labels.runId, { excluded: true });
  }

  step<T>(title: string, body: () => Promise<T>): Promise<T> {
    const shown = redactText(title);
    // REHEARSAL_PROGRESS_FILE gets one line per finished step (the kill tests wait on it).
    return test.step(shown, async () => {
      let value: T;
      try {
        value = await body();
      } catch (error) {
        recordStepProgress(shown, 'failed');
        throw error;
      }
      recordStepProgress(shown, 'passed');
      return value;
    });
  }

  async attachJson(name: string, value: unknown): Promise<void> {
    await this.testInfo.attach(redactText(name), { body: evidenceJson(value), contentType: 'application/json' });
  }

  /** A full-page screenshot; pass the card fields' locators in `mask` so card data is painted over. */
  async attachScreenshot(page: Page, name: string, options: { mask?: Locator[] } = {}): Promise<void> {
    const body = await page.screenshot({ fullPage: true, mask: options.mask ?? [], animations: 'disabled' });
    await this.testInfo.attach(redactText(name), { body, contentType: 'image/png' });
  }
}
