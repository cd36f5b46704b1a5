// Mirroring a worker's Job status onto the manager's Job, MultiKueue-style: kueue
// pkg/controller/jobs/job/job_multikueue_adapter.go (SyncJob's copy branch) redone so that every
// write passes the manager's API server (pkg/apis/batch/validation/validation.go, v1.37.2) and
// survives a change of worker. See docs/multikueue.md for the rules and the issues behind them.
import { decodeJob, toFieldErrors, type Job, type JobCondition, type JobStatus, type UncountedTerminatedPods } from '@jobkit/api';
import { countIndexes, formatIntervals, mergeIntervals, parseIndexesFromString, type OrderedIntervals } from '@jobkit/indexes';
import { validateJobStatusUpdate, type FieldError, type JobStatusValidationOptions } from '@jobkit/validation';
import * as E from 'fp-ts/lib/Either.js';
import { finishLocally } from './finishLocally.js';
import { produce } from './internal/immer.js';
import { apiView, condition, isDecided, isFinished, isTrue, later, noUncounted, timeText } from './internal/status.js';
import { decodeRecordValue, emptyMirrorRecord, encodeMirrorRecord, type MirrorBaseline, type MirrorRecord } from './record.js';

/** Options of {@link mirrorStatus}. @category MultiKueue */
export interface MirrorOptions {
  /** Overrides of the status validation switches (for a manager whose API server differs). */
  readonly statusValidation?: Partial<JobStatusValidationOptions>;
}

/** Input of {@link mirrorStatus}. @category MultiKueue */
export interface MirrorInput {
  /** The manager's Job (spec.managedBy names the manager; its status is what the manager wrote). */
  readonly local: Job;
  /** The worker's Job as last read, or undefined when it does not exist (deleted, lost worker, not created yet). */
  readonly remote?: Job | undefined;
  /** The worker cluster `remote` lives on. */
  readonly remoteCluster?: string | undefined;
  /** The record from the previous call (or decoded from the local Job's annotation); undefined for a Job never mirrored. */
  readonly record?: MirrorRecord | undefined;
  /** The manager's clock, for conditions it adds itself. */
  readonly now: Date | string;
  readonly options?: MirrorOptions;
}

/** Outcome of {@link mirrorStatus}. @category MultiKueue */
export interface MirrorResult {
  /** The status to write on the manager's Job (PUT .../status); absent: write nothing. */
  readonly status?: JobStatus;
  /** The record to persist (annotation {@link MirrorRecordAnnotation}) and pass in next time. */
  readonly record: MirrorRecord;
  /** The record differs from the one passed in: persist it before writing `status`. */
  readonly recordChanged: boolean;
  /** The copy must wait (local suspended, remote still running): look again in about 2 s. */
  readonly deferred: boolean;
  /** The Job may be dispatched to a worker again: false once an interim or terminal condition exists. */
  readonly redispatchAllowed: boolean;
  /** A machine word and why, e.g. `Copied: status of default/pi on worker-1 (uid …)`. */
  readonly reason: string;
  /** What validateJobStatusUpdate says of the status it would write (non-empty: no `status`), or of bad input. */
  readonly violations: readonly FieldError[];
}

/** The word that starts every {@link MirrorResult.reason}. @category MultiKueue */
export type MirrorReasonWord = 'Copied' | 'Unchanged' | 'Deferred' | 'Rejected' | 'Suspended' | 'FinishedLocally' | 'Finished' | 'NoRemote' | 'Invalid';

const Suspended = 'Suspended';

function prefixed(prefix: string, errs: readonly { field: string; detail: string }[]): FieldError[] {
  return errs.map((e) => ({ type: 'FieldValueInvalid', field: e.field === '' ? prefix : `${prefix}.${e.field}`, detail: e.detail }));
}

/** Decodes a Job argument (client-node Dates become RFC 3339 text); errors name the argument. */
function decodeArg(name: string, v: unknown): { job?: Job; errors: FieldError[] } {
  const r = decodeJob(v);
  if (E.isLeft(r)) return { errors: prefixed(name, toFieldErrors(r.left)) };
  return { job: r.right, errors: [] };
}

