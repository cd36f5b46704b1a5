// The shapes syncJob takes and returns: upstream's controller memory as inputs/outputs, and the
// side effects of one pass (pod_control.go calls, status writes, events) as data.
import type { BackoffRecord } from '@jobkit/backoff';
import type { JobStatus, Pod } from '@jobkit/api';
import type { PassExplanation } from './explanation.js';

/**
 * Controller memory and limits for one pass (all optional). A caller that lists pods fresh from
 * the API server before every pass can leave the memory out; one that reads them from a cache
 * (an informer) must keep it, as upstream's controller does.
 */
export interface SyncOptions {
  /**
   * Upstream's pod expectations: false while pods this controller created or deleted have not
   * yet shown up (or gone) in the list it reads. Then the pass creates and deletes nothing (a
   * finishing job still deletes its active pods, but does not finish). Default true.
   */
  readonly expectationsSatisfied?: boolean;
  /**
   * Pod UIDs whose tracking-finalizer removal was sent but is not yet seen in the pod list
   * (upstream's finalizer expectations). A caller reading pods from a cache (an informer)
   * must pass it: a stale list still shows those pods finished with the finalizer, and
   * without this memory the pass counts them again (2 pods become `succeeded: 4`, a status
   * the API server accepts). Add the UIDs of a pass's RemovePodFinalizer actions before
   * sending them (upstream leaves out those directly followed by a DeletePod of the same pod:
   * scale-down and suspension); drop a UID once the list shows its pod without the finalizer
   * or deleted.
   * If a removal fails, drop its UID, and either apply none of the pass's later actions (the
   * next pass retries it) or, as upstream does, run the pass again with the failure in
   * `callFailures` and apply its actions after the removals.
   */
  readonly finalizerRemovalsPending?: readonly string[];
  /** The record returned by the previous pass (upstream's pod backoff store). */
  readonly backoff?: BackoffRecord;
  /** Cap on new entries in uncountedTerminatedPods + completedIndexes per pass. Default 500. */
  readonly maxUncountedPods?: number;
  /** Cap on pods created or deleted per pass. Default 500. */
  readonly maxPodCreateDeletePerSync?: number;
  /**
   * The controller this pass acts for: it reconciles Jobs whose `spec.managedBy` equals it (unset
   * `managedBy` means kubernetes.io/job-controller). Default kubernetes.io/job-controller; an
   * external controller passes the name its Jobs carry in `.spec.managedBy`.
   */
  readonly controllerName?: string;
  /**
   * The tracking finalizer the controller puts on the pods it creates and counts them by.
   * Default: `batch.kubernetes.io/job-tracking` for kubernetes.io/job-controller, else
   * `jobkit.io/job-tracking` — the Kubernetes Job docs reserve the former for the built-in
   * controller, so an external controller passing it is refused.
   */
  readonly trackingFinalizer?: string;
  /**
   * The calls that failed when this same pass (same Job, pods, time and options) was applied: an
   * adapter that met failures runs the pass again with them and gets upstream's later decisions —
   * fewer active pods, a Job that does not finish yet, counters only for the finalizers that went,
   * a status write with the partial progress — as upstream's pass does after a failed call. The
   * actions up to the failed ones are the same as before (already made): resume after them.
   */
  readonly callFailures?: CallFailures;
  /** Also return `explanation`: what the pass saw in each pod and why it decided what it did. Default false. */
  readonly explain?: boolean;
}

/** What failed when a pass was applied (see SyncOptions.callFailures). */
export interface CallFailures {
  /** Pods of the pass's CreatePod actions that were not created: failed, or skipped by slow start after a failed batch. */
  readonly creates?: number;
  /** UIDs of pods whose DELETE failed. */
  readonly deletes?: readonly string[];
  /**
   * UIDs of pods whose tracking-finalizer patch failed: one counting a finished pod, or the one
   * before a scale-down or suspension delete (the delete is then not sent).
   */
  readonly finalizerRemovals?: readonly string[];
}

/** Why a pass asks to run again: the active deadline, or the pod-recreation backoff (global or of an index). */
export type RequeueCause = 'activeDeadline' | 'podBackoff' | 'indexBackoff';

/** One side effect of a pass. Apply them in order; see applyActions. */
export type Action =
  | { readonly type: 'CreatePod'; readonly pod: Pod; readonly index?: number }
  | { readonly type: 'DeletePod'; readonly name: string; readonly uid: string }
  /**
   * Drop the tracking finalizer. `release`: the pod no longer matches the Job's selector, and the
   * same patch drops its controller reference to the Job (ClaimPods' ReleasePod).
   */
  | { readonly type: 'RemovePodFinalizer'; readonly name: string; readonly uid: string; readonly release?: true }
  /**
   * Adopt an orphan matching the Job's selector (ClaimPods' AdoptPod): one patch sets the Job as
   * its controller reference and adds the tracking finalizer. Upstream first re-reads the Job
   * (RecheckDeletionTimestamp) and adopts only while it exists with this UID and is not being
   * deleted; an adapter does the same. The pass already counts the pod as the Job's.
   */
  | { readonly type: 'AdoptPod'; readonly name: string; readonly uid: string }
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
  /**
   * Failed pods whose tracking this pass ends that a podFailurePolicy rule matched, by the rule's
   * action (Ignore included): what upstream adds to `pod_failures_handled_by_failure_policy_total`
   * once the pass's first status write (if it has one) succeeds. Absent when none.
   */
  readonly podFailurePolicyActions?: Readonly<Record<string, number>>;
  /** With `options.explain`: the pass's own account of what it decided (see PassExplanation). */
  readonly explanation?: PassExplanation;
}
