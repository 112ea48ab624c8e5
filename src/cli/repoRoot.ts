import { fileURLToPath } from 'node:url';

/** The project folder (where package.json and playwright.config.ts are), wherever the command is run from. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