/** The counters and index sets the local status holds: the baseline for a new remote. */
function baselineOf(s: JobStatus | undefined): MirrorBaseline {
  return {
    succeeded: s?.succeeded ?? 0,
    failed: s?.failed ?? 0,
    ...(s?.completedIndexes ? { completedIndexes: s.completedIndexes } : {}),
    ...(s?.failedIndexes !== undefined ? { failedIndexes: s.failedIndexes } : {}),
  };
}

/** Set difference a \ b of ordered interval sets. */
function minus(a: OrderedIntervals, b: OrderedIntervals): OrderedIntervals {
  const out: { first: number; last: number }[] = [];
  for (const iv of a) {
    let first = iv.first;
    for (const cut of b) {
      if (cut.last < first || cut.first > iv.last) continue;
      if (cut.first > first) out.push({ first, last: cut.first - 1 });
      first = Math.max(first, cut.last + 1);
    }
    if (first <= iv.last) out.push({ first, last: iv.last });
  }
  return out;
}

/** Uncounted pods on the manager: the worker's pod UIDs mean nothing here, so only an empty value is kept. */
const keptUncounted = (s: JobStatus): UncountedTerminatedPods | undefined =>
  s.uncountedTerminatedPods !== undefined && noUncounted(s) ? s.uncountedTerminatedPods : undefined;

/** Same condition but for its timestamps. */
const sameCondition = (a: JobCondition, b: JobCondition): boolean =>
  a.type === b.type && a.status === b.status && (a.reason ?? '') === (b.reason ?? '') && (a.message ?? '') === (b.message ?? '');

function suspendedCondition(t: string): JobCondition {
  return { type: Suspended, status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: t, lastTransitionTime: t };
}
function resumedCondition(t: string): JobCondition {
  return { type: Suspended, status: 'False', reason: 'JobResumed', message: 'Job resumed', lastProbeTime: t, lastTransitionTime: t };
}

/** Puts `c` in place of the condition of its type (or appends it). */
function setCondition(conds: JobCondition[], c: JobCondition): void {
  const i = conds.findIndex((x) => x.type === c.type);
  if (i >= 0) conds[i] = c;
  else conds.push(c);
}

/** Makes `Suspended=True` hold, keeping an existing True condition as it is (no fresh timestamps). */
function ensureSuspended(conds: JobCondition[], fromRemote: JobCondition | undefined, t: string): void {
  const cur = conds.find((c) => c.type === Suspended);
  if (cur?.status === 'True') return;
  setCondition(conds, fromRemote?.status === 'True' ? fromRemote : suspendedCondition(t));
}

/**
 * Merges the remote's conditions into the local ones (Suspended aside): a True FailureTarget,
 * SuccessCriteriaMet, Failed or Complete on the manager is never disabled or replaced; a
 * condition that differs only in timestamps keeps the local one; a reason or message change keeps
 * the local transition time; new conditions are appended as the remote has them.
 */
function mergeConditions(local: readonly JobCondition[], remote: readonly JobCondition[]): JobCondition[] {
  const out = [...local];
  for (const rc of remote) {
    if (rc.type === Suspended) continue;
    const i = out.findIndex((c) => c.type === rc.type);
    if (i < 0) {
      out.push(rc);
      continue;
    }
    const lc = out[i]!;
    if (lc.status === 'True' && ['FailureTarget', 'SuccessCriteriaMet', 'Failed', 'Complete'].includes(lc.type)) continue;
    if (sameCondition(lc, rc)) continue;
    out[i] = lc.status === rc.status && lc.lastTransitionTime !== undefined ? { ...rc, lastTransitionTime: lc.lastTransitionTime } : rc;
  }
  return out;
}

/**
 * A worker older than Kubernetes 1.31 finishes without the interim condition the manager's API
 * server requires (Failed needs FailureTarget, Complete needs SuccessCriteriaMet): add it, with
 * the terminal condition's reason, message and times, just before it.
 */
function addMissingInterim(conds: JobCondition[]): void {
  for (const [terminal, interim] of [
    ['Failed', 'FailureTarget'],
    ['Complete', 'SuccessCriteriaMet'],
  ] as const) {
    const i = conds.findIndex((c) => c.type === terminal && c.status === 'True');
    if (i < 0 || conds.some((c) => c.type === interim && c.status === 'True')) continue;
    const j = conds.findIndex((c) => c.type === interim);
    const c = { ...conds[i]!, type: interim };
    if (j >= 0) conds[j] = c;
    else conds.splice(i, 0, c);
  }
}

