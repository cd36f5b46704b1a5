// Test support: random MultiKueue-style worker histories. A manager's Job (spec.managedBy
// MultiKueue) is dispatched to workers whose copies run under real syncJob passes against the fake
// kubelet; the manager mirrors them back with mirrorStatus and acts as Kueue does: suspends its
// Job and dispatches again when a worker is lost or its copy deleted, preempts, readmits, scales.
// Deterministic: virtual time, generator-chosen events.
import fc from 'fast-check';
import {
  MirrorRecordAnnotation,
  applyActions,
  admitJob,
  encodeMirrorRecord,
  isInvalidInput,
  mirrorStatus,
  remoteJobFor,
  syncJob,
  validateJob,
  validateJobStatusUpdate,
  validateJobUpdate,
  type BackoffRecord,
  type ClusterState,
  type FieldError,
  type InvalidInput,
  type Job,
  type JobStatus,
  type MirrorRecord,
  type MirrorResult,
} from '../index.js';
import { kubeletStep, kubeletStepArb, type KubeletStep } from './fakeKubelet.js';
import { validJob } from './jobArbitrary.js';
import type { TraceEvent } from './playPasses.js';

export const MultiKueueManagedBy = 'kueue.x-k8s.io/multikueue';

/** The answer of a checked jobkit function on input valid by construction: an InvalidInput is a bug here. */
function checked<T>(r: T | InvalidInput): T {
  if (isInvalidInput(r)) throw new Error(`unexpected InvalidInput: ${JSON.stringify(r.errors)}`);
  return r;
}
const Origin = 'manager-1';
const Workers = ['worker-1', 'worker-2', 'worker-3'] as const;

/** What happens next in the world: a worker pass, a manager reconcile, or a disturbance. */
export type MirrorEvent =
  | { readonly kind: 'work'; readonly step: KubeletStep }
  | { readonly kind: 'mirror' }
  /** The worker cluster becomes unreachable: its copy is gone for the manager. */
  | { readonly kind: 'loseWorker' }
  /** The worker's own queue preempts its copy (spec.suspend=true; its controller clears startTime). */
  | { readonly kind: 'workerSuspends' }
  | { readonly kind: 'workerResumes' }
  /** The manager evicts its Job (suspends it); then deletes the copy or suspends it. */
  | { readonly kind: 'managerPreempts'; readonly deleteRemote: boolean }
  /** The user scales the manager's Job (elastic Indexed: completions too); the manager propagates it. */
  | { readonly kind: 'scale'; readonly to: number }
  /** A worker TTL deletes the finished copy (what kueue #14734 saw). */
  | { readonly kind: 'ttl' };

export const mirrorEventArb: fc.Arbitrary<MirrorEvent> = fc.oneof(
  {
    arbitrary: kubeletStepArb.map((s) => ({
      kind: 'work' as const,
      step: { ...s, toggleSuspend: false, scaleTo: undefined, parallelismTo: undefined, deleteJob: false },
    })),
    weight: 12,
  },
  { arbitrary: fc.constant({ kind: 'mirror' as const }), weight: 8 },
  { arbitrary: fc.constant({ kind: 'loseWorker' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'workerSuspends' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'workerResumes' as const }), weight: 1 },
  { arbitrary: fc.boolean().map((deleteRemote) => ({ kind: 'managerPreempts' as const, deleteRemote })), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 5 }).map((to) => ({ kind: 'scale' as const, to })), weight: 1 },
  { arbitrary: fc.constant({ kind: 'ttl' as const }), weight: 1 },
);

/** A manager's Job as Kueue's webhook leaves it: managedBy MultiKueue, suspended until admitted. */
export const managerJobArb: fc.Arbitrary<Job> = validJob('2026-01-01T00:00:00Z')
  .map((j) => ({ ...j, spec: { ...j.spec, managedBy: MultiKueueManagedBy, suspend: true } }))
  .filter((j) => validateJob(j).length === 0);

export const mirrorScenarioArb = fc.record({
  job: managerJobArb,
  events: fc.array(mirrorEventArb, { minLength: 20, maxLength: 120 }),
});
export type MirrorScenario = { readonly job: Job; readonly events: readonly MirrorEvent[] };

