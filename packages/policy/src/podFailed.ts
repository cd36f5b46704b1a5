// Mirrors isPodFailed and onlyReplaceFailedPods of pkg/controller/job/job_controller.go
// (JobPodReplacementPolicy on), which isIndexFailed needs.
import type { Job, Pod } from '@jobkit/api';

/** Replacement pods wait for phase Failed (podReplacementPolicy Failed, or any podFailurePolicy). */
export function onlyReplaceFailedPods(job: Job): boolean {
  const spec = job.spec ?? ({} as Job['spec']);
  return spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy != null;
}

/** Phase Failed; or, unless only failed pods are replaced, a deleted pod that did not succeed. */
export function isPodFailed(pod: Pod, job: Job): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  // Deleted pods count as failures: orphans may never reach phase Failed.
  return pod.metadata?.deletionTimestamp != null && phase !== 'Succeeded';
}
