export { scanForLeaks, type LeakHit, type LeakKind } from './scanForLeaks';
export { findLeaksInText, describeKind } from './patterns';
export { runArtifactPaths, formatHit, scanRunArtifacts } from './runLeakScan';
