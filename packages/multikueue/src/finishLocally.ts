// Finishing a manager's Job on the manager when its worker is gone after an interim condition:
// the terminal condition the worker's controller would have added (pkg/controller/job
// job_controller.go, the second stage of finishing), written from the manager's own data.
import type { Job, JobCondition, JobStatus } from '@jobkit/api';
import { produce } from './internal/immer.js';
import { condition, isFinished, isTrue, later, timeText } from './internal/status.js';

/**
 * The status that finishes `local` on the manager once the worker that set an interim condition
 * is gone (lost, or its Job deleted): `FailureTarget` becomes `Failed` with the same reason and
 * message; `SuccessCriteriaMet` becomes `Complete` (its reason and message) with
 * `completionTime` = `now` (never before `startTime`). `active`, `terminating` and `ready` go to
 * 0, the uncounted lists are cleared, `startTime` is set if it was not. The result passes
 * `validateJobStatusUpdate(local, { ...local, status })`.
 *
 * Undefined when there is nothing to finish: no interim condition, the Job already finished, or
 * `now` is not a time.
 *
 * @example
 * const status = finishLocally(local, new Date()); // FailureTarget=True → Failed=True
 * if (status) await writeStatus({ ...local, status });
 * @category MultiKueue
 */
export function finishLocally(local: Job, now: Date | string): JobStatus | undefined {
  const t = timeText(now);
  const old: JobStatus = local?.status ?? {};
  if (t === undefined || isFinished(old)) return undefined;
  // SuccessCriteriaMet wins, as in the controller (the success policy is checked first).
  const interim = isTrue(old, 'SuccessCriteriaMet')
    ? condition(old, 'SuccessCriteriaMet')
    : isTrue(old, 'FailureTarget')
      ? condition(old, 'FailureTarget')
      : undefined;
  if (interim === undefined) return undefined;
  const terminal = interim.type === 'SuccessCriteriaMet' ? 'Complete' : 'Failed';
  const startTime = old.startTime ?? t;
  const cond: JobCondition = {
    type: terminal,
    status: 'True',
    ...(interim.reason !== undefined ? { reason: interim.reason } : {}),
    ...(interim.message !== undefined ? { message: interim.message } : {}),
    lastProbeTime: t,
    lastTransitionTime: t,
  };
  return produce(old, (s) => {
    s.active = 0;
    if (s.ready !== undefined) s.ready = 0;
    if (s.terminating !== undefined) s.terminating = 0;
    if (s.uncountedTerminatedPods !== undefined) s.uncountedTerminatedPods = {};
    s.startTime = startTime;
    const conditions = (s.conditions ??= []) as JobCondition[];
    const i = conditions.findIndex((c) => c.type === terminal);
    if (i >= 0) conditions[i] = cond;
    else conditions.push(cond);
    if (terminal === 'Complete') s.completionTime = later(startTime, t);
  });
}
