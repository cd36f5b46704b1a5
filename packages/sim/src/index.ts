// @jobkit/sim: Virtual-time simulator: scripted pod outcomes on @jobkit/loop's controller loop,
// timeline of controller decisions. Also the pod status building the process runner shares.
export { simulate, defaultSimulationStart, type SimulateOptions, type SimulationResult } from './simulate.js';
export { parseScript, outcomeFor, builtinDefaultOutcome, type Script, type Outcome, type ScriptError, type ScriptResult } from './script.js';
export { parseDuration } from './duration.js';
export { withRunStatus, phaseOf, podCompletionIndex, isTerminalPhase, type ContainerRun, type PodRun, type Terminated } from './podStatus.js';
export { crashLoopDelayMs } from './crashLoop.js';
