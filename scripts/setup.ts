// `npm run setup` (and `npm test`'s pretest with --quiet): makes sure a Chromium is there and starts.
// Kept free of heavy imports: when the browser is already present this must return in well under a second.
import { runAsScript } from '../src/cli/runAsScript';
import { setupCommand } from '../src/cli/commands/setup';

await runAsScript(() => setupCommand(process.argv.slice(2)));
