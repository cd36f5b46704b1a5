// Mirrors the backoffLimitPerIndex helpers of pkg/controller/job/indexed_job_utils.go
// (isIndexFailed, getNewIndexFailureCounts, the index-failure-count annotations).
import { JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation, type Job, type Pod } from '@jobkit/api';
import { atoi } from './internal/atoi.js';
import { isPodFailed } from './internal/podFailed.js';
import { matchPodFailurePolicy } from './podFailurePolicy.js';

const MAX_INT32 = 2147483647;

/** The index-failure annotations a replacement pod is created with. */
export interface IndexFailureCounts {
  /** Value for `batch.kubernetes.io/job-index-failure-count`. */
  readonly failureCount: number;
  /** Value for `batch.kubernetes.io/job-index-ignored-failure-count` (upstream writes it only when > 0). */
  readonly ignoredFailureCount: number;
}

/**
 * Whether this failed pod makes its index failed (backoffLimitPerIndex): a matching FailIndex
 * rule fails the index at once; otherwise a counted failure (not Ignored) fails it once the pod's
 * index-failure-count has reached `spec.backoffLimitPerIndex`. Returns false for a pod that is
 * not failed, and for a job without backoffLimitPerIndex (upstream only asks for such jobs).
 *
 * @category Backoff limit per index
 * @example isIndexFailed(jobWithLimit1, failedPodWithFailureCount1) === true
 */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  const limit = job?.spec?.backoffLimitPerIndex;
  if (!isPodFailed(pod, job)) return false;
  let counted = true;
  const policy = job.spec?.podFailurePolicy;
  if (policy != null) {
    const match = matchPodFailurePolicy(policy, pod);
    if (match.action === 'FailIndex') return true;
    counted = match.countFailed;
  }
  if (typeof limit !== 'number') return false;
  return counted && getIndexFailureCount(pod) >= limit;
}

/**
 * The failure counts to stamp on the pod created for an index: 0/0 for the index's first pod;
 * when replacing a failed pod, its counts plus one failure, or plus one ignored failure when
 * the pod failure policy ignores that pod's failure.
 *
 * @category Backoff limit per index
 * @example getNewIndexFailureCounts(job, podWithFailureCount3) // → { failureCount: 4, ignoredFailureCount: 0 }
 */
export function getNewIndexFailureCounts(job: Job, podBeingReplaced?: Pod | null): IndexFailureCounts {
  if (podBeingReplaced == null) return { failureCount: 0, ignoredFailureCount: 0 };
  let failureCount = getIndexFailureCount(podBeingReplaced);
  let ignoredFailureCount = getIndexIgnoredFailureCount(podBeingReplaced);
  const policy = job?.spec?.podFailurePolicy;
  if (policy != null && !matchPodFailurePolicy(policy, podBeingReplaced).countFailed) ignoredFailureCount++;
  else failureCount++;
  return { failureCount, ignoredFailureCount };
}

/**
 * The pod's `batch.kubernetes.io/job-index-failure-count` annotation; 0 when it is missing,
 * not an integer, negative or beyond int32 (e.g. edited by a user), as upstream.
 *
 * @category Backoff limit per index
 */
export function getIndexFailureCount(pod: Pod): number {
  return parseCountAnnotation(pod, JobIndexFailureCountAnnotation);
}

/**
 * The pod's `batch.kubernetes.io/job-index-ignored-failure-count` annotation, read like
 * {@link getIndexFailureCount}.
 *
 * @category Backoff limit per index
 */
export function getIndexIgnoredFailureCount(pod: Pod): number {
  return parseCountAnnotation(pod, JobIndexIgnoredFailureCountAnnotation);
}

/**
 * Counted plus ignored failures of the index (upstream's getIndexAbsoluteFailureCount), used to
 * pick the latest failed pod of an index.
 *
 * @category Backoff limit per index
 */
export function getIndexAbsoluteFailureCount(pod: Pod): number {
  return getIndexFailureCount(pod) + getIndexIgnoredFailureCount(pod);
}

function parseCountAnnotation(pod: Pod, key: string): number {
  const annotations = pod?.metadata?.annotations;
  if (annotations == null || !Object.prototype.hasOwnProperty.call(annotations, key)) return 0;
  const value = atoi(annotations[key]);
  if (value === undefined || value < 0 || value > MAX_INT32) return 0;
  return value;
}
