// The shapes syncJob takes and returns: upstream's controller memory as inputs/outputs, and the
// side effects of one pass (pod_control.go calls, status writes, events) as data.
import type { BackoffRecord } from '@jobkit/backoff';
import type { JobStatus, Pod } from '@jobkit/api';
import type { PassExplanation } from './explanation.js';

/** Controller memory and limits for one pass (all optional). */
export interface SyncOptions {
  /** Upstream's pod expectations; false ⇒ create/delete nothing this pass (a finishing job still deletes its active pods). Default true. */
  readonly expectationsSatisfied?: boolean;
  /** Pod UIDs whose finalizer removal is in flight (upstream's finalizer expectations). */
  readonly finalizerRemovalsPending?: readonly string[];
  /** The record returned by the previous pass (upstream's pod backoff store). */
  readonly backoff?: BackoffRecord;
  /** Cap on new entries in uncountedTerminatedPods + completedIndexes per pass. Default 500. */
  readonly maxUncountedPods?: number;
  /** Cap on pods created or deleted per pass. Default 500. */
  readonly maxPodCreateDeletePerSync?: number;
  /** Also return `explanation`: what the pass saw in each pod and why it decided what it did. Default false. */
  readonly explain?: boolean;
}

/** Why a pass asks to run again: the active deadline, or the pod-recreation backoff (global or of an index). */
export type RequeueCause = 'activeDeadline' | 'podBackoff' | 'indexBackoff';

/** One side effect of a pass. Apply them in order; see applyActions. */
export type Action =
  | { readonly type: 'CreatePod'; readonly pod: Pod; readonly index?: number }
  | { readonly type: 'DeletePod'; readonly name: string; readonly uid: string }
  | { readonly type: 'RemovePodFinalizer'; readonly name: string; readonly uid: string }
  | { readonly type: 'UpdateJobStatus'; readonly status: JobStatus }
  | { readonly type: 'RecordEvent'; readonly eventType: 'Normal' | 'Warning'; readonly reason: string; readonly message: string };

/** What one pass decided. */
export interface SyncResult {
  /** In the order they must be applied. */
  readonly actions: readonly Action[];
  /** The Job's .status once every action has been applied. */
  readonly status: JobStatus;
  /** Hand to the next pass. */
  readonly backoff: BackoffRecord;
  /** Look again after this many ms (pod backoff, activeDeadlineSeconds), if nothing else wakes us. */
  readonly requeueAfterMs?: number;
  /** Upstream's pass would return this error (it may still have acted). */
  readonly error?: string;
  /** With `options.explain`: the pass's own account of what it decided (see PassExplanation). */
  readonly explanation?: PassExplanation;
}
