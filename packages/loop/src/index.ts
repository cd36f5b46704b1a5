// @jobkit/loop: the controller loop around syncJob (upstream's work queue, 1 s sync batching,
// API back-off, expectations, status-write validation), the scheduler it runs on (virtual or
// real time), API-server admission and deterministic pod names. No I/O and no clock of its own:
// the simulator, the process runner and the cluster controller each drive it with theirs.
export { JobLoop, type PodRuntime, type LoopOutcome, type RecordedEvent, type JobLoopOptions } from './loop.js';
export { VirtualScheduler, type Scheduler, type Cancel } from './scheduler.js';
export { deterministicNames, type NameGenerator } from './names.js';
export { admitJob, type AdmitOptions } from './admission.js';
export { defaultController, type Controller } from './controller.js';
export { statusChanges, conditionText, type TimelineEntry, type BackoffWait } from './timeline.js';
export { WorkQueue, type WorkQueueOptions } from './workQueue.js';
export { PodExpectations, FinalizerExpectations, ExpectationsTimeoutMs } from './expectations.js';
