// Test support: violation shapes the property test has found and written up as named cases in
// statusValidity.cases.test.ts. Each predicate matches its shape narrowly, so a new bug with a
// similar symptom still fails the property.
import type { FieldError } from '../index.js';
import type { Violation } from './playPasses.js';

const only = (v: Violation, field: string, detail: string): boolean => {
  if (v.kind !== 'statusUpdateRejected') return false;
  const errs = (v.errors ?? []) as readonly FieldError[];
  return errs.length > 0 && errs.every((e) => e.field === field && e.detail === detail);
};

/**
 * UPSTREAM CLASH (Kubernetes v1.37.2 disagrees with itself; jobkit follows both sides). Since
 * MutableSchedulingDirectivesForSuspendedJobs (Beta, on by default since 1.36) the controller
 * clears status.startTime when it marks a Job Suspended (job_controller.go v1.37.2 l.1173-1175,
 * `job.Status.StartTime = nil`), and does not set it again while the Job stays suspended
 * (l.1054). A suspended Job can still finish: pods that were already terminating when it was
 * suspended end Failed (backoffLimit exceeded ⇒ FailureTarget ⇒ Failed) or Succeeded
 * (completions reached ⇒ SuccessCriteriaMet ⇒ Complete). The API server then rejects the
 * terminal write: validation.go l.557-560 `startTime is required for finished job`, with
 * strategy.go l.363+384 exempting only suspend=true with completions=0. The Job stays
 * FailureTarget/SuccessCriteriaMet until resumed (resume sets startTime and the write passes).
 * tools/oracle (v1.37.2) writes the same status as syncJob for the cases' inputs.
 * Shape: a rejected write whose only errors are `status.startTime: startTime is required for
 * finished job`, on a Job with spec.suspend=true whose new status has no startTime.
 * Cases: statusValidity.cases.test.ts "upstream clash: suspended Job …".
 */
export function isSuspendedJobFinishesWithoutStartTime(v: Violation): boolean {
  if (!only(v, 'status.startTime', 'startTime is required for finished job')) return false;
  return v.input.job.spec.suspend === true && v.newStatus?.startTime === undefined;
}

/**
 * FIXED in @jobkit/core d487edc (kept to classify old runs): pod-creation backoff reported
 * active=0 while ready counted the running Ready pods (job_controller.go @ 6ae037f1 manageJob,
 * `return 0, metrics.JobSyncActionPodsCreated, nil` in both backoff branches); the server
 * rejects ready > active. Upstream: kubernetes/kubernetes#139428, fixed by #139457.
 * Shape: only `status.ready: cannot set more ready pods than active`, active=0 written although
 * the pass created no pod and left an active pod of its input undeleted.
 */
export function isBackoffReportsActiveZero(v: Violation): boolean {
  if (!only(v, 'status.ready', 'cannot set more ready pods than active')) return false;
  if ((v.newStatus?.active ?? 0) !== 0) return false;
  const actions = v.actions ?? [];
  if (actions.some((a) => a.type === 'CreatePod')) return false;
  const deleted = new Set(actions.flatMap((a) => (a.type === 'DeletePod' ? [a.uid] : [])));
  return v.input.pods.some((p) => {
    const phase = p.status?.phase;
    return phase !== 'Succeeded' && phase !== 'Failed' && p.metadata.deletionTimestamp == null && !deleted.has(p.metadata.uid ?? '');
  });
}

/** Indexes of an interval list such as "0,2-4" (well-formed input assumed: status written by syncJob). */
function indexesOf(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    if (part === '') continue;
    const [a, b] = part.split('-').map(Number);
    for (let i = a!; i <= (b ?? a!); i++) out.add(i);
  }
  return out;
}

