/**
 * Runs `body` with extra environment variables set in this process, restoring the previous values afterwards.
 * tests/detection/runScenarioInChildProcess.ts passes a child run only `SANDBOX_FAULTS` and the event timeout; any
 * other variable reaches the child through this process's environment, which it copies. A Playwright worker runs one
 * test at a time, so nothing else sees the change.
 */
export async function withEnvironment<T>(variables: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await body();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
