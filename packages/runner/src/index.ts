// @jobkit/runner: Local runtime: runs a Job's pods as processes on this machine.
export { runJob, randomNames, type RunOptions, type RunResult } from './run.js';
export { ProcessKubelet, kubeletRestartDelayMs, type ProcessKubeletOptions } from './processKubelet.js';
export { RealScheduler } from './realScheduler.js';
export { containerEnv, containerArgv, resolveFieldRef, expand, passThroughHostEnv, type ContainerEnv } from './podEnv.js';
