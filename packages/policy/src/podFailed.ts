// Mirrors isPodFailed and onlyReplaceFailedPods of pkg/controller/job/job_controller.go
// (k8s.io/kubernetes v1.37.2): the one home of "is this pod a failure" for the pass, the public
// index-failure helpers and the CLI.
import { PodReplacementPolicies, type JobSpec, type Pod } from '@jobkit/api';

/**
 * Replacement pods wait for phase Failed. v1.37.2 reads `podReplacementPolicy` alone (older
 * releases also looked at `podFailurePolicy`; the API server defaults the policy to Failed when
 * a podFailurePolicy is set, so admitted Jobs agree either way).
 */
export function onlyReplaceFailedPods(spec: Pick<JobSpec, 'podReplacementPolicy'> | undefined): boolean {
  return spec?.podReplacementPolicy === PodReplacementPolicies.Failed;
}

/**
 * Phase Failed; or, unless only failed pods are replaced, being deleted and not Succeeded (a
 * terminating pod counts as failed at once under podReplacementPolicy TerminatingOrFailed).
 */
export function isPodFailed(pod: Pod, onlyReplaceFailed: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed') return true;
  if (onlyReplaceFailed) return false;
  return pod.metadata?.deletionTimestamp != null && phase !== 'Succeeded';
}
