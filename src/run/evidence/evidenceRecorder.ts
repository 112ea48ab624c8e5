import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, type Locator, type Page, type TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { recordStepProgress } from './stepProgress';
import { itemsDisprovedBy, markDisproved } from './checkedItems';
import { checklistIds, labelChecklistItems, showChecklistOnStep } from './checklistTags';
import { evidenceJson } from './evidenceJson';
import type { ChecklistItemId } from '../../model/checklist/catalogue';
import type { DeliveryRecord, TimelinePoint, UnobservedDelivery } from './flowRecord';
import type { FlowRecorder } from './flowRecorder';
import { redact, redactText } from '../../base/redact';

export interface RehearsalLabels {
  flow: string;
  severity: 'blocker' | 'critical' | 'normal';
  mode: string;
  runId: string;
  apiVersion: string;
  target: string;
}

export interface StepOptions {
  /** The go-live checklist items (src/model/checklist/catalogue.ts ids) this step decides; an unknown id throws. */
  checklist?: readonly ChecklistItemId[];
}

export interface SkippedStepOptions extends StepOptions {
  /**
   * The target cannot perform the step (it lacks a flow method, a plan, a capability): recorded `skipKind:
   * 'target-gap'`, so a blocking item with no other evidence is not rehearsed (INCOMPLETE) rather than exempt.
   * Leave it out when the step does not apply to this run (live mode, an environment without the means).
   */
  targetGap?: boolean;
}

/** JPEG quality of evidence screenshots: page text stays sharp enough to read. */
const SCREENSHOT_QUALITY = 80;

/**
 * Records a rehearsal's evidence in the Playwright test it runs in: steps (test.step, which allure-playwright turns
 * into Allure steps), redacted JSON and masked screenshots (testInfo.attach), the Allure labels that let a reader
 * filter the report and, when given a FlowRecorder, the test's flow record (steps with their checklist items,
 * timeline, screenshot files).
 */
export class EvidenceRecorder {
  private readonly testInfo: TestInfo;
  private readonly flow: FlowRecorder | undefined;
  /** Checklist ids already labelled on the test. */
  private readonly labelledItems = new Set<ChecklistItemId>();
  /** The run's mode, once labels() was given it; until then REHEARSAL_MODE (see isLive). */
  private mode: string | undefined;
  /** The checklist items of the steps in progress, innermost last (what `check` may tag). */
  private readonly openStepItems: ChecklistItemId[][] = [];

  constructor(testInfo: TestInfo, flow?: FlowRecorder) {
    this.testInfo = testInfo;
    this.flow = flow;
  }

