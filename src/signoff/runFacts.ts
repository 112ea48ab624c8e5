import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/** The commit the harness ran from (`git rev-parse HEAD` in `cwd`); 'unknown' when it is not a git checkout or git is absent. */
export function currentGitCommit(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 10_000 }, (error, stdout) => {
      const commit = stdout?.toString().trim() ?? '';
      resolve(!error && /^[0-9a-f]{40,64}$/.test(commit) ? commit : 'unknown');
    });
  });
}

/** Who ran the rehearsal: REHEARSAL_OPERATOR, else the OS user name, else 'unknown'. */
export function currentOperator(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.REHEARSAL_OPERATOR?.trim();
  if (named) return named;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return env.USER || env.USERNAME || 'unknown';
  }
}
