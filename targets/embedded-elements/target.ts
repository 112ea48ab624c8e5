// The embedded-elements target's entry point: `loadTarget('embedded-elements')` imports this file (targets/<name>/target.ts).
export { embeddedElementsTarget as default } from './embeddedElementsTarget';
