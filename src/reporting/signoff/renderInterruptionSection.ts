import { formatUtc, safe } from './html';
import { relativeHref } from './relativeHref';
import { CLEANUP_COMMAND } from './runInterruption';
import type { SignoffDocument } from './signoffDocument';

/**
 * "Interruption and cleanup", for a run that was interrupted (interruption.json), or whose flows were (a worker
 * killed): what stopped it, the cleanup that followed line by line as the console printed it, a prominent warning
 * when money may be left at the provider, and the interrupted flows. Empty for a run nothing interrupted.
 */
export function renderInterruptionSection(document: SignoffDocument): string {
  const interrupted = document.flows.filter((flow) => flow.interruption);
  const strays = document.unrecordedScreenshots ?? [];
  const { interruption } = document;
  if (!interruption && interrupted.length === 0 && strays.length === 0) return '';
  const parts: string[] = ['<h2>Interruption and cleanup</h2>', '<section class="interruption" data-testid="interruption">'];
  if (interruption) {
    const exit =
      interruption.playwrightExitCode === undefined
        ? ''
        : `; Playwright's exit code: ${interruption.playwrightExitCode ?? 'none (killed)'}`;
    parts.push(
      `<p data-testid="interruption-cause"><strong>Interrupted:</strong> ${safe(interruption.summary)}, ${safe(formatUtc(interruption.at))}${safe(exit)} ` +
        `(<a href="${safe(relativeHref(interruption.file))}">${safe(interruption.file)}</a>).</p>`,
      `<p class="${interruption.moneyMayBeLeft ? 'money-warning' : ''}" data-testid="interruption-outcome" data-outcome="${safe(interruption.cleanupOutcome)}">` +
        `${interruption.moneyMayBeLeft ? '⚠ ' : ''}${safe(interruption.cleanup)}.</p>`,
      interruption.cleanupLines.length
        ? `<p class="small muted">The cleanup, as the console printed it:</p><pre class="console" data-testid="interruption-cleanup-lines">${safe(interruption.cleanupLines.join('\n'))}</pre>`
        : '<p class="muted small">The cleanup printed nothing.</p>',
    );
  } else if (strays.length > 0 || interrupted.some((flow) => flow.interruption!.moneyMayBeLeft)) {
    parts.push(
      '<p data-testid="interruption-cause">The run recorded no interruption (no interruption.json), but a test was stopped before it ' +
        'finished (its worker killed: out of memory, a signal), so its own cleanup did not run. ' +
        `<span class="money-warning">⚠ Run <code>${safe(CLEANUP_COMMAND)}</code> to refund or cancel what it may have left at the provider.</span></p>`,
    );
  } else {
    parts.push(
      '<p data-testid="interruption-cause">The run recorded no interruption (no interruption.json); the flows below were interrupted and ran their teardown, their own cleanup included.</p>',
    );
  }
  if (interrupted.length > 0) {
    const items = interrupted.map(
      (flow) =>
        `<li><a href="#${safe(`flow-${flow.testRunId}`)}">${safe(flow.flow)}: ${safe(flow.title)}</a>: ${safe(flow.interruption!.summary)}</li>`,
    );
    parts.push(
      `<p>Interrupted flows (each below, with the evidence it left):</p><ul data-testid="interrupted-flows">${items.join('')}</ul>`,
    );
  }
  if (strays.length > 0) {
    const items = strays.map((file) => `<li><a href="${safe(relativeHref(file))}">${safe(file)}</a></li>`);
    parts.push(
      `<p>Screenshots of a test that left no record (stopped before it recorded anything else):</p><ul data-testid="unrecorded-screenshots">${items.join('')}</ul>`,
    );
  }
  parts.push('</section>');
  return parts.join('');
}
