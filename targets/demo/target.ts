// The demo target's entry point: `loadTarget('demo')` imports this file (targets/<name>/target.ts).
export { demoTarget as default } from './demoTarget';
