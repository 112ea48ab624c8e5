// `npm run sandbox:seed -- --target <name> --webhook-url <url>`: seeds a running sandbox (`npm run sandbox --
// --no-merchant`) from a target's catalogue for a merchant app of your own, and prints the .env lines to paste.
// What it did goes to stderr; stdout carries only the .env lines. See `--help` and sandbox/README.md.
import path from 'node:path';
import { ConfigError } from '../src/base/configError';
import { loadTarget } from '../src/model/target/loadTarget';
import { SeedError } from './seedSandbox/seedError';
import { readSeedOptions, SEED_USAGE } from './seedSandbox/seedOptions';
import { seedSandbox } from './seedSandbox/seedSandbox';

const TARGETS_DIR = path.resolve(import.meta.dirname, '../targets');

async function main(args: string[]): Promise<number> {
  const options = readSeedOptions(args);
  if (!options) {
    process.stdout.write(SEED_USAGE);
    return 0;
  }
  const target = await loadTarget(options.target, { targetsDir: TARGETS_DIR });
  process.stderr.write(`▸ Seeding the sandbox at ${options.providerUrl} from targets/${target.name}…\n`);
  const { steps, env } = await seedSandbox(target, options);
  for (const step of steps) process.stderr.write(`  ${step.changed ? '+' : '='} ${step.line}\n`);
  const changed = steps.filter((step) => step.changed).length;
  process.stderr.write(
    changed === 0
      ? `✓ Nothing changed: the sandbox already has everything targets/${target.name} needs.\n`
      : `✓ Seeded: ${changed} change${changed === 1 ? '' : 's'}; running it again changes nothing.\n`,
  );
  process.stderr.write(
    `The .env lines follow (stdout): paste them into targets/${target.name}/.env, and the commented ones into your app's settings.\n`,
  );
  process.stdout.write(env);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SeedError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof SeedError ? error.exitCode : 2);
    }
    process.stderr.write(`The seed failed: ${firstLine(error)}; nothing after that step was seeded: fix it and run the seed again.\n`);
    process.exit(1);
  },
);

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
}
