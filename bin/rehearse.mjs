#!/usr/bin/env node
// The `rehearse` command. The project runs TypeScript without a build step: register tsx, then load the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
