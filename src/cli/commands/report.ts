import { buildReport } from '../../report/buildReport';
import { reportPaths } from '../../report/reportPaths';
import { formatSummary } from '../../report/resultsSummary';
import { REPO_ROOT } from '../repoRoot';
import { UsageError } from '../errors';
import { displayPath } from '../displayPath';

/** `rehearse report` / `npm run report`: builds the single-file HTML report from the last run's Allure results. */
export async function reportCommand(args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError(`Unknown command ${args[0]}. Run \`rehearse --help\` for the list.`);
  await buildAndPrintReport();
  return 0;
}

/** Shared with `run`: builds the report, then prints "Report: <path>" and the result counts. */
export async function buildAndPrintReport(): Promise<void> {
  const paths = reportPaths(process.env, REPO_ROOT);
  process.stdout.write(`▸ Building the report from ${displayPath(paths.allureResults)}… `);
  try {
    const built = await buildReport({ resultsDir: paths.allureResults, htmlPath: paths.html });
    console.log('✓');
    console.log(`Report: ${built.htmlPath}`);
    if (built.summary) console.log(`Scenarios: ${formatSummary(built.summary)}`);
  } catch (error) {
    console.log('✗');
    throw error;
  }
}
