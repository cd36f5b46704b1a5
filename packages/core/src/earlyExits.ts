// Step 1 of syncJob (pkg/controller/job/job_controller.go, k8s.io/kubernetes v1.37.2): the
// passes that end before any pod is looked at — malformed input, a Job of another controller, a
// finished Job, an unknown completion mode, and what upstream's pod listing refuses.
import { emptyBackoffRecord, type BackoffRecord } from '@jobkit/backoff';
import { CompletionModes, EventReason, isJobFinished, JobControllerName, selectorError, type Job, type Pod } from '@jobkit/api';
import { isManagedBy } from './internal/conditions.js';
import { trackingFinalizerError } from './internal/trackingFinalizer.js';
import { inputShapeError, listedPodsError } from './internal/inputShape.js';
import type { Action, SyncOptions, SyncResult } from './types.js';

/** A pass that stopped in step 1, and why (for the explanation). */
export interface EarlyExit {
  readonly result: SyncResult;
  readonly why: string;
}

function noop(why: string, job: Job, backoff: BackoffRecord, actions: Action[] = [], error?: string): EarlyExit {
  return { why, result: { actions, status: job.status ?? {}, backoff, ...(error !== undefined ? { error } : {}) } };
}

/**
 * The result of a pass on malformed input: nothing done, the error naming the field. Echoes what
 * can be echoed safely, as the inputs are not to be trusted here.
 */
export function malformedInput(job: Job, options: SyncOptions, error: string): EarlyExit {
  const o: unknown = options;
  const backoff =
    typeof o === 'object' && o !== null && typeof (o as SyncOptions).backoff === 'object' && (o as SyncOptions).backoff !== null
      ? (o as SyncOptions).backoff!
      : emptyBackoffRecord;
  const j: unknown = job;
  const status = typeof j === 'object' && j !== null && typeof (j as Job).status === 'object' && (j as Job).status !== null ? (j as Job).status! : {};
  return { why: `malformed input: ${error}`, result: { actions: [], status, backoff, error } };
}

/**
 * The result of a pass that stops before classifying pods, or undefined when the pass goes on.
 * The listed pods' shapes are checked in classifyPods' walk when the pass goes on, here when it
 * stops (a malformed pod is reported either way).
 */
export function earlyExit(job: Job, listedPods: readonly Pod[], now: Date, options: SyncOptions): EarlyExit | undefined {
  const shapeError = inputShapeError(job, listedPods, now, options);
  if (shapeError !== undefined) return malformedInput(job, options, shapeError);
  const exit = exitBeforePods(job, options);
  if (exit === undefined) return undefined;
  const podError = listedPodsError(listedPods);
  return podError !== undefined ? malformedInput(job, options, podError) : exit;
}

function exitBeforePods(job: Job, options: SyncOptions): EarlyExit | undefined {
  const prevBackoff = options.backoff ?? emptyBackoffRecord;
  const spec = job.spec;
  const finalizerError = trackingFinalizerError(options);
  if (finalizerError !== undefined) return noop('the tracking finalizer option is refused', job, prevBackoff, [], finalizerError);
  // Jobs managed by another controller are not ours.
  const controllerName = options.controllerName ?? JobControllerName;
  if (!isManagedBy(job, controllerName)) return noop(`managed by ${spec.managedBy ?? JobControllerName}, not by ${controllerName}`, job, prevBackoff);
  // Finished jobs: nothing to do; the backoff record is dropped.
  if (isJobFinished(job)) return noop("the Job is finished; leftover pod finalizers are the orphan-pod worker's", job, emptyBackoffRecord);
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null && mode !== CompletionModes.NonIndexed && mode !== CompletionModes.Indexed) {
    return noop(`unknown completion mode ${String(mode)}`, job, prevBackoff, [
      { type: 'RecordEvent', eventType: 'Warning', reason: EventReason.UnknownCompletionMode, message: 'Skipped Job sync because completion mode is unknown' },
    ]);
  }
  if (mode === CompletionModes.Indexed && (spec.completions ?? undefined) === undefined) {
    return noop('Indexed without completions', job, prevBackoff, [], 'spec.completions: Required value: when completion mode is Indexed');
  }
  const badSelector = selectorError(spec.selector);
  if (badSelector !== undefined) return noop('the selector does not convert', job, prevBackoff, [], `couldn't convert Job selector: ${badSelector}`);
  // Upstream lists pods by owner (controller_utils.go FilterPodsByOwner), which refuses an owner
  // without a namespace, name or UID: the pass stops there with an error.
  const ownerError = !job.metadata.namespace
    ? 'metadata.namespace: no owner namespace provided'
    : !job.metadata.name
      ? 'metadata.name: no owner name provided'
      : !job.metadata.uid
        ? 'metadata.uid: no owner uid provided'
        : undefined;
  if (ownerError !== undefined) return noop('pods cannot be listed by owner', job, prevBackoff, [], ownerError);
  return undefined;
}
