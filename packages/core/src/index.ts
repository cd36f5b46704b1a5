// @jobkit/core: syncJob: one pure reconcile pass of the Job controller; applyActions; orphanPodActions
export { syncJob } from './syncJob.js';
export type { Action, SyncOptions, SyncResult } from './types.js';
