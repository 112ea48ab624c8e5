/** Flags for a system Chromium on a machine with no internet: nothing phones home, nothing updates. */
export const OFFLINE_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