/**
 * While the manager's Job is suspended its template must stay mutable (kueue #3685, #8162): no
 * startTime, nothing active or ready, and Suspended=True (added once, kueue #11614).
 */
function suspendedWindow(old: JobStatus, t: string): JobStatus {
  return produce(old, (d) => {
    const conds = [...(old.conditions ?? [])];
    ensureSuspended(conds, undefined, t);
    d.conditions = conds;
    delete d.startTime;
    d.active = 0;
    if (d.ready !== undefined) d.ready = 0;
    const u = keptUncounted(old);
    if (u === undefined) delete d.uncountedTerminatedPods;
  });
}

/** The status mirrored from `remote` onto `local` (see the rules on {@link mirrorStatus}). */
function mirrored(local: Job, remote: Job, baseline: MirrorBaseline, t: string): JobStatus {
  const L = local.status ?? {};
  const R = remote.status ?? {};
  const spec = local.spec;
  const localSuspended = spec.suspend === true;

  // 1. conditions: the remote's merged into the manager's; Suspended follows the manager's spec
  //    while it is suspended, else the remote.
  const conds = mergeConditions(L.conditions ?? [], R.conditions ?? []);
  const remoteSuspended = condition(R, Suspended);
  const localSuspendedCond = condition(L, Suspended);
  if (localSuspended || remoteSuspended?.status === 'True') ensureSuspended(conds, remoteSuspended, t);
  else if (localSuspendedCond?.status === 'True') setCondition(conds, remoteSuspended ?? resumedCondition(t));
  else if (localSuspendedCond === undefined && remoteSuspended !== undefined) conds.push(remoteSuspended);
  addMissingInterim(conds);
  const next: JobStatus = { conditions: conds };
  const finished = isFinished(next);
  const resuming = localSuspendedCond?.status === 'True' && condition(next, Suspended)?.status === 'False';

  // 2. counters: the baseline from earlier remotes plus the remote's, never below what the
  //    manager already shows (a verbatim copy after re-dispatch decreases them).
  const failed = Math.max(L.failed ?? 0, baseline.failed + (R.failed ?? 0));
  const completions = spec.completions;
  const indexed = spec.completionMode === 'Indexed' && completions !== undefined;
  let succeeded = Math.max(L.succeeded ?? 0, baseline.succeeded + (R.succeeded ?? 0));
  let completedIndexes: string | undefined;
  let failedIndexes: string | undefined;
  if (indexed) {
    // Union across remotes, read against the manager's spec: indexes >= completions are dropped.
    const parse = (s: string | undefined) => parseIndexesFromString(s, completions);
    const completed = mergeIntervals(mergeIntervals(parse(L.completedIndexes), parse(baseline.completedIndexes)), parse(R.completedIndexes));
    completedIndexes = formatIntervals(completed);
    // Indexed: succeeded counts completed indexes; it may drop only as the API server allows
    // (an elastic Job, completions == parallelism).
    const n = countIndexes(completed);
    succeeded = completions === spec.parallelism ? n : Math.max(L.succeeded ?? 0, n);
    const anyFailed = L.failedIndexes !== undefined || baseline.failedIndexes !== undefined || R.failedIndexes !== undefined;
    if (spec.backoffLimitPerIndex !== undefined && anyFailed) {
      const f = mergeIntervals(mergeIntervals(parse(L.failedIndexes), parse(baseline.failedIndexes)), parse(R.failedIndexes));
      // An index another worker completed is completed (the API server forbids the overlap).
      failedIndexes = formatIntervals(minus(f, completed));
    }
  }

  // 3. times: startTime is immutable on an unsuspended Job once set, except in the write that
  //    resumes it (kubernetes#134521); absent while suspended unless the Job finishes.
  let startTime: string | undefined;
  // A finished Job needs a startTime. A worker may finish a suspended Job of zero completions
  // without one (its API server allows that); the manager's Job then takes the completion time.
  if (finished) startTime = L.startTime ?? R.startTime ?? R.completionTime ?? t;
  else if (localSuspended) startTime = undefined;
  else if (resuming) startTime = R.startTime ?? L.startTime;
  else startTime = L.startTime ?? R.startTime;
  const completionTime = isTrue(next, 'Complete')
    ? (L.completionTime ?? (R.completionTime !== undefined && startTime !== undefined ? later(startTime, R.completionTime) : R.completionTime))
    : undefined;

  // 4. live counts from the remote, zero while the manager's Job is suspended.
  const quiet = localSuspended && !finished;
  const uncounted = keptUncounted(L);
  return {
    ...(conds.length > 0 ? { conditions: conds } : {}),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(completionTime !== undefined ? { completionTime } : {}),
    active: quiet ? 0 : (R.active ?? 0),
    succeeded,
    failed,
    ...(R.terminating !== undefined ? { terminating: R.terminating } : {}),
    ...(completedIndexes ? { completedIndexes } : {}),
    ...(failedIndexes !== undefined ? { failedIndexes } : {}),
    ...(uncounted !== undefined ? { uncountedTerminatedPods: uncounted } : {}),
    ...(R.ready !== undefined ? { ready: quiet ? 0 : R.ready } : {}),
  };
}