/** One status the manager wrote, with everything needed to judge it again. */
export interface MirrorWrite {
  readonly event: number;
  /** The manager's Job just before the write (spec, annotations and old status as stored). */
  readonly before: Job;
  readonly status: JobStatus;
  readonly result: MirrorResult;
  /** validateJobStatusUpdate(before, { ...before, status }). */
  readonly errors: readonly FieldError[];
  /** A second mirrorStatus call right after the write (the written status, the persisted record). */
  readonly again: MirrorResult;
}

export interface MirrorHistory {
  /** The manager's Job as created (suspended, managedBy MultiKueue). */
  readonly job: Job;
  /**
   * Every write to the manager's Job in order, in the shape of playPasses' trace: its spec edits
   * (suspend, resume, scaling; `kind: 'spec'`) and its status writes (`kind: 'status'`, `pass` =
   * the event's number). The mirror record annotation is written before each status that needs
   * it and is part of `before`; it changes nothing the status rules read.
   */
  readonly trace: readonly TraceEvent[];
  readonly writes: readonly MirrorWrite[];
  /** Every mirrorStatus result, in order (including those that wrote nothing). */
  readonly results: readonly MirrorResult[];
  readonly dispatches: number;
  /** Remote copies the worker's own controller passes had to skip (a worker status write the worker's API server rejects). */
  readonly workerRejects: number;
  /** How it ended: Complete/Failed reason, or 'unfinished'. */
  readonly end: string;
  readonly final: Job;
  /** Disturbances that took effect. */
  readonly happened: Readonly<Record<string, number>>;
  /**
   * What Kueue's verbatim copy (`local.status = remote.status` in its three copying cases) would
   * have met at each mirror: the API server's rejections by `field: detail`, and accepted but
   * wrong writes (worker pod UIDs, startTime on a suspended Job).
   */
  readonly verbatim: Readonly<Record<string, number>>;
  /** Dispatches made while the Job's end was already decided (must stay 0). */
  readonly dispatchedAfterDecided: number;
}

interface Remote {
  readonly cluster: string;
  state: ClusterState;
  backoff: BackoffRecord | undefined;
  /** The copy as the manager's next read sees it: mid-pass (after the pass's first status write), until that read. */
  seen: Job | undefined;
}

