// `npm run report`: builds reports/rehearsal-report.html (one self-contained file) from the last run's results.
import { runAsScript } from '../src/cli/runAsScript';
import { reportCommand } from '../src/cli/commands/report';

await runAsScript(() => reportCommand(process.argv.slice(2)));