/**
 * Decides what a MultiKueue-style manager writes on its Job (`local`, taken over through
 * `spec.managedBy`) from the worker's copy (`remote` on `remoteCluster`). Pure: no I/O, no clock.
 *
 * Unlike a verbatim copy (`local.status = remote.status`), the status it returns holds every
 * rule the manager's API server enforces, judged against the local Job's spec and old status:
 * - counters never decrease across a change of worker: `record.baseline` (the local counters
 *   before the first write from a new remote UID) plus the remote's; Indexed Jobs take the
 *   union of completed indexes across remotes, within the local `completions`;
 * - True `FailureTarget`/`SuccessCriteriaMet`/`Failed`/`Complete` are kept; once one exists the
 *   Job is not re-dispatched (`redispatchAllowed` false), and if its remote is gone the Job is
 *   finished on the manager ({@link finishLocally});
 * - while the local Job is suspended: no `startTime`, `active`/`ready` 0, `Suspended=True`; if
 *   the remote still runs, only that is written and `deferred` asks to look again;
 * - `startTime` is kept once set on an unsuspended Job, except in the write that resumes it;
 *   `completionTime` only with Complete, never before `startTime`, never changed;
 * - the worker's `uncountedTerminatedPods` are never copied;
 * - nothing is written when only timestamps would change (a repeated call returns no status).
 *
 * Persist `record` (with {@link encodeMirrorRecord}) when `recordChanged`, before writing `status`.
 *
 * @example
 * const r = mirrorStatus({ local, remote, remoteCluster: 'worker-1', record, now: new Date() });
 * if (r.recordChanged) await annotate(local, MirrorRecordAnnotation, encodeMirrorRecord(r.record));
 * if (r.status) await writeStatus({ ...local, status: r.status });
 * if (r.deferred) requeueAfter(2000);
 * @category MultiKueue
 */
