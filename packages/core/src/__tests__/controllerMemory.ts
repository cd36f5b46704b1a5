// Test support: a controller as it lives in kube-controller-manager (pkg/controller/job/
// job_controller.go, k8s.io/kubernetes v1.37.2). It lists pods from an informer cache that may
// lag the API server, and keeps upstream's memory between passes: the pod expectations
// (ExpectCreations/ExpectDeletions, lowered by the pod event handlers) and the finalizer
// expectations (uidTrackingExpectations: UIDs recorded before the removal patches, cleared when
// the informer shows the finalizer gone or the pod deleted, or when the patch failed).
import { JobTrackingFinalizer, type Pod } from '@jobkit/api';
import type { Action, SyncOptions } from '../types.js';

/** One watch event, as the informer delivers it (the pod as it is after the write). */
export interface PodEvent {
  readonly type: 'add' | 'update' | 'delete';
  readonly pod: Pod;
}

/**
 * The events that turn `before` into `after`, for lists where unchanged pods keep their object
 * and their place and new pods come last (applyActions, the test kubelets).
 */
export function podEvents(before: readonly Pod[], after: readonly Pod[]): PodEvent[] {
  const out: PodEvent[] = [];
  let j = 0;
  for (let i = 0; i < before.length; i++) {
    const b = before[i]!;
    const a = after[j];
    if (a === b) j++;
    else if (a !== undefined && a.metadata.uid === b.metadata.uid) {
      out.push({ type: 'update', pod: a });
      j++;
    } else out.push({ type: 'delete', pod: b });
  }
  for (; j < after.length; j++) out.push({ type: 'add', pod: after[j]! });
  return out;
}

/** A controller's cache and memory. Mutable: it is one controller process's state. */
export interface Controller {
  /** The informer's store, in the order pods first appeared. */
  cache: Map<string, Pod>;
  /** How many events of the log the cache has seen. */
  cursor: number;
  /** ControllerExpectations for this job; undefined when never set (satisfied). */
  expectations: { add: number; del: number } | undefined;
  /** uidTrackingExpectations for this job. */
  pending: Set<string>;
}

/** A controller that has just started: its informer lists every pod (`log` so far), its memory is empty. */
export function startController(pods: readonly Pod[], logLength: number): Controller {
  return { cache: new Map(pods.map((p) => [p.metadata.uid!, p])), cursor: logLength, expectations: undefined, pending: new Set() };
}

const hasFinalizer = (p: Pod): boolean => p.metadata.finalizers?.includes(JobTrackingFinalizer) ?? false;

/** What upstream's addPod / updatePod / deletePod do with an event of one of the job's pods. */
function observe(c: Controller, e: PodEvent): void {
  const uid = e.pod.metadata.uid!;
  const exp = c.expectations;
  // deletePod(pod, final): DeletionObserved, and the finalizer counts as removed on the final
  // delete or when the deleted pod has none left. addPod and updatePod of a pod with a deletion
  // timestamp go there too.
  if (e.type === 'delete' || e.pod.metadata.deletionTimestamp != null) {
    if (exp !== undefined) exp.del--;
    if (e.type === 'delete' || !hasFinalizer(e.pod)) c.pending.delete(uid);
    return;
  }
  if (e.type === 'add') {
    if (exp !== undefined) exp.add--;
    return;
  }
  // updatePod: the latest state counts, whatever the old pod had.
  if (!hasFinalizer(e.pod)) c.pending.delete(uid);
}

/** The informer delivers events up to `upTo` (never goes back). */
export function catchUp(c: Controller, log: readonly PodEvent[], upTo: number): void {
  for (; c.cursor < Math.min(upTo, log.length); c.cursor++) {
    const e = log[c.cursor]!;
    const uid = e.pod.metadata.uid!;
    if (e.type === 'delete') c.cache.delete(uid);
    else c.cache.set(uid, e.pod);
    observe(c, e);
  }
}

/** The pods the next pass lists, and the memory it receives. */
export function listed(c: Controller): Pod[] {
  return [...c.cache.values()];
}

export function memoryOptions(c: Controller): Pick<SyncOptions, 'expectationsSatisfied' | 'finalizerRemovalsPending'> {
  const e = c.expectations;
  return { expectationsSatisfied: e === undefined || (e.add <= 0 && e.del <= 0), finalizerRemovalsPending: [...c.pending] };
}

/**
 * How upstream reaches each action of a pass: the tracking removals of
 * flushUncountedAndRemoveFinalizers (recorded in the finalizer expectations), manageJob's
 * deletions (deleteJobPods: finalizer patch, then delete; expected deletions) and creations
 * (expected creations), and deleteActivePods' deletions of a finishing job (not expected).
 */
export function actionRoles(
  actions: readonly Action[],
): ('create' | 'expectedDelete' | 'finishingDelete' | 'releaseFinalizer' | 'trackingRemoval' | 'other')[] {
  return actions.map((a, i) => {
    if (a.type === 'CreatePod') return 'create';
    if (a.type === 'DeletePod') {
      const b = actions[i - 1];
      return b?.type === 'RemovePodFinalizer' && b.uid === a.uid ? 'expectedDelete' : 'finishingDelete';
    }
    if (a.type === 'RemovePodFinalizer') {
      const n = actions[i + 1];
      return n?.type === 'DeletePod' && n.uid === a.uid ? 'releaseFinalizer' : 'trackingRemoval';
    }
    return 'other';
  });
}

/**
 * The memory a pass leaves when its first `k` actions went through and the rest failed (or were
 * never sent), and the finalizer patch `actions[failedAt]` failed: expectations set before the calls and
 * lowered for each failed or skipped one, as manageJob does; tracking removals recorded before the
 * patches and cleared for each that failed.
 */
export function recordPass(c: Controller, actions: readonly Action[], k: number, failedAt?: number): void {
  const roles = actionRoles(actions);
  let creates = 0;
  let deletes = 0;
  let anyCreate = false;
  let anyDelete = false;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    const done = i < k;
    if (roles[i] === 'create') {
      anyCreate = true;
      if (done) creates++;
    } else if (roles[i] === 'expectedDelete') {
      anyDelete = true;
      if (done) deletes++;
    } else if (roles[i] === 'trackingRemoval' && done && a.type === 'RemovePodFinalizer' && i !== failedAt) c.pending.add(a.uid);
  }
  // A pass creates or deletes, never both (manageJob); each sets the expectations anew.
  if (anyCreate && creates > 0) c.expectations = { add: creates, del: 0 };
  if (anyDelete && deletes > 0) c.expectations = { add: 0, del: deletes };
}
