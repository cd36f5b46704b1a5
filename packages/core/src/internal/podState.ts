// Pod predicates of pkg/controller/job/job_controller.go and pkg/controller/controller_utils.go
// (FilterActivePods, CountTerminatingPods, IsPodReady, hasJobTrackingFinalizer, isPodFailed).
import { PodConditionType, type Pod } from '@jobkit/api';

export const isDeleting = (p: Pod): boolean => p.metadata.deletionTimestamp !== undefined && p.metadata.deletionTimestamp !== null;

export const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** Not finished and not being deleted. */
export const isPodActive = (p: Pod): boolean => !isTerminal(p) && !isDeleting(p);

/** Being deleted but not finished yet. */
export const isPodTerminating = (p: Pod): boolean => isDeleting(p) && !isTerminal(p);

export function isPodReady(p: Pod): boolean {
  const conds = p.status?.conditions;
  if (conds === undefined) return false;
  for (const c of conds) if (c.type === PodConditionType.Ready) return c.status === 'True';
  return false;
}

/** Whether the pod carries the controller's tracking finalizer (upstream hasJobTrackingFinalizer; the name is the pass's `trackingFinalizer`). */
export const hasTrackingFinalizer = (p: Pod, finalizer: string): boolean => p.metadata.finalizers?.includes(finalizer) ?? false;

/** One home for the failure rule: @jobkit/policy (v1.37.2 isPodFailed / onlyReplaceFailedPods). */
export { isPodFailed, onlyReplaceFailedPods } from '@jobkit/policy';

export const podUid = (p: Pod): string => p.metadata.uid ?? '';
export const podName = (p: Pod): string => p.metadata.name ?? '';
