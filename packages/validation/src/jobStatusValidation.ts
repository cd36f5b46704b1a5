// Job status update validation: pkg/apis/batch/validation/validation.go (validateJobStatus,
// ValidateJobStatusUpdate) with the options of pkg/registry/batch/job/strategy.go
// (getStatusValidationOptions), as the current API server applies them to PUT .../status.

import type { Job } from '@jobkit/api';
import { type Interval, parseIndexIntervalStrict, parseIndexesStrict } from '@jobkit/indexes';
import { type FieldError, child, duplicate, index, invalid, mergeFieldErrors, required } from './fieldError.js';
import {
  type ConditionSummary,
  isComplete,
  isFailed,
  isFailureTarget,
  isFalse,
  isFinished,
  isSuccessCriteriaMet,
  isTrue,
  summarizeConditions,
} from './jobConditions.js';
import { validateObjectMetaUpdateInto } from './objectMeta.js';
import { intOrZero, isNil, isObj, list, obj, optBool, optInt, optString, optTimeSeconds, prop } from './internal/untrusted.js';

/**
 * Switches of upstream's `JobStatusValidationOptions` (validation.go), camel-cased:
 * `rejectDecreasingSucceededCounter` is upstream's `RejectDecreasingSucceededCounter`, and so on.
 * Each enables one rule; {@link getStatusValidationOptions} decides them the way the API server does.
 * @category Validation
 */
export interface JobStatusValidationOptions {
  readonly rejectDecreasingSucceededCounter: boolean;
  readonly rejectDecreasingFailedCounter: boolean;
  readonly rejectDisablingTerminalCondition: boolean;
  readonly rejectInvalidCompletedIndexes: boolean;
  readonly rejectInvalidFailedIndexes: boolean;
  readonly rejectFailedIndexesOverlappingCompleted: boolean;
  readonly rejectCompletedIndexesForNonIndexedJob: boolean;
  readonly rejectFailedIndexesForNoBackoffLimitPerIndex: boolean;
  readonly rejectFailedJobWithoutFailureTarget: boolean;
  readonly rejectCompleteJobWithoutSuccessCriteriaMet: boolean;
  readonly rejectFinishedJobWithActivePods: boolean;
  readonly rejectFinishedJobWithoutStartTime: boolean;
  readonly rejectFinishedJobWithUncountedTerminatedPods: boolean;
  readonly rejectStartTimeUpdateForUnsuspendedJob: boolean;
  readonly rejectCompletionTimeBeforeStartTime: boolean;
  readonly rejectMutatingCompletionTime: boolean;
  readonly rejectCompleteJobWithoutCompletionTime: boolean;
  readonly rejectNotCompleteJobWithCompletionTime: boolean;
  readonly rejectCompleteJobWithFailedCondition: boolean;
  readonly rejectCompleteJobWithFailureTargetCondition: boolean;
  readonly rejectMoreReadyThanActivePods: boolean;
  readonly rejectFinishedJobWithTerminatingPods: boolean;
}

/** The spec fields status validation reads (after the status strategy reset spec to the old one). */
interface SpecView {
  readonly indexed: boolean;
  readonly completions: number | undefined;
  readonly parallelism: number | undefined;
  readonly backoffLimitPerIndex: number | undefined;
  readonly hasSuccessPolicy: boolean;
  readonly suspend: boolean | undefined;
}

interface UncountedView {
  readonly succeeded: readonly unknown[];
  readonly failed: readonly unknown[];
}

interface StatusView {
  readonly raw: unknown;
  readonly active: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly ready: number | undefined;
  readonly terminating: number | undefined;
  readonly startTime: number | undefined;
  readonly completionTime: number | undefined;
  readonly completedIndexes: string;
  readonly failedIndexes: string | undefined;
  /** undefined = nil pointer. */
  readonly uncounted: UncountedView | undefined;
  readonly conditions: ConditionSummary;
}

function readSpec(job: unknown): SpecView {
  const spec = obj(prop(job, 'spec'));
  const sink: FieldError[] = []; // spec shape errors belong to spec validation, not to a status update
  return {
    indexed: prop(spec, 'completionMode') === 'Indexed',
    completions: optInt(spec, 'completions', '', sink),
    parallelism: optInt(spec, 'parallelism', '', sink),
    backoffLimitPerIndex: optInt(spec, 'backoffLimitPerIndex', '', sink),
    hasSuccessPolicy: !isNil(prop(spec, 'successPolicy')),
    suspend: optBool(spec, 'suspend', '', sink),
  };
}

