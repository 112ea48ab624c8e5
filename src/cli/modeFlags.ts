import { CONFIRM_LIVE_FLAG_VARIABLE, REHEARSAL_MODES } from '../model/config/rehearsalConfig';
import { UsageError } from './errors';

/**
 * Takes `--mode test|live` (or `--mode=live`) and `--confirm-live` out of `rehearse run`'s arguments and puts them
 * in the environment the configuration and the Playwright run read: the flag wins over REHEARSAL_MODE, and
 * REHEARSAL_CONFIRM_LIVE_FLAG is 1 only when --confirm-live was typed on this command line (an inherited value is
 * dropped). Returns the other arguments, for Playwright.
 */
export function applyModeFlags(args: string[], env: NodeJS.ProcessEnv): string[] {
  const rest: string[] = [];
  let confirmLive = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--confirm-live') {
      confirmLive = true;
    } else if (arg === '--mode' || arg.startsWith('--mode=')) {
      const value = arg === '--mode' ? args[++i] : arg.slice('--mode='.length);
      const mode = value?.trim().toLowerCase();
      if (!mode || !(REHEARSAL_MODES as readonly string[]).includes(mode)) {
        throw new UsageError(
          `--mode needs one of ${REHEARSAL_MODES.join(', ')}${value === undefined ? '' : ` (got "${value}")`}, e.g. --mode live --confirm-live.`,
        );
      }
      env.REHEARSAL_MODE = mode;
    } else {
      rest.push(arg);
    }
  }
  if (confirmLive) env[CONFIRM_LIVE_FLAG_VARIABLE] = '1';
  else delete env[CONFIRM_LIVE_FLAG_VARIABLE];
  return rest;
}
