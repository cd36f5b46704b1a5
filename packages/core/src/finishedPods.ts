// What one status write finished, as upstream's metrics count it (job_controller.go
// recordJobPodFinished): for an Indexed Job the succeeded pods are the newly completed indexes
// below spec.completions — a scale-down that drops a completed index out of range must not
// count negative successes — and failed indexes are counted only with backoffLimitPerIndex.
import type { Job, JobStatus } from '@jobkit/api';
import { countIndexes, parseIndexesFromString } from '@jobkit/indexes';

export interface FinishedPods {
  /** job_pods_finished_total{result="succeeded"} (may be negative, as upstream's Add would be). */
  readonly succeeded: number;
  /** job_pods_finished_total{result="failed"}. */
  readonly failed: number;
  /** Indexed only: job_finished_indexes_total{status, backoffLimit}. */
  readonly indexes?: { readonly succeeded: number; readonly failed: number; readonly backoffLimit: 'perIndex' | 'global' };
}

const indexesCount = (s: string | undefined | null, completions: number): number => (s == null ? 0 : countIndexes(parseIndexesFromString(s, completions)));

/** The counts a write of `job`'s status adds over `before` (the status the pass started from). */
export function finishedPods(job: Job, before: JobStatus): FinishedPods {
  const after = job.status ?? {};
  const failed = (after.failed ?? 0) - (before.failed ?? 0);
  if (job.spec.completionMode !== 'Indexed') return { succeeded: (after.succeeded ?? 0) - (before.succeeded ?? 0), failed };
  const completions = job.spec.completions ?? 1;
  const perIndex = job.spec.backoffLimitPerIndex != null;
  const succeeded =
    after.completedIndexes !== before.completedIndexes
      ? indexesCount(after.completedIndexes, completions) - indexesCount(before.completedIndexes, completions)
      : 0;
  let failedIndexes = 0;
  if (perIndex && after.failedIndexes !== before.failedIndexes) {
    failedIndexes = Math.max(0, indexesCount(after.failedIndexes, completions) - indexesCount(before.failedIndexes, completions));
  }
  return { succeeded, failed, indexes: { succeeded, failed: failedIndexes, backoffLimit: perIndex ? 'perIndex' : 'global' } };
}