function readStatus(job: unknown, errs: FieldError[]): StatusView {
  const p = 'status';
  const rawStatus = prop(job, 'status');
  if (!isNil(rawStatus) && !isObj(rawStatus)) errs.push(invalid(p, rawStatus, 'must be an object'));
  const s = obj(rawStatus);
  const rawUncounted = prop(s, 'uncountedTerminatedPods');
  let uncounted: UncountedView | undefined;
  if (!isNil(rawUncounted)) {
    const up = child(p, 'uncountedTerminatedPods');
    if (!isObj(rawUncounted)) errs.push(invalid(up, rawUncounted, 'must be an object'));
    uncounted = {
      succeeded: list(rawUncounted, 'succeeded', child(up, 'succeeded'), errs),
      failed: list(rawUncounted, 'failed', child(up, 'failed'), errs),
    };
  }
  return {
    raw: s,
    active: intOrZero(s, 'active', child(p, 'active'), errs),
    succeeded: intOrZero(s, 'succeeded', child(p, 'succeeded'), errs),
    failed: intOrZero(s, 'failed', child(p, 'failed'), errs),
    ready: optInt(s, 'ready', child(p, 'ready'), errs),
    terminating: optInt(s, 'terminating', child(p, 'terminating'), errs),
    startTime: optTimeSeconds(s, 'startTime', child(p, 'startTime'), errs),
    completionTime: optTimeSeconds(s, 'completionTime', child(p, 'completionTime'), errs),
    completedIndexes: optString(s, 'completedIndexes', child(p, 'completedIndexes'), errs) ?? '',
    failedIndexes: optString(s, 'failedIndexes', child(p, 'failedIndexes'), errs),
    uncounted,
    conditions: summarizeConditions(s, errs, child(p, 'conditions')),
  };
}

/** The status field as the input holds it (a bad value shown as upstream shows it, e.g. a timestamp string). */
const raw = (s: StatusView, name: string): unknown => prop(s.raw, name);

const sameOpt = <T>(a: T | undefined, b: T | undefined): boolean => a === b; // ptr.Equal on decoded values

