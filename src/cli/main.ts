import { reportFailure, UsageError } from './errors';
import { cleanupCommand } from './commands/cleanup';
import { helpCommand } from './commands/help';
import { initCommand } from './commands/init';
import { preflightCommand } from './commands/preflight';
import { reportCommand } from './commands/report';
import { runCommand } from './commands/run';
import { setupCommand } from './commands/setup';
import { verifyReportCommand } from './commands/verify-report';
import { versionCommand } from './commands/version';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  run: runCommand,
  report: reportCommand,
  setup: setupCommand,
  help: helpCommand,
  cleanup: cleanupCommand,
  preflight: preflightCommand,
  'verify-report': verifyReportCommand,
  init: initCommand,
};
/** Commands announced in the help but not in this version yet. */
const PLANNED = new Set<string>();

/** The `rehearse` command: routes to one subcommand (run by default) and turns known errors into one line + exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) return await runCommand([]);
    if (first === '--help' || first === '-h') return await helpCommand();
    if (first === '--version' || first === '-v') return await versionCommand();
    if (first.startsWith('-')) return await runCommand(argv); // e.g. rehearse --grep refund
    const command = COMMANDS[first];
    if (command) return await command(rest);
    if (PLANNED.has(first)) {
      throw new UsageError(`rehearse ${first} is not yet available in this version. Run \`rehearse --help\` for the list.`);
    }
    throw new UsageError(`Unknown command ${first}. Run \`rehearse --help\` for the list.`);
  } catch (error) {
    return reportFailure(error);
  }
}
