// ESLint: JavaScript's and typescript-eslint's recommended rules, type-checked, over every source file of the project.
// The plugins come from the tools/lint workspace: typescript-eslint needs TypeScript's JS API, which the project's
// TypeScript 7 does not ship, so that workspace brings its own TypeScript 6 (see tools/lint/package.json).
import { globals, js, tseslint } from '@dress-rehearsal/lint';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig(
  globalIgnores(['**/node_modules/', 'reports/', 'test-results/', 'playwright-report/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    // A disable comment that no longer disables anything is stale: remove it (`eslint --fix` does).
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The point of the linter: a promise nobody awaits or handles, or one given where a callback's result is dropped.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',

      // Off: `any` comes from parsed JSON (mostly tests reading response bodies); tsc's strict mode is the type gate.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off: async without await is deliberate where a contract wants a promise (Fastify handlers, fakes, fixtures).
      '@typescript-eslint/require-await': 'off',
      // Off: the methods handed on as values here are plain objects' functions that never use `this` (guards, stubs).
      '@typescript-eslint/unbound-method': 'off',
      // Off: String() of an `unknown` is deliberate (HTML rendering, untyped payloads), and Stripe's expandable fields
      // (`string | object`) hold ids only in the sandbox.
      '@typescript-eslint/no-base-to-string': 'off',
      // Off: `as`/`!` that tsc already proves are harmless; the type check is tsc's job, not the linter's.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Off: a `let` with a default, overwritten while parsing options, reads better than one without.
      'no-useless-assignment': 'off',
      // Off: errors rewrapped with a one-line message for the reader; a `cause` would add the original's stack.
      'preserve-caught-error': 'off',
      // Off: the control characters are what those patterns exist to find (ANSI escapes, raw control bytes).
      'no-control-regex': 'off',

      // Playwright's test.extend<{}, Workers>() spells "no test-scoped fixtures" as {}.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
      // Playwright fixtures that use none of the others take `({}, use)`: Playwright requires the destructuring.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      // A leading underscore marks a name left unused on purpose (a rest sibling dropped, a callback's position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Plain JavaScript is outside tsconfig.json: lint it without type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Run by Node: the command and the configuration files.
    files: ['**/*.{mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts served to the browser as they are: classic scripts, no modules, no build.
    files: [
      'sandbox/embedded-shop/assets/*.js',
      'sandbox/provider/elements/*.js',
      'sandbox/referral/*.js',
      'sandbox/rewardful/*.js',
      'sandbox/dub/*.js',
    ],
    languageOptions: { sourceType: 'script', globals: globals.browser },
    rules: {
      // Off: they stand in for Stripe.js and its iframes in ES5 style, where `var self = this` is the closure idiom.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    // A target `rehearse init` scaffolded keeps the contract's parameters in page objects not written yet (their stubs
    // throw "not written yet"): unused arguments there are the TODO, not a mistake.
    files: ['targets/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
);