  async labels(labels: RehearsalLabels): Promise<void> {
    this.mode = labels.mode;
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

  /**
   * A step of the flow, tagged with the checklist items it decides (`options.checklist`). A failure fails every one
   * of them, unless it came from an assertion tagged with its own items (`check`): then only those fail.
   */
  async step<T>(title: string, body: () => Promise<T>, options: StepOptions = {}): Promise<T> {
    const shown = redactText(title);
    const checklist = checklistIds(options.checklist);
    await labelChecklistItems(checklist, this.labelledItems);
    return test.step(shown, async () => {
      await showChecklistOnStep(checklist);
      const open = this.flow?.beginStep(shown, checklist);
      this.openStepItems.push(checklist);
      let value: T;
      try {
        value = await body();
      } catch (error) {
        open?.failed(error, itemsDisprovedBy(error));
        // REHEARSAL_PROGRESS_FILE gets one line per finished step (the kill tests wait on it).
        recordStepProgress(shown, 'failed');
        throw error;
      } finally {
        this.openStepItems.splice(this.openStepItems.lastIndexOf(checklist), 1);
      }
      open?.passed();
      recordStepProgress(shown, 'passed');
      return value;
    });
  }

  /**
   * An assertion inside a step that decides only `items` of the step's checklist items: when it fails, the step
   * fails, but only those items fail in the sign-off; the step's other items are not decided by it. Use it in a step
   * tagged with several items, so a double charge never fails the request-id item. Tagging an item the step is not
   * tagged with (or calling it outside a step) throws: a typo must not decide nothing.
   */
  async check<T>(items: ChecklistItemId | readonly ChecklistItemId[], body: () => T | Promise<T>): Promise<T> {
    const ids = checklistIds(typeof items === 'string' ? [items] : items);
    const stepItems = this.openStepItems.at(-1);
    const untagged = ids.filter((id) => !stepItems?.includes(id));
    if (untagged.length > 0) {
      throw new Error(
        stepItems
          ? `evidence.check(${untagged.join(', ')}) is inside a step not tagged with ${untagged.length === 1 ? 'it' : 'them'}: add ${untagged.join(', ')} to the step's checklist.`
          : `evidence.check(${ids.join(', ')}) is outside any step: call it inside evidence.step(…, { checklist }).`,
      );
    }
    try {
      return await body();
    } catch (error) {
      markDisproved(error, ids);
      throw error;
    }
  }

  /**
   * A step the flow cannot perform: shown as a skipped step with the reason (report and flow record), never as a
   * silent pass; `options.targetGap` when the target lacks what it needs.
   */
  async skippedStep(title: string, reason: string, options: SkippedStepOptions = {}): Promise<void> {
    const shown = redactText(title);
    const why = redactText(reason);
    const checklist = checklistIds(options.checklist);
    await labelChecklistItems(checklist, this.labelledItems);
    this.flow?.skippedStep(shown, why, checklist, options.targetGap ? 'target-gap' : undefined);
    await test.step(shown, async (step) => {
      await showChecklistOnStep(checklist);
      step.skip(true, why);
    });
  }

  /** A moment of the flow for its timeline (kept in the flow record; nothing is attached). */
  timeline(point: TimelinePoint): void {
    this.flow?.timeline(point);
  }

  /** What the test saw of a webhook delivery (kept in the flow record: the sign-off's delivery success rates). */
  delivery(delivery: DeliveryRecord): void {
    this.flow?.delivery(delivery);
  }

  /** A webhook the test could not see delivered, and why (kept in the flow record: the sign-off says so). */
  unobservedDelivery(delivery: UnobservedDelivery): void {
    this.flow?.unobservedDelivery(delivery);
  }

  /**
   * Attaches `value` as redacted JSON. In live mode the card holder's name, address and phone are masked too (they
   * are a real person's); test mode keeps the fake run customer's.
   */
  async attachJson(name: string, value: unknown): Promise<void> {
    const shown = this.isLive() ? redact(value, { cardholder: true }) : value;
    await this.testInfo.attach(redactText(name), { body: evidenceJson(shown), contentType: 'application/json' });
  }

  /**
   * The mode labels() was given (the evidence fixture passes the rehearsal config's); a recorder without labels (the
   * cleanup evidence) reads REHEARSAL_MODE, which loading the config has set by then (from the environment or .env).
   */
  private isLive(): boolean {
    const mode = this.mode ?? process.env.REHEARSAL_MODE;
    return mode?.trim().toLowerCase() === 'live';
  }

  /**
   * A full-page screenshot (JPEG: about a quarter quicker to take than PNG, and smaller); pass the card fields'
   * locators in `mask` so card data is painted over. Animations and the caret are left as they are: stopping them
   * costs script round trips in every frame (≈ 20 ms a shot) and evidence is read, not compared pixel by pixel.
   * With a flow record it is also written to `<runDir>/evidence/screenshots/` and listed in the record.
   */
  async attachScreenshot(page: Page, name: string, options: { mask?: Locator[] } = {}): Promise<void> {
    const shown = redactText(name);
    const body = await page.screenshot({
      fullPage: true,
      mask: options.mask ?? [],
      animations: 'allow',
      caret: 'initial',
      type: 'jpeg',
      quality: SCREENSHOT_QUALITY,
    });
    await this.testInfo.attach(shown, { body, contentType: 'image/jpeg' });
    if (!this.flow) return;
    const target = this.flow.nextScreenshotFile(shown);
    await mkdir(path.dirname(target.path), { recursive: true });
    await writeFile(target.path, body);
    const step = this.flow.currentStep();
    this.flow.screenshot({ name: shown, file: target.file, ...(step !== undefined ? { step } : {}) });
  }
}
