// Test support: plays syncJob passes forward against the fake kubelet and checks every status
// write the way the API server would (validateJobStatusUpdate), plus the SyncResult contract.
import {
  applyActions,
  syncJob,
  validateJobStatusUpdate,
  type Action,
  type BackoffRecord,
  type ClusterState,
  type FieldError,
  type Job,
  type JobStatus,
  type Pod,
  type SyncOptions,
} from '../index.js';
import { isJobFinished } from '@jobkit/api';
import { iso, kubeletStep, type KubeletStep, type UserWrite } from './fakeKubelet.js';

/**
 * Every write of a played run, in order, for replaying it against a real API server: the
 * controller's status writes (with what validateJobStatusUpdate said of each) and the user's
 * spec updates and deletion between passes.
 */
export type TraceEvent =
  UserWrite | { readonly kind: 'status'; readonly pass: number; readonly before: Job; readonly status: JobStatus; readonly errors: readonly FieldError[] };

/** Something a pass did that the API server or the SyncResult contract rejects. */
export interface Violation {
  readonly kind: 'statusUpdateRejected' | 'resultStatusMismatch' | 'finishedInconsistent';
  readonly pass: number;
  /** The pass's inputs: enough to replay it as a unit test. */
  readonly input: { readonly job: Job; readonly pods: readonly Pod[]; readonly now: string; readonly options: SyncOptions };
  /** For statusUpdateRejected: which UpdateJobStatus action (0-based among the pass's actions). */
  readonly actionIndex?: number;
  /** The pass's actions. */
  readonly actions?: readonly Action[];
  readonly oldStatus?: JobStatus;
  readonly newStatus?: JobStatus;
  readonly errors?: readonly FieldError[] | readonly string[];
}

export interface PlayResult {
  readonly violations: readonly Violation[];
  readonly passes: number;
  /** Status writes validated. */
  readonly statusWrites: number;
  readonly finished: boolean;
  readonly final: ClusterState;
}

/** JSON equality that ignores key order and undefined-valued keys (the API's view). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>)
            .filter(([, y]) => y !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : x,
  );

/**
 * Plays up to `maxPasses` passes from `job` (no pods) starting at `startMs`: each pass runs
 * syncJob, applies its actions one by one (validating each status write against the Job as
 * stored just before it; a rejected write is not stored and ends the pass, as upstream returns
 * the error), checks `result.status` and the finished-Job invariants, then runs one kubelet
 * step. Stops when the Job is finished or the steps run out.
 */
