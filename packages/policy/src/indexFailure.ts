// Mirrors the backoffLimitPerIndex decisions of pkg/controller/job/indexed_job_utils.go
// (isIndexFailed, getNewIndexFailureCounts) that need the pod failure policy; the annotation
// readers themselves live in @jobkit/indexes.
import type { Job, Pod } from '@jobkit/api';
import { getIndexFailureCount, newIndexFailureCounts, type IndexFailureCounts } from '@jobkit/indexes';
import { isPodFailed, onlyReplaceFailedPods } from './podFailed.js';
import { matchPodFailurePolicy } from './podFailurePolicy.js';

/**
 * Whether this failed pod makes its index failed (backoffLimitPerIndex): a matching FailIndex
 * rule fails the index at once; otherwise a counted failure (not Ignored) fails it once the pod's
 * index-failure-count has reached `spec.backoffLimitPerIndex`. Returns false for a pod that is
 * not failed, and (short of a FailIndex match) for a job without backoffLimitPerIndex: upstream
 * only asks for jobs that have it.
 *
 * @category Backoff limit per index
 * @example isIndexFailed(jobWithLimit1, failedPodWithFailureCount1) === true
 */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  if (!isPodFailed(pod, onlyReplaceFailedPods(job?.spec))) return false;
  let counted = true;
  const policy = job?.spec?.podFailurePolicy;
  if (policy != null) {
    const match = matchPodFailurePolicy(policy, pod);
    if (match.action === 'FailIndex') return true;
    counted = match.countFailed;
  }
  const limit = job?.spec?.backoffLimitPerIndex;
  if (typeof limit !== 'number') return false;
  return counted && getIndexFailureCount(pod) >= limit;
}

/**
 * The failure counts to stamp on the pod created for an index: 0/0 for the index's first pod;
 * when replacing a failed pod, its counts plus one failure, or plus one ignored failure when
 * the job's pod failure policy ignores that pod's failure. Write them with
 * `indexFailureCountAnnotations` from @jobkit/indexes.
 *
 * @category Backoff limit per index
 * @example getNewIndexFailureCounts(job, podWithFailureCount3) // → { failureCount: 4, ignoredFailureCount: 0 }
 */
export function getNewIndexFailureCounts(job: Job, podBeingReplaced?: Pod | null): IndexFailureCounts {
  if (podBeingReplaced == null) return newIndexFailureCounts(undefined, true);
  const policy = job?.spec?.podFailurePolicy;
  const countFailed = policy == null || matchPodFailurePolicy(policy, podBeingReplaced).countFailed;
  return newIndexFailureCounts(podBeingReplaced, countFailed);
}