const isTrue = (s: JobStatus | undefined, type: string): boolean => (s?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
const finished = (s: JobStatus | undefined): boolean => isTrue(s, 'Complete') || isTrue(s, 'Failed');
const decided = (s: JobStatus | undefined): boolean => finished(s) || isTrue(s, 'FailureTarget') || isTrue(s, 'SuccessCriteriaMet');

/**
 * Plays one scenario: `events` in order from the manager's Job `job` at 2026-01-01T00:00:00Z.
 * Kueue's manager side: on 'mirror' it calls mirrorStatus, persists the record, writes the status,
 * then acts — dispatches a suspended Job with no remote (unsuspending it), suspends its Job
 * when the remote is gone and re-dispatch is allowed, and after a preemption deletes or suspends
 * the remote and readmits the Job once the remote is quiet.
 */
export function playMirror(scenario: MirrorScenario): MirrorHistory {
  let nowMs = Date.parse('2026-01-01T00:00:00Z');
  let local: Job = scenario.job;
  let record: MirrorRecord | undefined;
  let remote: Remote | undefined;
  let dispatches = 0;
  let names = 0;
  let workerRejects = 0;
  let preempted: { deleteRemote: boolean } | undefined;
  const trace: TraceEvent[] = [];
  const writes: MirrorWrite[] = [];
  const results: MirrorResult[] = [];
  const happened: Record<string, number> = {};
  const verbatim: Record<string, number> = {};
  let dispatchedAfterDecided = 0;
  const note = (k: string): void => {
    happened[k] = (happened[k] ?? 0) + 1;
  };

  const updateLocal = (next: Job, what: string): boolean => {
    if (validateJobUpdate(local, next).length > 0) return false;
    local = next;
    trace.push({ kind: 'spec', job: local });
    note(what);
    return true;
  };
  const updateRemote = (next: Job): boolean => {
    if (remote === undefined || validateJobUpdate(remote.state.job, next).length > 0) return false;
    remote.state = { ...remote.state, job: next };
    return true;
  };

  const dispatch = (event: number): void => {
    if (decided(local.status)) dispatchedAfterDecided++;
    const cluster = Workers[dispatches % Workers.length]!;
    dispatches++;
    if (!updateLocal({ ...local, spec: { ...local.spec, suspend: false } }, 'admit')) return;
    const job = checked(admitJob(checked(remoteJobFor(local, { origin: Origin })), { uid: `remote-${dispatches}-${event}`, now: new Date(nowMs) }));
    const invalid = validateJob(job);
    if (invalid.length > 0) throw new Error(`the worker's API server would refuse the copy: ${JSON.stringify(invalid)}`);
    remote = { cluster, state: { job, pods: [] }, backoff: undefined, seen: undefined };
  };

  const judgeVerbatim = (): void => {
    const rj = remote?.seen ?? remote?.state.job;
    if (rj === undefined) return;
    const copies = local.spec.suspend !== true || rj.spec.suspend === true || finished(rj.status);
    if (!copies) return;
    const status = rj.status ?? {};
    const bump = (k: string): void => {
      verbatim[k] = (verbatim[k] ?? 0) + 1;
    };
    bump('copies');
    const errs = validateJobStatusUpdate(local, { ...local, status });
    if (errs.length > 0) bump('rejected');
    for (const e of errs) bump(`${e.field}: ${e.detail}`);
    if (errs.length === 0 && (status.uncountedTerminatedPods?.succeeded ?? []).length + (status.uncountedTerminatedPods?.failed ?? []).length > 0)
      bump('accepted, but copies worker pod UIDs');
    if (errs.length === 0 && local.spec.suspend === true && !finished(status) && status.startTime !== undefined)
      bump('accepted, but startTime on a suspended Job');
  };

  const mirror = (event: number): void => {
    if (!finished(local.status)) judgeVerbatim();
    const input = { local, remote: remote?.seen ?? remote?.state.job, remoteCluster: remote?.cluster, record, now: new Date(nowMs) };
    if (remote !== undefined) remote.seen = undefined;
    const r = mirrorStatus(input);
    results.push(r);
    if (r.recordChanged) {
      local = {
        ...local,
        metadata: { ...local.metadata, annotations: { ...local.metadata.annotations, [MirrorRecordAnnotation]: checked(encodeMirrorRecord(r.record)) } },
      };
    }
    record = r.record;
    if (r.status !== undefined) {
      const before = local;
      const errors = validateJobStatusUpdate(before, { ...before, status: r.status });
      trace.push({ kind: 'status', pass: event, before, status: r.status, errors });
      if (errors.length === 0) local = { ...before, status: r.status };
      const again = mirrorStatus({ ...input, local, record, now: new Date(nowMs + 1000) });
      writes.push({ event, before, status: r.status, result: r, errors, again });
    }
    if (finished(local.status)) return;
    // Kueue's manager acting on what it saw.
    if (preempted !== undefined && remote !== undefined && local.spec.suspend === true) {
      if (preempted.deleteRemote) {
        remote = undefined;
        note('preemptDeletesRemote');
      } else if (remote.state.job.spec.suspend !== true) {
        if (updateRemote({ ...remote.state.job, spec: { ...remote.state.job.spec, suspend: true } })) note('preemptSuspendsRemote');
      } else if ((remote.state.job.status?.active ?? 0) === 0 && !r.deferred) {
        // Readmitted where it was: both resume.
        if (updateLocal({ ...local, spec: { ...local.spec, suspend: false } }, 'readmit')) {
          updateRemote({ ...remote.state.job, spec: { ...remote.state.job.spec, suspend: false } });
          preempted = undefined;
        }
      }
      return;
    }
    if (remote === undefined && r.redispatchAllowed) {
      preempted = undefined;
      if (local.spec.suspend !== true) updateLocal({ ...local, spec: { ...local.spec, suspend: true } }, 'evictForRedispatch');
      else if (r.status === undefined && (local.status?.active ?? 0) === 0 && local.status?.startTime === undefined) dispatch(event);
    }
  };

  const work = (step: KubeletStep): void => {
    nowMs += step.advanceMs;
    if (remote === undefined) return;
    const rm = remote;
    const now = new Date(nowMs);
    const res = syncJob(rm.state.job, rm.state.pods, now, rm.backoff !== undefined ? { backoff: rm.backoff } : {});
    let state = rm.state;
    let rejected = false;
    for (const a of res.actions) {
      if (a.type === 'UpdateJobStatus' && validateJobStatusUpdate(state.job, { ...state.job, status: a.status }).length > 0) {
        rejected = true; // the worker's API server refuses; upstream's pass stops there
        workerRejects++;
        break;
      }
      state = applyActions(state, [a], { now, generateName: (p) => `${p}${(names++).toString(36)}` });
      // Half the lagging steps: the manager reads the copy between the pass's writes.
      if (a.type === 'UpdateJobStatus' && step.controller.lag && rm.seen === undefined) rm.seen = state.job;
    }
    if (!rejected) rm.backoff = res.backoff;
    rm.state = kubeletStep(state, step, nowMs);
  };

  scenario.events.forEach((ev, i) => {
    if (finished(local.status)) return;
    switch (ev.kind) {
      case 'work':
        work(ev.step);
        break;
      case 'mirror':
        nowMs += 1000;
        mirror(i);
        break;
      case 'loseWorker':
        if (remote !== undefined) {
          remote = undefined;
          note(isTrue(local.status, 'FailureTarget') || isTrue(local.status, 'SuccessCriteriaMet') ? 'loseWorkerAfterInterim' : 'loseWorker');
        }
        break;
      case 'workerSuspends':
        if (remote !== undefined && remote.state.job.spec.suspend !== true && !finished(remote.state.job.status)) {
          if (updateRemote({ ...remote.state.job, spec: { ...remote.state.job.spec, suspend: true } })) note('workerSuspends');
        }
        break;
      case 'workerResumes':
        if (remote !== undefined && remote.state.job.spec.suspend === true && preempted === undefined) {
          if (updateRemote({ ...remote.state.job, spec: { ...remote.state.job.spec, suspend: false } })) note('workerResumes');
        }
        break;
      case 'managerPreempts':
        if (remote !== undefined && local.spec.suspend !== true && preempted === undefined) {
          if (updateLocal({ ...local, spec: { ...local.spec, suspend: true } }, 'managerPreempts')) preempted = { deleteRemote: ev.deleteRemote };
        }
        break;
      case 'scale': {
        const s = local.spec;
        const elastic = s.completionMode === 'Indexed' && s.completions === s.parallelism;
        const spec = { parallelism: ev.to, ...(elastic ? { completions: ev.to } : {}) };
        if (updateLocal({ ...local, spec: { ...s, ...spec } }, elastic ? 'elasticScale' : 'scale') && remote !== undefined) {
          updateRemote({ ...remote.state.job, spec: { ...remote.state.job.spec, ...spec } });
        }
        break;
      }
      case 'ttl':
        if (remote !== undefined && finished(remote.state.job.status)) {
          remote = undefined;
          note('ttlDeletesFinishedRemote');
        }
        break;
    }
  });
  const end =
    (local.status?.conditions ?? [])
      .filter((c) => c.status === 'True' && (c.type === 'Complete' || c.type === 'Failed'))
      .map((c) => `${c.type}/${c.reason ?? ''}`)
      .join(',') || 'unfinished';
  return { job: scenario.job, trace, writes, results, dispatches, workerRejects, end, final: local, happened, verbatim, dispatchedAfterDecided };
}

/**
 * `count` worker histories drawn from `seed` (the property test's generator, so the same seed
 * gives the same histories): for a cluster test to replay each history's trace on a real API
 * server and expect every status write to be accepted.
 */
export function mirrorHistories(seed: number, count: number): MirrorHistory[] {
  return fc.sample(mirrorScenarioArb, { seed, numRuns: count }).map(playMirror);
}
