import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FLOW_PROGRESS_DIR } from '../../run/evidence/flowProgress';
import { foldFlowProgress } from '../../run/evidence/foldFlowProgress';
import type { LoadedFlow } from './readRunEvidence';

const SCREENSHOTS_DIR = 'evidence/screenshots';
const IMAGE = /\.(?:jpe?g|png)$/i;

/**
 * The tests that started and never wrote their flow record (their worker was killed, or the run stopped before their
 * teardown), from their progress journals (`evidence/flow-progress/*.jsonl`): each an `interrupted` flow whose `href`
 * is the journal. A journal next to a record of the same test (`recorded`: their test run ids) is ignored.
 */
export async function readInterruptedFlows(
  runDir: string,
  recorded: ReadonlySet<string>,
): Promise<{ flows: LoadedFlow[]; problems: string[] }> {
  const flows: LoadedFlow[] = [];
  const problems: string[] = [];
  const names = (await readdir(path.join(runDir, ...FLOW_PROGRESS_DIR.split('/'))).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  for (const name of names) {
    const href = `${FLOW_PROGRESS_DIR}/${name}`;
    const text = await readFile(path.join(runDir, href), 'utf8').catch(() => undefined);
    const record = text === undefined ? undefined : foldFlowProgress(text);
    if (!record) {
      problems.push(
        `${href} could not be read (${text === undefined ? 'unreadable' : 'no "started" line'}); a test may have been interrupted without a trace`,
      );
      continue;
    }
    if (!recorded.has(record.testRunId)) flows.push({ record, href, finalRecord: false });
  }
  return { flows, problems };
}

/**
 * Screenshots in `evidence/screenshots/` that no flow lists. One named after an interrupted test's run id
 * (`<testRunId>-<nn>-<slug>.jpg`: written, the test stopped before it journaled it) is added to that flow; the others
 * are returned: evidence of a test that left no record at all.
 */
export async function claimUnlistedScreenshots(runDir: string, flows: LoadedFlow[]): Promise<string[]> {
  const listed = new Set(flows.flatMap((flow) => flow.record.screenshots.map((shot) => shot.file)));
  const names = (await readdir(path.join(runDir, ...SCREENSHOTS_DIR.split('/'))).catch(() => [] as string[]))
    .filter((name) => IMAGE.test(name))
    .sort();
  const interrupted = flows.filter((flow) => !flow.finalRecord).sort((a, b) => b.record.testRunId.length - a.record.testRunId.length);
  const strays: string[] = [];
  for (const name of names) {
    const file = `${SCREENSHOTS_DIR}/${name}`;
    if (listed.has(file)) continue;
    const owner = interrupted.find((flow) => new RegExp(`^${escapeRegExp(flow.record.testRunId)}-\\d{2,}-`).test(name));
    if (!owner) {
      strays.push(file);
      continue;
    }
    const slug = name
      .slice(owner.record.testRunId.length)
      .replace(/^-\d+-/, '')
      .replace(IMAGE, '');
    owner.record.screenshots.push({ name: `${slug.replace(/-/g, ' ')} (written as the test was stopped)`, file });
  }
  return strays;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
