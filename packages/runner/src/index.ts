// @jobkit/runner: Local runtime: runs a Job's pods as processes on this machine.
export { runJob, randomNames, defaultMaxProcesses, type RunOptions, type RunResult } from './run.js';
export { ProcessKubelet, kubeletRestartDelayMs, type ProcessKubeletOptions, type SlotUsage } from './processKubelet.js';
export { RealScheduler } from './realScheduler.js';
export { containerEnv, containerArgv, resolveFieldRef, expand, passThroughHostEnv, type ContainerEnv } from './podEnv.js';
export { Watchdog } from './watchdog.js';
export { watchParent } from './orphan.js';
export { cgroupsAvailable } from './cgroup.js';
export { LatestRun, PodRecordFile, runIdFor, parseRunId, compareRunIds, logFileName, parseLogFileName, createRunDir } from './logLayout.js';
