// Mirrors the pod-annotation half of pkg/controller/job/indexed_job_utils.go (completion index,
// per-index failure counts, generateName with index).
import {
  JobCompletionIndexAnnotation,
  JobIndexFailureCountAnnotation,
  JobIndexIgnoredFailureCountAnnotation,
  MaxGeneratedNameLength,
  type Pod,
} from '@jobkit/api';
import { atoi, MaxInt32 } from './internal/goInt.js';

/** Upstream's `unknownCompletionIndex`: what {@link getCompletionIndex} returns for no valid index. */
export const UnknownCompletionIndex = -1;

/**
 * The pod's completion index from its `batch.kubernetes.io/job-completion-index` annotation, read
 * as upstream `getCompletionIndex` reads it: Go `strconv.Atoi` (so `"+3"` and `"007"` are 3), and
 * {@link UnknownCompletionIndex} when the annotation is missing, does not parse, or is negative
 * (also when the pod is malformed: no metadata, a non-string value).
 * The label of the same name is not consulted, as upstream does not consult it.
 *
 * Values beyond 2^53 (still valid Go ints) come back rounded; they are far beyond any
 * `completions`, which is all callers compare them with.
 */
export function getCompletionIndex(pod: Pod): number {
  const v = annotation(pod, JobCompletionIndexAnnotation);
  if (v === undefined) return UnknownCompletionIndex;
  const i = atoi(v);
  if (i === undefined || i < 0) return UnknownCompletionIndex;
  return i;
}

/**
 * Whether `index` (as returned by {@link getCompletionIndex}) counts for a job with
 * `completions`: known and below `completions`, the test upstream repeats as
 * `ix != unknownCompletionIndex && ix < int(*job.Spec.Completions)`.
 */
export function isValidCompletionIndex(index: number, completions: number): boolean {
  return index !== UnknownCompletionIndex && index >= 0 && index < completions;
}

/**
 * An annotation of a pod that may be malformed: a pod, metadata or annotations map of the wrong
 * shape, or a value that is not a string, reads as no annotation (never a throw).
 */
function annotation(pod: Pod, key: string): string | undefined {
  const meta: unknown = typeof pod === 'object' && pod !== null ? (pod as { metadata?: unknown }).metadata : undefined;
  const annotations: unknown = typeof meta === 'object' && meta !== null ? (meta as { annotations?: unknown }).annotations : undefined;
  if (typeof annotations !== 'object' || annotations === null || !Object.prototype.hasOwnProperty.call(annotations, key)) return undefined;
  const v: unknown = (annotations as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

/** Upstream `parseInt32`: Atoi, then 0 unless within `[0, MaxInt32]`. */
function parseCount(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = atoi(v);
  if (n === undefined || n < 0 || n > MaxInt32) return 0;
  return n;
}

/**
 * The `batch.kubernetes.io/job-index-failure-count` annotation as upstream `getIndexFailureCount`
 * reads it: 0 when missing, not a Go int, negative, or above MaxInt32.
 */
export function getIndexFailureCount(pod: Pod): number {
  return parseCount(annotation(pod, JobIndexFailureCountAnnotation));
}

/**
 * The `batch.kubernetes.io/job-index-ignored-failure-count` annotation, read like
 * {@link getIndexFailureCount} (upstream `parseIndexFailureIgnoreCountAnnotation`).
 */
export function getIndexIgnoredFailureCount(pod: Pod): number {
  return parseCount(annotation(pod, JobIndexIgnoredFailureCountAnnotation));
}

/**
 * Failure count plus ignored-failure count (upstream `getIndexAbsoluteFailureCount`). Upstream
 * sums in int32 and wraps above MaxInt32 (indexed_job_utils.go:423); jobkit does not copy the
 * overflow and returns the true sum (testdata/conformance/known-divergences.json).
 */
export function getIndexAbsoluteFailureCount(pod: Pod): number {
  return getIndexFailureCount(pod) + getIndexIgnoredFailureCount(pod);
}

/** Failure counters carried by a replacement pod (upstream `getNewIndexFailureCounts`). */
export interface IndexFailureCounts {
  readonly failureCount: number;
  readonly ignoredFailureCount: number;
}

/**
 * The counters for the pod that replaces `podBeingReplaced` (upstream `getNewIndexFailureCounts`):
 * zeros when nothing is replaced; otherwise the old pod's counters with one failure added, to
 * `failureCount` when `countFailed` (the caller passes `true` when there is no pod failure
 * policy, or the policy's `countFailed` when there is one) and to `ignoredFailureCount` otherwise.
 * Upstream's int32 `++` wraps a count of MaxInt32 to MinInt32 (indexed_job_utils.go:365-370);
 * jobkit does not copy the overflow and counts on (testdata/conformance/known-divergences.json).
 */
export function newIndexFailureCounts(podBeingReplaced: Pod | undefined, countFailed: boolean): IndexFailureCounts {
  if (podBeingReplaced === undefined) return { failureCount: 0, ignoredFailureCount: 0 };
  let failureCount = getIndexFailureCount(podBeingReplaced);
  let ignoredFailureCount = getIndexIgnoredFailureCount(podBeingReplaced);
  if (countFailed) failureCount += 1;
  else ignoredFailureCount += 1;
  return { failureCount, ignoredFailureCount };
}

/**
 * The annotations upstream `addIndexFailureCountAnnotation` writes on a new pod's template: the
 * failure count always, the ignored-failure count only when above zero.
 */
export function indexFailureCountAnnotations(counts: IndexFailureCounts): Record<string, string> {
  const out: Record<string, string> = { [JobIndexFailureCountAnnotation]: String(counts.failureCount) };
  if (counts.ignoredFailureCount > 0) out[JobIndexIgnoredFailureCountAnnotation] = String(counts.ignoredFailureCount);
  return out;
}

/**
 * The `generateName` of a pod for `index` (upstream `podGenerateNameWithIndex`):
 * `<jobName>-<index>-`, with the job name cut so the whole stays within MaxGeneratedNameLength
 * (58). Job names are DNS subdomains, so ASCII: string length equals Go's byte length.
 *
 * @example podGenerateNameWithIndex('indexed-job', 1) === 'indexed-job-1-'
 */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  const prefix = jobName + appendIndex;
  if (prefix.length <= MaxGeneratedNameLength) return prefix;
  return prefix.slice(0, MaxGeneratedNameLength - appendIndex.length) + appendIndex;
}
