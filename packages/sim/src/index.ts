// @jobkit/sim: Virtual-time simulator: scripted pod outcomes, timeline of controller decisions.
// Also the pieces the process runner shares: the controller loop around syncJob, API-server
// admission and pod status building. Presenting runs (timeline text, describe) is the CLI's.
export { simulate, defaultSimulationStart, type SimulateOptions, type SimulationResult } from './simulate.js';
export { parseScript, outcomeFor, builtinDefaultOutcome, type Script, type Outcome, type ScriptError, type ScriptResult } from './script.js';
export { JobLoop, finishedCondition, type PodRuntime, type LoopOutcome, type RecordedEvent, type JobLoopOptions } from './loop.js';
export { VirtualScheduler, type Scheduler, type Cancel } from './scheduler.js';
export { deterministicNames, type NameGenerator } from './names.js';
export { admitJob, type AdmitOptions } from './admission.js';
export { defaultController, type Controller } from './controller.js';
export { statusChanges, conditionText, type TimelineEntry } from './timeline.js';
export { parseDuration } from './duration.js';
export { withRunStatus, phaseOf, podCompletionIndex, isTerminalPhase, type ContainerRun, type PodRun, type Terminated } from './podStatus.js';
export { crashLoopDelayMs } from './crashLoop.js';
