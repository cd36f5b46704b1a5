// Mirrors syncOrphanPod of pkg/controller/job/job_controller.go: the tracking finalizer comes off
// pods whose owning Job is finished or gone.
import { isJobFinished, JobControllerName, type Job, type Pod } from '@jobkit/api';
import { isManagedBy } from './internal/conditions.js';
import { orphanInputShapeError } from './internal/inputShape.js';
import { trackingFinalizerError, trackingFinalizerOf } from './internal/trackingFinalizer.js';
import { hasTrackingFinalizer, podName, podUid } from './internal/podState.js';
import type { Action } from './types.js';

/** What the orphan worker decided: the finalizer removals, or why the input was refused. */
export interface OrphanResult {
  readonly actions: readonly Action[];
  /** The first field of the input that has the wrong shape (then `actions` is empty). */
  readonly error?: string;
}

/**
 * RemovePodFinalizer actions for the pods among `pods` that still carry the tracking finalizer
 * although no unfinished Job owns them. `job` is the Job the pods' controller reference may
 * point to (undefined: it does not exist). Pods controlled by something other than a batch/v1
 * Job are left alone, as are pods of `job` while it is unfinished or managed by a controller
 * other than `options.controllerName` (default kubernetes.io/job-controller). A pod whose controller reference names a Job other than `job` is treated as an
 * orphan, so pass only pods whose owner you resolved to `job` (or to nothing). Malformed input
 * (a null owner reference, a pods value that is not a list, ...) is refused with an `error`
 * naming the field, as syncJob refuses it.
 *
 * @category Reconcile
 * @example
 * const { actions, error } = orphanPodActions(undefined, pods); // owner gone: strip every finalizer
 */
export function orphanPodActions(
  job: Job | undefined,
  pods: readonly Pod[],
  options: { readonly controllerName?: string; readonly trackingFinalizer?: string } = {},
): OrphanResult {
  const error = orphanInputShapeError(job, pods);
  if (error !== undefined) return { actions: [], error };
  if (options === null || typeof options !== 'object' || (options.controllerName !== undefined && typeof options.controllerName !== 'string')) {
    return { actions: [], error: 'options.controllerName: Invalid value: must be a string' };
  }
  if (options.trackingFinalizer !== undefined && typeof options.trackingFinalizer !== 'string') {
    return { actions: [], error: 'options.trackingFinalizer: Invalid value: must be a string' };
  }
  const finalizerError = trackingFinalizerError(options);
  if (finalizerError !== undefined) return { actions: [], error: finalizerError };
  const controllerName = options.controllerName ?? JobControllerName;
  const finalizer = trackingFinalizerOf(options);
  const out: Action[] = [];
  for (const p of pods) {
    if (!hasTrackingFinalizer(p, finalizer)) continue;
    const ref = p.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref !== undefined) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') continue;
      const owner = job != null && job.metadata.uid === ref.uid ? job : undefined;
      if (owner !== undefined) {
        if (!isManagedBy(owner, controllerName)) continue;
        if (!isJobFinished(owner)) continue;
      }
    }
    out.push({ type: 'RemovePodFinalizer', name: podName(p), uid: podUid(p) });
  }
  return { actions: out };
}