export function playPasses(job: Job, steps: readonly KubeletStep[], startMs: number, maxPasses = steps.length + 1, trace?: TraceEvent[]): PlayResult {
  let state: ClusterState = { job, pods: [] };
  let nowMs = startMs;
  let backoff: BackoffRecord | undefined;
  let names = 0;
  const violations: Violation[] = [];
  let statusWrites = 0;
  let pass = 0;
  // The previous pass's view and actions, for a lagging informer.
  let prev: { readonly pods: readonly Pod[]; readonly actions: readonly Action[]; readonly lagged: boolean } | undefined;
  for (; pass < maxPasses; pass++) {
    const now = new Date(nowMs);
    const memory = steps[pass - 1]?.controller;
    // Informer lag: the pass sees the pods its predecessor saw (none of that pass's writes nor the
    // kubelet's since); upstream's expectations then hold back pod management and skip the pods
    // whose finalizer removal is unobserved. The Job itself is always fresh (stale writes conflict).
    const lag = memory?.lag === true && prev !== undefined && !prev.lagged;
    const view = lag ? prev!.pods : state.pods;
    const prevActions = lag ? prev!.actions : [];
    const unobservedPodWrites = prevActions.some((a) => a.type === 'CreatePod' || a.type === 'DeletePod');
    const pendingRemovals = prevActions.flatMap((a) => (a.type === 'RemovePodFinalizer' ? [a.uid] : []));
    const options: SyncOptions = {
      ...(backoff !== undefined ? { backoff } : {}),
      ...((memory !== undefined && !memory.expectationsSatisfied) || unobservedPodWrites ? { expectationsSatisfied: false } : {}),
      ...(memory?.maxUncountedPods !== undefined ? { maxUncountedPods: memory.maxUncountedPods } : {}),
      ...(pendingRemovals.length > 0 ? { finalizerRemovalsPending: pendingRemovals } : {}),
    };
    const input = { job: state.job, pods: view, now: iso(nowMs), options };
    const res = syncJob(state.job, view, now, options);
    prev = { pods: state.pods, actions: res.actions, lagged: lag };
    const applyOpts = { now, generateName: (prefix: string) => `${prefix}${(names++).toString(36)}` };
    let rejected = false;
    let writesStored = 0;
    for (const [i, a] of res.actions.entries()) {
      if (a.type === 'UpdateJobStatus') {
        const before = state.job;
        const after: Job = { ...before, status: a.status };
        const errors = validateJobStatusUpdate(before, after);
        trace?.push({ kind: 'status', pass, before, status: a.status, errors });
        statusWrites++;
        if (errors.length > 0) {
          violations.push({
            kind: 'statusUpdateRejected',
            pass,
            input,
            actionIndex: i,
            actions: res.actions,
            oldStatus: before.status ?? {},
            newStatus: a.status,
            errors,
          });
          // As upstream: the write fails, the pass returns its error and does nothing more.
          rejected = true;
          break;
        }
        writesStored++;
      }
      state = applyActions(state, [a], applyOpts);
    }
    if (!rejected && canonical(res.status) !== canonical(state.job.status ?? {})) {
      violations.push({ kind: 'resultStatusMismatch', pass, input, oldStatus: state.job.status ?? {}, newStatus: res.status });
    }
    // Upstream saves the new backoff record once its first status write went through.
    if (!rejected || writesStored > 0) backoff = res.backoff;
    if (isJobFinished(state.job)) {
      const s = state.job.status ?? {};
      const problems: string[] = [];
      if ((s.active ?? 0) !== 0) problems.push(`active=${s.active}`);
      const u = s.uncountedTerminatedPods ?? {};
      if ((u.succeeded ?? []).length + (u.failed ?? []).length > 0) problems.push(`uncounted=${JSON.stringify(u)}`);
      if (problems.length > 0) violations.push({ kind: 'finishedInconsistent', pass, input, newStatus: s, errors: problems });
      return { violations, passes: pass + 1, statusWrites, finished: true, final: state };
    }
    const step = steps[pass];
    if (step === undefined) break;
    nowMs += step.advanceMs;
    state = kubeletStep(state, step, nowMs, trace !== undefined ? (w) => trace.push(w) : undefined);
  }
  return { violations, passes: pass + 1, statusWrites, finished: false, final: state };
}

/** A status write of one pass that the API server rejects. */
export interface RejectedWrite {
  readonly actionIndex: number;
  readonly errors: readonly FieldError[];
  readonly oldStatus: JobStatus;
  readonly newStatus: JobStatus;
}

/**
 * Runs one pass on (`job`, `pods`) at `now` and validates each of its status writes against the
 * Job as stored just before it (earlier writes of the pass applied). [] when the server accepts
 * all; else the first rejected write (upstream's pass stops there).
 */
export function rejectedStatusWrites(job: Job, pods: readonly Pod[], now: Date, backoff?: BackoffRecord): RejectedWrite[] {
  const res = syncJob(job, pods, now, backoff !== undefined ? { backoff } : {});
  let stored = job;
  for (const [i, a] of res.actions.entries()) {
    if (a.type !== 'UpdateJobStatus') continue;
    const next: Job = { ...stored, status: a.status };
    const errors = validateJobStatusUpdate(stored, next);
    // The first rejection ends the pass upstream; later writes would never be sent.
    if (errors.length > 0) return [{ actionIndex: i, errors, oldStatus: stored.status ?? {}, newStatus: a.status }];
    stored = next;
  }
  return [];
}

/** A short, stable description of a violation, for grouping and for assertion messages. */
export function violationShape(v: Violation): string {
  if (v.kind !== 'statusUpdateRejected') return `${v.kind}: ${JSON.stringify(v.errors ?? [])}`;
  const errs = (v.errors ?? []) as readonly FieldError[];
  return `${v.kind}: ${errs.map((e) => `${e.type} ${e.field}: ${e.detail ?? ''}`).join('; ')}`;
}
