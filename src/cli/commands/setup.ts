import { ensureBrowser } from '../../run/browser/ensureBrowser';
import { UsageError } from '../errors';

/** `rehearse setup` / `npm run setup`: find or install the Chromium the rehearsal drives, and prove it starts. */
export async function setupCommand(args: string[]): Promise<number> {
  const unknown = args.find((arg) => arg !== '--quiet');
  if (unknown) throw new UsageError(`Unknown command ${unknown}. Run \`rehearse --help\` for the list.`);
  const quiet = args.includes('--quiet');
  await ensureBrowser({ quiet, addHeadlessShell: !quiet });
  if (!quiet) console.log('Browser ready.');
  return 0;
}