function sameUncounted(a: UncountedView | undefined, b: UncountedView | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const sameList = (x: readonly unknown[], y: readonly unknown[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
  return sameList(a.succeeded, b.succeeded) && sameList(a.failed, b.failed);
}

function options(oldS: StatusView, newS: StatusView, spec: SpecView): JobStatusValidationOptions {
  const oc = oldS.conditions;
  const nc = newS.conditions;
  const finishedChanged = isFinished(oc) !== isFinished(nc);
  const completeChanged = isComplete(oc) !== isComplete(nc);
  const failedChanged = isFailed(oc) !== isFailed(nc);
  const failureTargetChanged = isFailureTarget(oc) !== isFailureTarget(nc);
  const successCriteriaMetChanged = isSuccessCriteriaMet(oc) !== isSuccessCriteriaMet(nc);
  const completedIndexesChanged = oldS.completedIndexes !== newS.completedIndexes;
  const failedIndexesChanged = !sameOpt(oldS.failedIndexes, newS.failedIndexes);
  const activeChanged = oldS.active !== newS.active;
  const startTimeChanged = !sameOpt(oldS.startTime, newS.startTime);
  const completionTimeChanged = !sameOpt(oldS.completionTime, newS.completionTime);
  const uncountedChanged = !sameUncounted(oldS.uncounted, newS.uncounted);
  const readyChanged = !sameOpt(oldS.ready, newS.ready);
  const terminatingChanged = !sameOpt(oldS.terminating, newS.terminating);
  const suspendedWithZeroCompletions = spec.suspend === true && spec.completions === 0;
  // A resume seen through the conditions (Suspended True -> False), kubernetes#134521.
  const resuming = isTrue(oc, 'Suspended') && isFalse(nc, 'Suspended');
  return {
    rejectDecreasingSucceededCounter: !spec.indexed || spec.completions !== spec.parallelism,
    rejectDecreasingFailedCounter: true,
    rejectDisablingTerminalCondition: true,
    rejectInvalidCompletedIndexes: completedIndexesChanged,
    rejectInvalidFailedIndexes: failedIndexesChanged,
    rejectCompletedIndexesForNonIndexedJob: completedIndexesChanged,
    rejectFailedIndexesForNoBackoffLimitPerIndex: failedIndexesChanged,
    rejectFailedIndexesOverlappingCompleted: failedIndexesChanged || completedIndexesChanged,
    rejectFailedJobWithoutFailureTarget: failedChanged || failedIndexesChanged,
    rejectCompleteJobWithoutSuccessCriteriaMet: completeChanged || successCriteriaMetChanged,
    rejectFinishedJobWithActivePods: finishedChanged || activeChanged,
    rejectFinishedJobWithoutStartTime: (finishedChanged || startTimeChanged) && !suspendedWithZeroCompletions,
    rejectFinishedJobWithUncountedTerminatedPods: finishedChanged || uncountedChanged,
    rejectStartTimeUpdateForUnsuspendedJob: startTimeChanged && !resuming,
    rejectCompletionTimeBeforeStartTime: startTimeChanged || completionTimeChanged,
    rejectMutatingCompletionTime: true,
    rejectNotCompleteJobWithCompletionTime: completeChanged || completionTimeChanged,
    rejectCompleteJobWithoutCompletionTime: completeChanged || completionTimeChanged,
    rejectCompleteJobWithFailedCondition: completeChanged || failedChanged,
    rejectCompleteJobWithFailureTargetCondition: completeChanged || failureTargetChanged,
    rejectMoreReadyThanActivePods: readyChanged || activeChanged,
    rejectFinishedJobWithTerminatingPods: finishedChanged || terminatingChanged,
  };
}

/**
 * The options the API server (JobManagedBy enabled, GA since 1.35) computes for a status update
 * replacing `oldJob` with `newJob`: most rules apply only when the fields they read changed, so a
 * bad pre-existing status does not block unrelated updates.
 * @category Validation
 */
export function getStatusValidationOptions(oldJob: Job | unknown, newJob: Job | unknown): JobStatusValidationOptions {
  const sink: FieldError[] = [];
  return options(readStatus(oldJob, sink), readStatus(newJob, sink), readSpec(oldJob));
}

/**
 * validateFailedIndexesNotOverlapCompleted: walks both lists' fragments in step, skipping those
 * that do not parse (the format checks report them). Streams the fragments instead of splitting
 * the strings, so a hostile 10 MB list that overlaps early costs nothing more.
 */
function overlapDetail(completed: string, failed: string, completions: number): string | undefined {
  if (completed.length === 0 || failed.length === 0) return undefined;
  const cursor = (s: string) => {
    let start = 0;
    return (): Interval | undefined | null => {
      if (start > s.length) return null;
      let end = s.indexOf(',', start);
      if (end < 0) end = s.length;
      const r = parseIndexIntervalStrict(s.slice(start, end), completions);
      start = end + 1;
      return r.ok ? r.interval : undefined;
    };
  };
  const nextC = cursor(completed);
  const nextF = cursor(failed);
  let c = nextC();
  let f = nextF();
  while (c !== null && f !== null) {
    if (c === undefined) c = nextC();
    else if (f === undefined) f = nextF();
    else {
      if (c.first <= f.last && f.first <= c.last) {
        return `failedIndexes and completedIndexes overlap at index: ${Math.max(c.first, f.first)}`;
      }
      if (c.first <= f.first) c = nextC();
      else f = nextF();
    }
  }
  return undefined;
}

/** Error details quote the offending fragment; a hostile megabyte fragment is cut short. */
const capDetail = (d: string): string => (d.length > 300 ? `${d.slice(0, 297)}...` : d);

function validateUncounted(u: UncountedView, errs: FieldError[]): void {
  const base = 'status.uncountedTerminatedPods';
  const seen = new Set<string>();
  let badType = false;
  for (const [name, uids] of [
    ['succeeded', u.succeeded],
    ['failed', u.failed],
  ] as const) {
    for (let i = 0; i < uids.length; i++) {
      const uid = uids[i];
      const p = index(child(base, name), i);
      if (typeof uid !== 'string') {
        if (!badType) errs.push(invalid(p, uid, 'must be a string'));
        badType = true;
      } else if (uid === '') errs.push(invalid(p, uid, 'must not be empty'));
      else if (seen.has(uid)) errs.push(duplicate(p, uid));
      else seen.add(uid);
    }
  }
}

function validateStatus(s: StatusView, spec: SpecView, o: JobStatusValidationOptions, errs: FieldError[]): void {
  const p = 'status';
  const conds = child(p, 'conditions');
  const c = s.conditions;
  const nonNegative = (v: number | undefined, name: string): void => {
    if (v !== undefined && v < 0) errs.push(invalid(child(p, name), v, 'must be greater than or equal to 0'));
  };
  nonNegative(s.active, 'active');
  nonNegative(s.succeeded, 'succeeded');
  nonNegative(s.failed, 'failed');
  nonNegative(s.ready, 'ready');
  nonNegative(s.terminating, 'terminating');
  if (s.uncounted !== undefined) validateUncounted(s.uncounted, errs);

  if (o.rejectCompleteJobWithFailedCondition && isComplete(c) && isFailed(c)) {
    errs.push(invalid(conds, undefined, 'cannot set Complete=True and Failed=true conditions'));
  }
  if (o.rejectCompleteJobWithFailureTargetCondition && isComplete(c) && isFailureTarget(c)) {
    errs.push(invalid(conds, undefined, 'cannot set Complete=True and FailureTarget=true conditions'));
  }
  if (o.rejectNotCompleteJobWithCompletionTime && s.completionTime !== undefined && !isComplete(c)) {
    errs.push(invalid(child(p, 'completionTime'), raw(s, 'completionTime'), 'cannot set completionTime when there is no Complete=True condition'));
  }
  if (o.rejectCompleteJobWithoutCompletionTime && s.completionTime === undefined && isComplete(c)) {
    errs.push(required(child(p, 'completionTime'), 'completionTime is required for Complete jobs'));
  }
  if (o.rejectCompletionTimeBeforeStartTime && s.startTime !== undefined && s.completionTime !== undefined && s.completionTime < s.startTime) {
    errs.push(invalid(child(p, 'completionTime'), raw(s, 'completionTime'), 'must be equal to or after `startTime`'));
  }
  if (o.rejectFailedJobWithoutFailureTarget && isFailed(c) && !isFailureTarget(c)) {
    errs.push(invalid(conds, undefined, 'cannot set Failed=True condition without the FailureTarget=true condition'));
  }
  if (o.rejectCompleteJobWithoutSuccessCriteriaMet && isComplete(c) && !isSuccessCriteriaMet(c)) {
    errs.push(invalid(conds, undefined, 'cannot set Complete=True condition without the SuccessCriteriaMet=true condition'));
  }
  const finished = isFinished(c);
  if (o.rejectFinishedJobWithActivePods && s.active > 0 && finished) {
    errs.push(invalid(child(p, 'active'), s.active, 'active>0 is invalid for finished job'));
  }
  if (o.rejectFinishedJobWithoutStartTime && s.startTime === undefined && finished) {
    errs.push(required(child(p, 'startTime'), 'startTime is required for finished job'));
  }
  if (o.rejectFinishedJobWithUncountedTerminatedPods && finished && s.uncounted !== undefined && s.uncounted.failed.length + s.uncounted.succeeded.length > 0) {
    errs.push(invalid(child(p, 'uncountedTerminatedPods'), raw(s, 'uncountedTerminatedPods'), 'must be empty for finished job'));
  }
  if (o.rejectInvalidCompletedIndexes && spec.completions !== undefined) {
    const r = parseIndexesStrict(s.completedIndexes, spec.completions);
    if (!r.ok) errs.push(invalid(child(p, 'completedIndexes'), s.completedIndexes, `error parsing completedIndexes: ${capDetail(r.detail)}`));
  }
  if (o.rejectInvalidFailedIndexes && spec.completions !== undefined && spec.backoffLimitPerIndex !== undefined && s.failedIndexes !== undefined) {
    const r = parseIndexesStrict(s.failedIndexes, spec.completions);
    if (!r.ok) errs.push(invalid(child(p, 'failedIndexes'), s.failedIndexes, `error parsing failedIndexes: ${capDetail(r.detail)}`));
  }
  if (o.rejectCompletedIndexesForNonIndexedJob && s.completedIndexes.length !== 0 && !spec.indexed) {
    errs.push(invalid(child(p, 'completedIndexes'), s.completedIndexes, 'cannot set non-empty completedIndexes when non-indexed completion mode'));
  }
  if (o.rejectFailedIndexesForNoBackoffLimitPerIndex && spec.backoffLimitPerIndex === undefined && s.failedIndexes !== undefined) {
    errs.push(invalid(child(p, 'failedIndexes'), s.failedIndexes, 'cannot set non-null failedIndexes when backoffLimitPerIndex is null'));
  }
  if (o.rejectFailedIndexesOverlappingCompleted && spec.completions !== undefined && s.failedIndexes !== undefined) {
    const d = overlapDetail(s.completedIndexes, s.failedIndexes, spec.completions);
    if (d !== undefined) errs.push(invalid(child(p, 'failedIndexes'), s.failedIndexes, d));
  }
  if (o.rejectFinishedJobWithTerminatingPods && s.terminating !== undefined && s.terminating > 0 && finished) {
    errs.push(invalid(child(p, 'terminating'), s.terminating, 'terminating>0 is invalid for finished job'));
  }
  if (o.rejectMoreReadyThanActivePods && s.ready !== undefined && s.ready > s.active) {
    errs.push(invalid(child(p, 'ready'), s.ready, 'cannot set more ready pods than active'));
  }
  if (isSuccessCriteriaMet(c) && isFailed(c)) {
    errs.push(invalid(conds, undefined, 'cannot set SuccessCriteriaMet=True and Failed=true conditions'));
  }
  if (isSuccessCriteriaMet(c) && isFailureTarget(c)) {
    errs.push(invalid(conds, undefined, 'cannot set SuccessCriteriaMet=True and FailureTarget=true conditions'));
  }
  if (spec.hasSuccessPolicy && !isSuccessCriteriaMet(c) && isComplete(c)) {
    errs.push(invalid(conds, undefined, 'cannot set Complete=True for Job with SuccessPolicy unless SuccessCriteriaMet=True'));
  }
}

function validateTransition(oldS: StatusView, newS: StatusView, spec: SpecView, o: JobStatusValidationOptions, errs: FieldError[]): void {
  const p = 'status';
  const conds = child(p, 'conditions');
  if (o.rejectDisablingTerminalCondition) {
    for (const t of ['Failed', 'Complete', 'FailureTarget']) {
      if (isTrue(oldS.conditions, t) && !isTrue(newS.conditions, t)) {
        errs.push(invalid(conds, undefined, `cannot disable the terminal ${t}=True condition`));
      }
    }
  }
  if (o.rejectDecreasingFailedCounter && newS.failed < oldS.failed) {
    errs.push(invalid(child(p, 'failed'), newS.failed, 'cannot decrease the failed counter'));
  }
  if (o.rejectDecreasingSucceededCounter && newS.succeeded < oldS.succeeded) {
    errs.push(invalid(child(p, 'succeeded'), newS.succeeded, 'cannot decrease the succeeded counter'));
  }
  if (o.rejectMutatingCompletionTime && newS.completionTime !== undefined && oldS.completionTime !== undefined && newS.completionTime !== oldS.completionTime) {
    errs.push(invalid(child(p, 'completionTime'), raw(newS, 'completionTime'), 'field is immutable'));
  }
  if (o.rejectStartTimeUpdateForUnsuspendedJob && oldS.startTime !== undefined && oldS.startTime !== newS.startTime && spec.suspend !== true) {
    errs.push(invalid(child(p, 'startTime'), raw(newS, 'startTime') ?? null, 'field is immutable for unsuspended job once set'));
  }
  if (isSuccessCriteriaMet(oldS.conditions) && !isSuccessCriteriaMet(newS.conditions)) {
    errs.push(invalid(conds, undefined, 'cannot disable the SuccessCriteriaMet=True condition'));
  }
  if (isComplete(oldS.conditions) && !isSuccessCriteriaMet(oldS.conditions) && isSuccessCriteriaMet(newS.conditions)) {
    errs.push(invalid(conds, undefined, 'cannot set SuccessCriteriaMet=True for Job already has Complete=true conditions'));
  }
}

/**
 * Validates a `PUT .../jobs/NAME/status` replacing `oldJob` with `newJob` as the current API server
 * does: the status strategy resets `newJob.spec` to `oldJob.spec`, computes the options with
 * {@link getStatusValidationOptions} (override any with `opts`), validates metadata immutability
 * and then the status and its transition. Never throws; input of the wrong shape yields errors.
 *
 * @example
 * validateJobStatusUpdate(oldJob, { ...oldJob, status: { failed: -1 } })
 * // → [{ type: 'FieldValueInvalid', field: 'status.failed', detail: 'must be greater than or equal to 0', value: -1 }, ...]
 * @category Validation
 */
export function validateJobStatusUpdate(oldJob: Job | unknown, newJob: Job | unknown, opts?: Partial<JobStatusValidationOptions>): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(newJob)) return [invalid('', newJob, 'the new Job must be an object')];
  const oldView = readStatus(oldJob, []); // the stored object is not the caller's to fix
  const newView = readStatus(newJob, errs);
  const spec = readSpec(oldJob);
  const o = { ...options(oldView, newView, spec), ...(opts ?? {}) };
  validateObjectMetaUpdateInto(newJob, oldJob, errs);
  validateStatus(newView, spec, o, errs);
  validateTransition(oldView, newView, spec, o, errs);
  return mergeFieldErrors(errs);
}
