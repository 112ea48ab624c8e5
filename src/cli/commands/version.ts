import { readFile } from 'node:fs/promises';

/** `rehearse --version`: the package's version. */
export async function versionCommand(): Promise<number> {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  console.log(`rehearse ${pkg.version}`);
  return 0;
}
