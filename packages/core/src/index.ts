// @jobkit/core: syncJob: one pure reconcile pass of the Job controller; applyActions; orphanPodActions
export { syncJob } from './syncJob.js';
export { applyActions, generatedNameBase, type ApplyOptions, type ApplyResult, type ClusterState } from './applyActions.js';
export { orphanPodActions, type OrphanResult } from './orphanPods.js';
export { ttlAfterFinished, type TtlDecision } from './ttlAfterFinished.js';
export { finishedPods, type FinishedPods } from './finishedPods.js';
export type { Action, CallFailures, RequeueCause, SyncOptions, SyncResult } from './types.js';
export type { PassExplanation, PodExplanation } from './explanation.js';
