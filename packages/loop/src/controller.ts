// The controller JobLoop drives: one reconcile pass (syncJob), playing its actions forward
// (applyActions) and the API server's check of each status write (the status subresource's
// validateJobStatusUpdate). One value so that tests can run the loop with a stand-in pass.
import type { Job, Pod } from '@jobkit/api';
import { applyActions, syncJob, type Action, type ApplyOptions, type ClusterState, type SyncOptions, type SyncResult } from '@jobkit/core';
import { validateJobStatusUpdate, type FieldError } from '@jobkit/validation';

export interface Controller {
  readonly syncJob: (job: Job, pods: readonly Pod[], now: Date, options?: SyncOptions) => SyncResult;
  readonly applyActions: (state: ClusterState, actions: readonly Action[], options: ApplyOptions) => ClusterState;
  readonly validateJobStatusUpdate: (oldJob: Job, newJob: Job) => readonly FieldError[];
}

/** The real pass from @jobkit/core and the real status validation from @jobkit/validation. */
export const defaultController: Controller = { syncJob, applyActions, validateJobStatusUpdate };