/**
 * UPSTREAM CLASH (Kubernetes v1.37.2 disagrees with itself; jobkit follows both sides). With
 * backoffLimitPerIndex, v1.37.2 keeps completed and failed indexes independently:
 * calculateFailedIndexes (indexed_job_utils.go l.78-94) adds the index of any tracked pod that
 * failed past the limit without skipping completed indexes, and calculateSucceededIndexes
 * (l.59-73) and trackJobStatusAndRemoveFinalizers (job_controller.go l.1346-1352) add the index of
 * any tracked Succeeded pod without skipping failed ones. The API server rejects the overlap
 * (validation.go RejectFailedIndexesOverlappingCompleted; strategy.go l.380, on when either list
 * changed). Reached when two pods of one index end differently: under podReplacementPolicy
 * TerminatingOrFailed a terminating pod counts as failed and is replaced at once, yet may still
 * exit 0; manageJob leaves a second pod of a completed index running
 * (appendDuplicatedIndexPodsForRemoval only dedups active pods). tools/oracle (v1.37.2) writes
 * the same indexes as syncJob for both cases' inputs.
 * Shape: only `status.failedIndexes: failedIndexes and completedIndexes overlap at index: N`,
 * where the write puts N in both lists and N was not in both before.
 * Cases: statusValidity.cases.test.ts "upstream clash: … index … completed and failed …".
 */
export function isIndexBothCompletedAndFailed(v: Violation): boolean {
  if (v.kind !== 'statusUpdateRejected') return false;
  const errs = (v.errors ?? []) as readonly FieldError[];
  const prefix = 'failedIndexes and completedIndexes overlap at index: ';
  if (errs.length === 0 || !errs.every((e) => e.field === 'status.failedIndexes' && (e.detail ?? '').startsWith(prefix))) return false;
  const before = (n: number): boolean => indexesOf(v.oldStatus?.completedIndexes).has(n) && indexesOf(v.oldStatus?.failedIndexes).has(n);
  const after = (n: number): boolean => indexesOf(v.newStatus?.completedIndexes).has(n) && indexesOf(v.newStatus?.failedIndexes).has(n);
  return errs.every((e) => {
    const n = Number((e.detail ?? '').slice(prefix.length));
    return after(n) && !before(n);
  });
}

/**
 * UPSTREAM CLASH (Kubernetes v1.37.2 disagrees with itself; jobkit follows both sides). An
 * Indexed Job may change completions only together with parallelism (elastic Jobs); the status
 * strategy allows succeeded to decrease only while completions == parallelism (strategy.go
 * v1.37.2 l.373, computed on the stored spec). If the user scales completions and parallelism
 * down together and then changes parallelism alone before the controller syncs, the controller
 * drops the completed indexes ≥ completions (calculateSucceededIndexes parses completedIndexes
 * against the new completions, indexed_job_utils.go l.59-73) and writes a smaller succeeded,
 * which the server rejects until parallelism equals completions again. tools/oracle (v1.37.2)
 * writes the same status as syncJob for the case's input.
 * Shape: only `status.succeeded: cannot decrease the succeeded counter`, on an Indexed Job with
 * completions ≠ parallelism whose old completedIndexes had an index ≥ completions.
 * Case: statusValidity.cases.test.ts "upstream clash: elastic scale-down …".
 */
export function isScaledDownIndexedJobDropsSucceeded(v: Violation): boolean {
  if (!only(v, 'status.succeeded', 'cannot decrease the succeeded counter')) return false;
  const spec = v.input.job.spec;
  if (spec.completionMode !== 'Indexed' || spec.completions === spec.parallelism) return false;
  const completions = spec.completions ?? 0;
  return [...indexesOf(v.oldStatus?.completedIndexes)].some((ix) => ix >= completions);
}

/** The shapes the property excludes, by name (only open ones; fixed ones must fail again). */
export const knownViolations: readonly { readonly name: string; readonly matches: (v: Violation) => boolean }[] = [
  { name: 'upstream clash: suspended Job finishes without startTime', matches: isSuspendedJobFinishesWithoutStartTime },
  { name: 'upstream clash: an index both completed and failed', matches: isIndexBothCompletedAndFailed },
  { name: 'upstream clash: elastic scale-down then parallelism-only edit drops succeeded', matches: isScaledDownIndexedJobDropsSucceeded },
];
