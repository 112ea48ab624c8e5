// The packages eslint.config.mjs builds on, resolved from here so that typescript-eslint loads the TypeScript 6
// installed next to it (tools/lint/node_modules/typescript), not the project's TypeScript 7, which has no JS API.
// npm would hoist ts-api-utils (it accepts any TypeScript) to the root, where it would load TypeScript 7: the root
// package.json's "overrides" give it this package's TypeScript version (keep the two equal), so it stays here too.
export { default as js } from '@eslint/js';
export { default as globals } from 'globals';
export { default as tseslint } from 'typescript-eslint';
