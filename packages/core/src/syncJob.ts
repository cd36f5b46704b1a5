// Mirrors syncJob of pkg/controller/job/job_controller.go (k8s.io/kubernetes v1.37.2, every Job
// feature gate on; checked case by case against it with tools/oracle): one reconcile pass of a
// Job, returning its side effects as actions. The pass is five steps, each in a module of its own.
import type { Job, Pod } from '@jobkit/api';
import { classifyPods, passInputs } from './classifyPods.js';
import { earlyExit, malformedInput, type EarlyExit } from './earlyExits.js';
import { explainEarlyExit, explainPass } from './explanation.js';
import { decideFinishing } from './finishing.js';
import { managePods } from './manageJob.js';
import { newPassContext } from './passContext.js';
import { trackAndFinish } from './tracking.js';
import type { SyncOptions, SyncResult } from './types.js';

/**
 * One reconcile pass of the Job controller: from the Job, its pods and the controller's memory,
 * the pod creations/deletions, finalizer removals, status writes and events upstream performs,
 * in the order it performs them. Pure: reads no clock (`now` is the pass's time).
 *
 * @category Reconcile
 * @example
 * const { actions, status, backoff } = syncJob(job, pods, new Date('2026-01-01T00:00:00Z'));
 */
export function syncJob(job: Job, listedPods: readonly Pod[], now: Date, options: SyncOptions = {}): SyncResult {
  // 1. Early exits: malformed input, another controller's Job, a finished Job, an unknown mode.
  const exit = earlyExit(job, listedPods, now, options);
  if (exit !== undefined) return finish(exit, listedPods, options);
  // 2. Classify pods: one walk that checks each pod's shape, claims it, and counts it active,
  //    ready, terminating or newly finished.
  const inputs = passInputs(job, now, options);
  const pods = classifyPods(inputs, listedPods);
  if ('error' in pods) return finish(malformedInput(job, options, pods.error), listedPods, options);
  const ctx = newPassContext(inputs, pods);
  // 3. Decide finishing: the terminal condition this pass reaches, in upstream's precedence.
  decideFinishing(ctx);
  // 4. Manage pods: stop a finishing Job's pods, or create/delete towards parallelism; suspend.
  managePods(ctx);
  // 5. Track and finish: count finished pods exactly once, write status, finish the Job.
  const result = trackAndFinish(ctx);
  return options.explain === true ? { ...result, explanation: explainPass(ctx, listedPods, result) } : result;
}

/** The result of a pass that ended early, with its explanation when asked for. */
function finish(exit: EarlyExit, listedPods: readonly Pod[], options: SyncOptions): SyncResult {
  return options?.explain === true ? { ...exit.result, explanation: explainEarlyExit(exit.why, listedPods, exit.result) } : exit.result;
}