export function mirrorStatus(input: MirrorInput): MirrorResult {
  const errors: FieldError[] = [];
  const inp = (input ?? {}) as Partial<MirrorInput>;
  const t = timeText(inp.now);
  if (t === undefined) errors.push({ type: 'FieldValueInvalid', field: 'now', detail: 'expected a valid Date or an RFC 3339 timestamp' });
  const l = decodeArg('local', inp.local);
  errors.push(...l.errors);
  const r = inp.remote === undefined || inp.remote === null ? { errors: [] as FieldError[], job: undefined } : decodeArg('remote', inp.remote);
  errors.push(...r.errors);
  if (r.job !== undefined) {
    if (!r.job.metadata.uid)
      errors.push({ type: 'FieldValueRequired', field: 'remote.metadata.uid', detail: 'the remote Job as read from the worker, with its uid' });
    if (typeof inp.remoteCluster !== 'string' || inp.remoteCluster === '') {
      errors.push({ type: 'FieldValueRequired', field: 'remoteCluster', detail: 'the worker cluster of the remote Job' });
    }
  }
  let given: MirrorRecord = emptyMirrorRecord;
  if (inp.record !== undefined) {
    const d = decodeRecordValue(inp.record, 'record');
    if (d.ok) given = d.value;
    else {
      for (const m of d.errors) {
        const at = m.indexOf(': ');
        errors.push({ type: 'FieldValueInvalid', field: m.slice(0, at), detail: m.slice(at + 2) });
      }
    }
  }
  const local = l.job;
  const decidedBefore = isDecided(local?.status);
  const result = (o: Omit<MirrorResult, 'recordChanged' | 'redispatchAllowed' | 'violations' | 'deferred'> & Partial<MirrorResult>): MirrorResult => ({
    ...o,
    recordChanged: encodeMirrorRecord(o.record) !== encodeMirrorRecord(given),
    deferred: o.deferred ?? false,
    redispatchAllowed: o.redispatchAllowed ?? !isDecided(o.status ?? local?.status),
    violations: o.violations ?? [],
  });
  if (errors.length > 0 || local === undefined || t === undefined) {
    // Nothing is known for sure: write nothing and do not re-dispatch on such input.
    return result({
      record: given,
      redispatchAllowed: false,
      reason: `Invalid: ${errors.map((e) => `${e.field}: ${e.detail}`).join('; ')}`,
      violations: errors,
    });
  }
  // A record made for another Job (annotations copied onto a re-created Job) is not this one's.
  const record = given.localUid !== undefined && given.localUid !== local.metadata.uid ? emptyMirrorRecord : given;
  const old = local.status ?? {};
  const remote = r.job;
  const cluster = inp.remoteCluster ?? '';
  const where = remote !== undefined ? `${remote.metadata.namespace ?? ''}/${remote.metadata.name ?? ''} on ${cluster} (uid ${remote.metadata.uid})` : '';

  // Offer `status` for writing: nothing if it changes only timestamps, nothing if the API server would reject it.
  const offer = (status: JobStatus, rec: MirrorRecord, word: MirrorReasonWord, why: string, deferred = false): MirrorResult => {
    if (apiView(status) === apiView(old)) {
      return result({
        record: rec,
        deferred,
        reason: deferred ? `Deferred: ${why}; nothing else to write` : `Unchanged: ${why}; the local status already says so`,
      });
    }
    const violations = validateJobStatusUpdate(local, { ...local, status }, inp.options?.statusValidation);
    if (violations.length > 0) {
      return result({
        record: rec,
        deferred,
        violations,
        reason: `Rejected: ${why}, but the API server would reject it: ${violations.map((e) => `${e.field}: ${e.detail}`).join('; ')}`,
      });
    }
    return result({ status, record: rec, deferred, reason: `${word}: ${why}` });
  };

  if (isFinished(old)) return result({ record, reason: 'Finished: the local Job is finished; nothing more is mirrored' });

  const sameRemote = remote !== undefined && record.remoteUid === remote.metadata.uid && record.cluster === cluster;
  if (decidedBefore && (remote === undefined || (!sameRemote && record.remoteUid !== undefined))) {
    // The worker that decided the Job's end is gone; a new remote would start over. Finish here.
    const status = finishLocally(local, t);
    if (status === undefined) return result({ record, reason: 'Unchanged: nothing to finish' });
    return offer(status, record, 'FinishedLocally', 'the remote that set an interim condition is gone; the Job is finished on the manager');
  }
  if (remote === undefined) {
    if (local.spec.suspend === true) return offer(suspendedWindow(old, t), record, 'Suspended', 'the local Job is suspended and has no remote');
    return result({ record, reason: 'NoRemote: no remote Job to copy from' });
  }

  // A new remote (another UID or cluster): the counters so far become its baseline.
  const nextRecord: MirrorRecord = sameRemote
    ? { ...record, localUid: local.metadata.uid ?? record.localUid }
    : {
        ...(local.metadata.uid !== undefined ? { localUid: local.metadata.uid } : {}),
        cluster,
        remoteUid: remote.metadata.uid!,
        dispatches: record.dispatches + 1,
        baseline: record.remoteUid === undefined ? record.baseline : baselineOf(old),
      };

  const remoteFinished = isFinished(remote.status);
  if (local.spec.suspend === true && !remoteFinished && remote.spec.suspend !== true) {
    return offer(suspendedWindow(old, t), nextRecord, 'Deferred', `the local Job is suspended while ${where} still runs`, true);
  }
  return offer(mirrored(local, remote, nextRecord.baseline, t), nextRecord, 'Copied', `status of ${where}`);
}
