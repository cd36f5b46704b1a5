// Mirrors syncOrphanPod of pkg/controller/job/job_controller.go: the tracking finalizer comes off
// pods whose owning Job is finished or gone.
import { JobControllerName, type Job, type Pod } from '@jobkit/api';
import { isJobFinished } from './internal/conditions.js';
import { hasTrackingFinalizer, podName, podUid } from './internal/podState.js';
import type { Action } from './types.js';

/**
 * RemovePodFinalizer actions for the pods among `pods` that still carry the tracking finalizer
 * although no unfinished Job owns them. `job` is the Job the pods' controller reference may
 * point to (undefined: it does not exist). Pods controlled by something other than a batch/v1
 * Job are left alone, as are pods of `job` while it is unfinished or managed by another
 * controller. A pod whose controller reference names a Job other than `job` is treated as an
 * orphan, so pass only pods whose owner you resolved to `job` (or to nothing).
 *
 * @category Reconcile
 */
export function orphanPodActions(job: Job | undefined, pods: readonly Pod[]): Action[] {
  const out: Action[] = [];
  for (const p of pods) {
    if (!hasTrackingFinalizer(p)) continue;
    const ref = p.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref !== undefined) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') continue;
      const owner = job !== undefined && job.metadata.uid === ref.uid ? job : undefined;
      if (owner !== undefined) {
        const managedBy = owner.spec?.managedBy;
        if (managedBy != null && managedBy !== JobControllerName) continue;
        if (!isJobFinished(owner)) continue;
      }
    }
    out.push({ type: 'RemovePodFinalizer', name: podName(p), uid: podUid(p) });
  }
  return out;
}
