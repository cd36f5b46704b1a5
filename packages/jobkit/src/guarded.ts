// The checked surface: the functions of the @jobkit/* packages that would throw on arguments of
// the wrong type, each behind a guard (guard/guard.ts) that checks what the function reads
// against its declared types and answers a mismatch with an InvalidInput — or, for functions
// that already answer with an error of their own, with that error. On arguments of the right
// types each is the building block's function exactly. The doc comments repeat the building
// blocks' (TypeDoc documents these declarations); keep them in step.
import * as api from '@jobkit/api';
import { JobCodec, JobListCodec, MaxReportedErrors, PodCodec, PodListCodec, toFieldErrors } from '@jobkit/api';
import * as backoff from '@jobkit/backoff';
import * as core from '@jobkit/core';
import * as indexes from '@jobkit/indexes';
import * as loop from '@jobkit/loop';
import * as multikueue from '@jobkit/multikueue';
import * as policy from '@jobkit/policy';
import * as sim from '@jobkit/sim';
import * as validation from '@jobkit/validation';
import type { FieldError, JobFeatureGates, JobValidationOptions } from '@jobkit/validation';
import type { DecodeResult, Job, JobList, JobSpec, JobStatus, JsonObject, Pod, PodFailurePolicy, PodList, SuccessPolicy } from '@jobkit/api';
import type { BackoffLimits, BackoffRecord } from '@jobkit/backoff';
import type { Action, ApplyOptions, ApplyResult, ClusterState, OrphanResult, SyncOptions, SyncResult, TtlDecision } from '@jobkit/core';
import type { IndexFailureCounts, OrderedIntervals } from '@jobkit/indexes';
import type { AdmitOptions, NameGenerator } from '@jobkit/loop';
import type { MirrorInput, MirrorRecord, MirrorResult, RemoteJobOptions } from '@jobkit/multikueue';
import type { PodFailurePolicyMatch, SuccessPolicyMatch } from '@jobkit/policy';
import type { Script, ScriptResult, SimulateOptions, SimulationResult } from '@jobkit/sim';
import { allOf, guard, guardInto, params, type ArgsCheck } from './guard/guard.js';
import {
  any,
  arr,
  bool,
  compile,
  custom,
  date,
  describe,
  fn,
  int,
  mismatch,
  nonEmptyStr,
  nullable,
  num,
  obj,
  oneOf,
  opt,
  str,
  strMapKeys,
  pathOf,
  under,
  unreadable,
  type Failure,
  type Shape,
} from './guard/shape.js';
import * as s from './guard/shapes.js';
import { inputErrorText, invalidInputText, type InputFieldError, type InvalidInput } from './invalidInput.js';

// ---- checks that are not plain shapes -------------------------------------------------------------

/**
 * For the functions that check their own input (syncJob, applyActions, ...): the value's `keys`
 * can be read (no throwing getter or Proxy), whatever their types; a non-object passes, the
 * function itself refuses it. What the function reads after its own check is read here first.
 */
const readable = (...keys: string[]): Shape =>
  custom(`readable(${keys.join()})`, (v) => {
    if (typeof v !== 'object' || v === null) return undefined;
    for (const k of keys) {
      try {
        void (v as Record<string, unknown>)[k];
      } catch (e) {
        return under(unreadable(e), `.${k}`);
      }
    }
    return undefined;
  });

/** io-ts's `Errors` (what decodeJob's Left holds), named without io-ts, which jobkit does not depend on. */
type Errors = Parameters<typeof toFieldErrors>[0];
/** What `decodes` needs of an io-ts codec. */
interface Decoder {
  decode(u: unknown): { readonly _tag: 'Left'; readonly left: Errors } | { readonly _tag: 'Right'; readonly right: unknown };
}

/**
 * Argument `i` as `codec` decodes it: every field, as the encoders and remoteJobFor read it.
 * With `nullFree`, also no `null` where the codec models a field (decoding drops those, as Go
 * does, but the types have no null there and the encoders cannot encode one).
 */
function decodes(i: number, name: string, codec: Decoder, nullFree = false): ArgsCheck {
  return (args) => {
    let errors: Errors;
    try {
      const r = codec.decode(args[i]);
      if (r._tag === 'Right') {
        const f = nullFree ? modelledNull(args[i], r.right, 0) : undefined;
        return f !== undefined ? [{ type: f.type, field: pathOf(name, f), detail: f.detail }] : undefined;
      }
      errors = r.left;
    } catch (e) {
      return [{ type: 'FieldValueInvalid', field: name, detail: unreadable(e).detail }];
    }
    return toFieldErrors(errors.slice(0, MaxReportedErrors)).map((e) => ({
      type: 'FieldValueInvalid' as const,
      field: e.field === '' ? name : e.field.startsWith('[') ? `${name}${e.field}` : `${name}.${e.field}`,
      detail: e.detail,
    }));
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first `null` of the input `u` that decoding dropped or replaced by a zero value (a
 * modelled field; an unmodelled null is kept as null in the decoded `d`). Walks `u` and `d` together; both are finite
 * trees here (decoding refused anything deeper than MaxDepth).
 */
function modelledNull(u: unknown, d: unknown, depth: number): Failure | undefined {
  if (depth > 200) return undefined;
  if (Array.isArray(u) && Array.isArray(d)) {
    for (let k = 0; k < u.length && k < d.length; k++) {
      const f = modelledNull(u[k], d[k], depth + 1);
      if (f !== undefined) return under(f, `[${k}]`);
    }
    return undefined;
  }
  if (!isRecord(u) || !isRecord(d)) return undefined;
  for (const k of Object.keys(u)) {
    const v = u[k];
    if (v === null && d[k] !== null) return under(mismatch(null, 'a value (parseJob and parsePod drop JSON nulls)'), `.${k}`);
    if (typeof v === 'object' && v !== null) {
      const f = modelledNull(v, d[k], depth + 1);
      if (f !== undefined) return under(f, `.${k}`);
    }
  }
  return undefined;
}

/** A Map whose keys and values have the given shapes (the simulator's scripts). */
function mapOf(key: Shape, value: Shape): Shape {
  const k = compile(key);
  const v = compile(value);
  return custom('mapOf', (m) => {
    if (!(m instanceof Map)) return mismatch(m, 'a Map');
    for (const [mk, mv] of m) {
      const f = k(mk) ?? v(mv);
      if (f !== undefined) return under(f, `[${typeof mk === 'string' || typeof mk === 'number' ? String(mk) : describe(mk)}]`);
    }
    return undefined;
  });
}

/** intervalsFromIndexes' argument: an array-like of numbers (each element read), or an iterable. */
const indexList: Shape = custom('indexList', (v) => {
  const expected = 'an array or iterable of numbers';
  if (typeof v !== 'object' || v === null) return mismatch(v, expected);
  const o = v as { length?: unknown; [Symbol.iterator]?: unknown };
  if (typeof o.length === 'number') {
    const n = o.length;
    if (!Number.isSafeInteger(n) || n < 0) return under(mismatch(n, 'a non-negative integer'), '.length');
    for (let i = 0; i < n; i++) {
      let x: unknown;
      try {
        x = (v as ArrayLike<unknown>)[i];
      } catch (e) {
        return under(unreadable(e), `[${i}]`);
      }
      if (typeof x !== 'number') return under(mismatch(x, 'a number'), `[${i}]`);
    }
    return undefined;
  }
  return typeof o[Symbol.iterator] === 'function' ? undefined : mismatch(v, expected);
});

const intervalCheck = compile(s.interval);
const intervalAt = (iv: unknown): Failure | undefined => (s.intervalOk(iv) ? undefined : intervalCheck(iv));
const isArray = custom('array', (v) => (Array.isArray(v) ? undefined : mismatch(v, 'an array of Intervals')));

/** hasIndex reads O(log n) intervals: exactly those of its binary search are checked. */
const hasIndexPath: ArgsCheck = (args) => {
  const set = args[0] as readonly unknown[];
  const i = args[1] as number;
  if (!Array.isArray(set) || typeof i !== 'number') return undefined; // params() reported them
  const at = (k: number): Failure | undefined => {
    let iv: unknown;
    try {
      iv = set[k];
    } catch (e) {
      return under(unreadable(e), `[${k}]`);
    }
    const f = intervalAt(iv);
    return f !== undefined ? under(f, `[${k}]`) : undefined;
  };
  let f: Failure | undefined;
  try {
    let lo = 0;
    let hi = set.length;
    while (hi > lo && f === undefined) {
      const mid = lo + ((hi - lo) >>> 1);
      f = at(mid);
      if (f === undefined && (set[mid] as indexes.Interval).last >= i) hi = mid;
      else lo = mid + 1;
    }
    if (f === undefined && hi < set.length) f = at(hi);
  } catch (e) {
    f = unreadable(e);
  }
  return f !== undefined ? [{ type: f.type, field: pathOf('set', f), detail: f.detail }] : undefined;
};

/** formatDecodeErrors reads the first `limit` errors: their message, or their path and value. */
const decodeError = obj(
  {
    message: opt(str),
    context: arr(obj({ key: str, type: obj({ name: str }, 'an io-ts type') }, 'a context entry')),
  },
  'an io-ts ValidationError',
);
const decodeErrorCheck = compile(decodeError);
const decodeErrorsPrefix: ArgsCheck = (args) => {
  const errors = args[0];
  const limit = args[1] === undefined ? MaxReportedErrors : args[1];
  if (!Array.isArray(errors) || typeof limit !== 'number' || !Number.isInteger(limit)) return undefined; // params() reported them
  let f: Failure | undefined;
  try {
    const n = Math.min(errors.length, Math.max(0, limit));
    for (let i = 0; i < n && f === undefined; i++) {
      const x = decodeErrorCheck(errors[i]);
      if (x !== undefined) f = under(x, `[${i}]`);
    }
  } catch (e) {
    f = unreadable(e);
  }
  return f !== undefined ? [{ type: f.type, field: pathOf('errors', f), detail: f.detail }] : undefined;
};

const outcome = obj(
  {
    exitCode: int,
    containerExitCodes: mapOf(str, int),
    durationMs: num,
    startDelayMs: num,
    readyAfterMs: opt(num),
    disruption: opt(str),
    terminationDelayMs: num,
  },
  'an Outcome',
);
const script = obj(
  { default: outcome, attempts: mapOf(int, outcome), indexes: mapOf(int, mapOf(int, outcome)), resumeAtMs: opt(num), untilMs: num },
  'a Script (from parseScript)',
);
const simulateOptions = obj(
  {
    controller: opt(obj({ syncJob: fn, applyActions: fn, validateJobStatusUpdate: fn }, 'a Controller')),
    start: opt(date),
    batchPeriodMs: opt(num),
    maxSyncs: opt(int),
  },
  'SimulateOptions',
);

/** A Date (valid or not: the function answers an invalid one itself) or a string. */
const dateOrString = oneOf(
  'a Date or an RFC 3339 string',
  custom('dateObject', (v) => {
    if (typeof v !== 'object' || v === null) return mismatch(v, 'a Date');
    try {
      Date.prototype.getTime.call(v);
      return undefined;
    } catch {
      return mismatch(v, 'a Date');
    }
  }),
  str,
);

/** `{type: 'InternalError'}` has no FieldErrorType; in a FieldError channel it is an Invalid value saying so. */
function asFieldError(e: InputFieldError): FieldError {
  return e.type === 'InternalError' ? { type: 'FieldValueInvalid', field: e.field, detail: `internal error: ${e.detail}` } : (e as FieldError);
}

/** An error as a bare message (no field), the form of managedByErrors' list. */
function bodyOf(e: InputFieldError): string {
  return inputErrorText(e).slice(e.field.length + 2);
}

const optLimits = opt(s.backoffLimits);

// ---- the reconcile pass --------------------------------------------------------------------------

/**
 * One reconcile pass of the Job controller: from the Job, its pods and the controller's memory,
 * the pod creations/deletions, finalizer removals, status writes and events upstream performs,
 * in the order it performs them. Pure: reads no clock (`now` is the pass's time).
 *
 * Malformed input (a field of the wrong type, a value that cannot be read) is refused with an
 * `error` naming the field and no actions; syncJob checks its input itself, the guard adds only
 * that the Job and options can be read.
 *
 * @function
 * @category Reconcile
 * @example
 * const { actions, status, backoff } = syncJob(job, pods, new Date('2026-01-01T00:00:00Z'));
 */
export const syncJob: (job: Job, listedPods: readonly Pod[], now: Date, options?: SyncOptions) => SyncResult = guardInto(
  'syncJob',
  core.syncJob,
  params([
    ['job', readable('metadata', 'spec', 'status')],
    ['pods', any],
    ['now', any],
    ['options', readable('backoff', 'explain')],
  ]),
  (invalid): core.SyncResult => ({ actions: [], status: {}, backoff: backoff.emptyBackoffRecord, error: invalidInputText(invalid) }),
);

/**
 * Applies `actions` in order and returns the new state; the input is not modified.
 * CreatePod adds a Pending pod named by `generateName` from its cut generateName, with a uid; DeletePod marks a pod with
 * finalizers as deleted (deletionTimestamp) and removes one without; RemovePodFinalizer drops
 * the tracking finalizer (a release, the owner reference to the Job too) and removes the pod if
 * it was being deleted and has none left; AdoptPod makes the Job the pod's controller and adds
 * the tracking finalizer;
 * UpdateJobStatus replaces the status; RecordEvent changes nothing. Actions on pods that are
 * gone are ignored (upstream treats NotFound as success). An action names its pod by uid (and
 * name): pods are never merged, not even two that share a uid (the action then goes to the one
 * whose name matches too, else the first); a pod without a uid is found by name. Malformed input
 * is refused with an `error` naming the field, and nothing is applied (also when `state` or
 * `opts` cannot be read, or `opts.generateName` throws).
 *
 * @function
 * @category Simulation
 */
export const applyActions: (state: ClusterState, actions: readonly Action[], opts: ApplyOptions) => ApplyResult = guardInto(
  'applyActions',
  core.applyActions,
  params([
    ['state', readable('job', 'pods')],
    ['actions', any],
    ['opts', readable('now', 'generateName', 'generateUid', 'trackingFinalizer')],
  ]),
  (invalid): core.ApplyResult => ({ job: {} as api.Job, pods: [], error: invalidInputText(invalid) }),
);

/**
 * RemovePodFinalizer actions for the pods among `pods` that still carry the tracking finalizer
 * although no unfinished Job owns them. `job` is the Job the pods' controller reference may
 * point to (undefined: it does not exist). Pods controlled by something other than a batch/v1
 * Job are left alone, as are pods of `job` while it is unfinished or managed by a controller
 * other than `options.controllerName` (default kubernetes.io/job-controller). A pod whose controller reference names a Job other than `job` is treated as an
 * orphan, so pass only pods whose owner you resolved to `job` (or to nothing). Malformed input
 * (a null owner reference, a pods value that is not a list, options that cannot be read, ...)
 * is refused with an `error` naming the field, as syncJob refuses it.
 *
 * @function
 * @category Reconcile
 * @example
 * const { actions, error } = orphanPodActions(undefined, pods); // owner gone: strip every finalizer
 */
export const orphanPodActions: (
  job: Job | undefined,
  pods: readonly Pod[],
  options?: { readonly controllerName?: string; readonly trackingFinalizer?: string },
) => OrphanResult = guardInto(
  'orphanPodActions',
  core.orphanPodActions,
  params([
    ['job', readable('metadata', 'spec', 'status')],
    ['pods', any],
    ['options', readable('controllerName', 'trackingFinalizer')],
  ]),
  (invalid): core.OrphanResult => ({ actions: [], error: invalidInputText(invalid) }),
);

/**
 * The part of a `generateName` the API server keeps before appending its random suffix: the
 * first MaxGeneratedNameLength (58) characters (storage/names SimpleNameGenerator). The controller
 * sends `<job>-` in full; this is the one place the cut happens. An {@link InvalidInput} when
 * `generateName` is not a string.
 *
 * @function
 * @category Simulation
 * @example generatedNameBase('x'.repeat(70) + '-').length === 58
 */
export const generatedNameBase: (generateName: string) => string | InvalidInput = guard(
  'generatedNameBase',
  core.generatedNameBase,
  params([['generateName', str]]),
);

/**
 * When a finished Job's `ttlSecondsAfterFinished` has run out, by the rule of upstream's
 * TTL-after-finished controller: `none` (no TTL, not finished, or being deleted), `wait`
 * (`afterMs`), `delete`, or `error`. A Job whose fields read here (metadata, the TTL, the
 * conditions) have the wrong type, or a `now` that is not a valid Date, is an `error` naming
 * the field.
 *
 * @function
 */
export const ttlAfterFinished: (job: Job, now: Date) => TtlDecision = guardInto(
  'ttlAfterFinished',
  core.ttlAfterFinished,
  params([
    ['job', s.ttlJob],
    ['now', date],
  ]),
  (invalid): core.TtlDecision => ({ kind: 'error', message: invalidInputText(invalid) }),
);

// ---- validation ----------------------------------------------------------------------------------

/**
 * The options the update strategy derives from the old Job (strategy.go validationOptionsForJob):
 * prefixed labels are required only if the old template had both; scheduling directives are
 * mutable only while the old Job is suspended and has never started. With the gates on (the
 * default), a suspended Job with no active pods that never started or carries Suspended=True may change its
 * container resources and/or scheduling directives. `oldJob` may be anything; `gates` that are
 * not JobFeatureGates (booleans) give an {@link InvalidInput}.
 *
 * @function
 * @category Validation
 */
export const getUpdateValidationOptions: (oldJob: unknown, gates?: JobFeatureGates) => JobValidationOptions | InvalidInput = guard(
  'getUpdateValidationOptions',
  validation.getUpdateValidationOptions,
  params([
    ['oldJob', any],
    ['gates', opt(s.jobFeatureGates)],
  ]),
);

/**
 * Why `value` cannot be a Job's `spec.managedBy`, in the API server's words (empty: it can). For
 * tools that take a controller name, such as `jobkit controller --managed-by`. A value that is
 * not a string is one such reason (`Invalid value: 5: expected a string`).
 *
 * @function
 * @category Validation
 */
export const managedByErrors: (value: string) => string[] = guardInto('managedByErrors', validation.managedByErrors, params([['value', str]]), (invalid) =>
  invalid.errors.map(bodyOf),
);

const fieldErrorShape = obj({ type: str, field: str, detail: str, value: any }, 'a FieldError');
const errorBodyShape = obj({ type: str, detail: str, value: any }, 'a FieldError');

/**
 * field.Error.ErrorBody: `Invalid value: -1: must be greater than or equal to 0`,
 * `Unsupported value: "Always": supported values: "OnFailure", "Never"`,
 * `Required value: must be 'pi'`. An {@link InvalidInput} when `e` is not a FieldError.
 *
 * @function
 * @category Validation
 */
export const errorBody: (e: Pick<FieldError, 'type' | 'detail' | 'value'>) => string | InvalidInput = guard(
  'errorBody',
  validation.errorBody,
  params([['e', errorBodyShape]]),
);

/**
 * field.Error.Error: the field path and {@link errorBody}, as the API server lists each cause
 * (`spec.completions: Invalid value: -1: must be greater than or equal to 0`). An
 * {@link InvalidInput} when `e` is not a FieldError.
 *
 * @function
 * @category Validation
 */
export const formatFieldError: (e: FieldError) => string | InvalidInput = guard(
  'formatFieldError',
  validation.formatFieldError,
  params([['e', fieldErrorShape]]),
);

// ---- policies ------------------------------------------------------------------------------------

/**
 * Matches a failed pod against the pod failure policy rules, first matching rule wins.
 * Rules with an unknown action are skipped and an unknown operator never matches, as upstream.
 * A policy or pod whose fields read here have the wrong type (rules not a list, a null rule, an
 * exit code that is not an integer, ...) gives an {@link InvalidInput}.
 *
 * @function
 * @category Pod failure policy
 * @example
 * matchPodFailurePolicy({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, pod)
 * // → { action: 'Ignore', countFailed: false, rule: 0 } when the pod has DisruptionTarget=True
 */
export const matchPodFailurePolicy: (podFailurePolicy: PodFailurePolicy | undefined | null, pod: Pod) => PodFailurePolicyMatch | InvalidInput = guard(
  'matchPodFailurePolicy',
  policy.matchPodFailurePolicy,
  params([
    ['podFailurePolicy', nullable(s.podFailurePolicy)],
    ['pod', s.policyPod],
  ]),
);

/**
 * Checks the Indexed Job's succeeded indexes (interval text such as "0-2,5", read up to
 * `completions`) against `spec.successPolicy`; the first matching rule wins. A rule with
 * `succeededIndexes` needs all of them succeeded, or at least `succeededCount` of them; a rule
 * with only `succeededCount` needs that many succeeded indexes overall. A rule whose
 * `succeededIndexes` parses to nothing is skipped, as upstream. Arguments of the wrong type
 * give an {@link InvalidInput}.
 *
 * @function
 * @category Success policy
 * @example
 * matchSuccessPolicy({ rules: [{ succeededIndexes: '0-2' }] }, 10, '0-2,4-7')
 * // → { matched: true, message: 'Matched rules at index 0' }
 */
export const matchSuccessPolicy: (
  successPolicy: SuccessPolicy | undefined | null,
  completions: number,
  succeededIndexes: string,
) => SuccessPolicyMatch | InvalidInput = guard(
  'matchSuccessPolicy',
  policy.matchSuccessPolicy,
  params([
    ['successPolicy', nullable(s.successPolicy)],
    ['completions', int],
    ['succeededIndexes', str],
  ]),
);

/**
 * Phase Failed; or, unless only failed pods are replaced, being deleted and not Succeeded (a
 * terminating pod counts as failed at once under podReplacementPolicy TerminatingOrFailed).
 *
 * An {@link InvalidInput} when `pod` is not a Pod (its metadata and status as read here) or
 * `onlyReplaceFailed` not a boolean. An InvalidInput is truthy: with untrusted input, check
 * {@link isInvalidInput} before using the answer as a boolean.
 *
 * @function
 * @example
 * const failed = isPodFailed(pod, false);
 * if (isInvalidInput(failed)) throw new Error(failed.errors[0]!.detail);
 * if (failed) replace(pod);
 */
export const isPodFailed: (pod: Pod, onlyReplaceFailed: boolean) => boolean | InvalidInput = guard(
  'isPodFailed',
  policy.isPodFailed,
  params([
    ['pod', s.failedPod],
    ['onlyReplaceFailed', bool],
  ]),
);

/**
 * Replacement pods wait for phase Failed. v1.37.2 reads `podReplacementPolicy` alone (older
 * releases also looked at `podFailurePolicy`; the API server defaults the policy to Failed when
 * a podFailurePolicy is set, so admitted Jobs agree either way).
 *
 * An {@link InvalidInput} when `spec` is not undefined or a spec whose `podReplacementPolicy`
 * is a string. An InvalidInput is truthy: with untrusted input, check {@link isInvalidInput}
 * before using the answer as a boolean.
 *
 * @function
 */
export const onlyReplaceFailedPods: (spec: Pick<JobSpec, 'podReplacementPolicy'> | undefined) => boolean | InvalidInput = guard(
  'onlyReplaceFailedPods',
  policy.onlyReplaceFailedPods,
  params([['spec', opt(s.replacementSpec)]]),
);

/**
 * Whether this failed pod makes its index failed (backoffLimitPerIndex): a matching FailIndex
 * rule fails the index at once; otherwise a counted failure (not Ignored) fails it once the pod's
 * index-failure-count has reached `spec.backoffLimitPerIndex`. Returns false for a pod that is
 * not failed, and (short of a FailIndex match) for a job without backoffLimitPerIndex: upstream
 * only asks for jobs that have it.
 *
 * An {@link InvalidInput} when the Job's spec or the pod (as read here) has a field of the wrong
 * type. An InvalidInput is truthy: with untrusted input, check {@link isInvalidInput} before
 * using the answer as a boolean.
 *
 * @function
 * @category Backoff limit per index
 * @example isIndexFailed(jobWithLimit1, failedPodWithFailureCount1) === true
 */
export const isIndexFailed: (job: Job, pod: Pod) => boolean | InvalidInput = guard(
  'isIndexFailed',
  policy.isIndexFailed,
  params([
    ['job', s.indexFailedJob],
    ['pod', s.indexFailedPod],
  ]),
);

/**
 * The failure counts to stamp on the pod created for an index: 0/0 for the index's first pod;
 * when replacing a failed pod, its counts plus one failure, or plus one ignored failure when
 * the job's pod failure policy ignores that pod's failure. Write them with
 * {@link indexFailureCountAnnotations}. Arguments of the wrong type give an {@link InvalidInput}.
 *
 * @function
 * @category Backoff limit per index
 * @example getNewIndexFailureCounts(job, podWithFailureCount3) // → { failureCount: 4, ignoredFailureCount: 0 }
 */
export const getNewIndexFailureCounts: (job: Job, podBeingReplaced?: Pod | null) => IndexFailureCounts | InvalidInput = guard(
  'getNewIndexFailureCounts',
  policy.getNewIndexFailureCounts,
  params([
    ['job', s.policyJob],
    ['podBeingReplaced', nullable(s.replacedPod)],
  ]),
);

// ---- completion indexes --------------------------------------------------------------------------

/**
 * The pod's completion index from its `batch.kubernetes.io/job-completion-index` annotation, read
 * as upstream `getCompletionIndex` reads it: Go `strconv.Atoi` (so `"+3"` and `"007"` are 3), and
 * {@link UnknownCompletionIndex} when the annotation is missing, does not parse, or is negative.
 * The label of the same name is not consulted, as upstream does not consult it. A pod without
 * metadata, or whose annotations or annotation value are not strings, gives an {@link InvalidInput}.
 *
 * Values beyond 2^53 (still valid Go ints) come back rounded; they are far beyond any
 * `completions`, which is all callers compare them with.
 *
 * @function
 */
export const getCompletionIndex: (pod: Pod) => number | InvalidInput = guard(
  'getCompletionIndex',
  indexes.getCompletionIndex,
  params([['pod', obj({ metadata: obj({ annotations: opt(strMapKeys(api.JobCompletionIndexAnnotation)) }) }, 'a Pod')]]),
);

/**
 * Whether `index` (as returned by {@link getCompletionIndex}) counts for a job with
 * `completions`: known and below `completions`, the test upstream repeats as
 * `ix != unknownCompletionIndex && ix < int(*job.Spec.Completions)`.
 *
 * An {@link InvalidInput} when either is not a finite number. An InvalidInput is truthy: with
 * untrusted input, check {@link isInvalidInput} before using the answer as a boolean.
 *
 * @function
 */
export const isValidCompletionIndex: (index: number, completions: number) => boolean | InvalidInput = guard(
  'isValidCompletionIndex',
  indexes.isValidCompletionIndex,
  params([
    ['index', num],
    ['completions', num],
  ]),
);

/**
 * Formats a set as the API stores it (upstream `orderedIntervals.String()`): a single index as
 * `"i"`, two consecutive indexes as `"i,i+1"`, three or more as `"a-b"`, joined by `,`.
 * An {@link InvalidInput} when `set` is not an array of `{ first, last }` integers.
 *
 * @function
 * @example formatIntervals([{first:0,last:0},{first:2,last:3},{first:5,last:9}]) === '0,2,3,5-9'
 */
export const formatIntervals: (set: OrderedIntervals) => string | InvalidInput = guard(
  'formatIntervals',
  indexes.formatIntervals,
  params([['set', s.intervals]]),
);

/**
 * Builds a set from index numbers in any order, possibly repeated (upstream gathers them in a
 * `sets.Set[int]` then sorts: calculateSucceededIndexes, getNewFinishedIndexes, the active
 * indexes of firstPendingIndexes). Values that are not non-negative safe integers (such as the
 * `-1` of an unknown completion index) are skipped, as upstream's `getIndexes` skips them.
 * O(n log n) in the number of values; an array (or other array-like) is read without an
 * iterator, so 10^5 running pods of consecutive indexes cost one sort and one interval.
 *
 * An {@link InvalidInput} when `indexes` is neither an array-like of numbers (each element is
 * checked) nor an iterable (its values are not looked at before the call).
 *
 * @function
 * @example intervalsFromIndexes([5, 1, 2, 2, 0, -1]) // [{0,2},{5,5}]
 */
export const intervalsFromIndexes: (indexes: Iterable<number> | ArrayLike<number>) => OrderedIntervals | InvalidInput = guard(
  'intervalsFromIndexes',
  indexes.intervalsFromIndexes,
  params([['indexes', indexList]]),
);

/**
 * Returns the union of `a` and `b` (upstream `orderedIntervals.merge`): a single merge pass over
 * both lists, extending the previous interval when the next one overlaps or touches it.
 * O(len(a) + len(b)). An {@link InvalidInput} when either is not an array of intervals.
 *
 * @function
 * @example mergeIntervals([{first:0,last:2}], [{first:3,last:3},{first:7,last:8}]) // [{0,3},{7,8}]
 */
export const mergeIntervals: (a: OrderedIntervals, b: OrderedIntervals) => OrderedIntervals | InvalidInput = guard(
  'mergeIntervals',
  indexes.mergeIntervals,
  params([
    ['a', s.intervals],
    ['b', s.intervals],
  ]),
);

/**
 * Number of indexes in the set (upstream `orderedIntervals.total`). O(len(set)). An
 * {@link InvalidInput} when `set` is not an array of intervals.
 *
 * @function
 * @example countIndexes(parseIndexesFromString('0-99999999', 1e8)) === 1e8
 */
export const countIndexes: (set: OrderedIntervals) => number | InvalidInput = guard('countIndexes', indexes.countIndexes, params([['set', s.intervals]]));

/**
 * Tells whether index `i` is in the set (upstream `orderedIntervals.has`): binary search for the
 * first interval whose last index is `>= i`. O(log len(set)): the guard checks only the
 * intervals the search reads.
 *
 * An {@link InvalidInput} when `set` is not an array, an interval read is not `{ first, last }`
 * integers, or `i` is not a finite number. An InvalidInput is truthy: with untrusted input,
 * check {@link isInvalidInput} before using the answer as a boolean.
 *
 * @function
 */
export const hasIndex: (set: OrderedIntervals, i: number) => boolean | InvalidInput = guard(
  'hasIndex',
  indexes.hasIndex,
  allOf(
    params([
      ['set', isArray],
      ['i', num],
    ]),
    hasIndexPath,
  ),
);

/**
 * The smallest `count` indexes in `[0, completions)` that are in none of the `occupied` sets
 * (upstream `firstPendingIndexes`; the core passes succeeded indexes, active-pod indexes,
 * terminating-pod indexes when only failed pods are replaced, and failed indexes). The sets are
 * merged left to right as upstream merges them, then a single walk skips the occupied
 * intervals. Cost O(total intervals + count), whatever the width of the sets. An
 * {@link InvalidInput} when `count` or `completions` is not an integer or a set not an array of
 * intervals.
 *
 * @function
 * @example firstPendingIndexes(3, 10, [{first:0,last:1}], [{first:3,last:3}]) // [2, 4, 5]
 */
export const firstPendingIndexes: (count: number, completions: number, ...occupied: OrderedIntervals[]) => number[] | InvalidInput = guard(
  'firstPendingIndexes',
  indexes.firstPendingIndexes,
  params(
    [
      ['count', int],
      ['completions', int],
    ],
    ['occupied', s.intervals],
  ),
);

/**
 * The `batch.kubernetes.io/job-index-failure-count` annotation as upstream `getIndexFailureCount`
 * reads it: 0 when missing, not a Go int, negative, or above MaxInt32. A pod without metadata,
 * or whose annotations or annotation value are not strings, gives an {@link InvalidInput}.
 *
 * @function
 */
export const getIndexFailureCount: (pod: Pod) => number | InvalidInput = guard(
  'getIndexFailureCount',
  indexes.getIndexFailureCount,
  params([['pod', s.failureCountPod]]),
);

/**
 * The `batch.kubernetes.io/job-index-ignored-failure-count` annotation, read like
 * {@link getIndexFailureCount} (upstream `parseIndexFailureIgnoreCountAnnotation`).
 *
 * @function
 */
export const getIndexIgnoredFailureCount: (pod: Pod) => number | InvalidInput = guard(
  'getIndexIgnoredFailureCount',
  indexes.getIndexIgnoredFailureCount,
  params([['pod', s.failureCountPod]]),
);

/**
 * Failure count plus ignored-failure count (upstream `getIndexAbsoluteFailureCount`). Upstream
 * sums in int32 and wraps above MaxInt32 (indexed_job_utils.go:423); jobkit does not copy the
 * overflow and returns the true sum (testdata/conformance/known-divergences.json). Checked as
 * {@link getIndexFailureCount}.
 *
 * @function
 */
export const getIndexAbsoluteFailureCount: (pod: Pod) => number | InvalidInput = guard(
  'getIndexAbsoluteFailureCount',
  indexes.getIndexAbsoluteFailureCount,
  params([['pod', s.failureCountPod]]),
);

/**
 * The counters for the pod that replaces `podBeingReplaced` (upstream `getNewIndexFailureCounts`):
 * zeros when nothing is replaced; otherwise the old pod's counters with one failure added, to
 * `failureCount` when `countFailed` (the caller passes `true` when there is no pod failure
 * policy, or the policy's `countFailed` when there is one) and to `ignoredFailureCount` otherwise.
 * Upstream's int32 `++` wraps a count of MaxInt32 to MinInt32 (indexed_job_utils.go:365-370);
 * jobkit does not copy the overflow and counts on (testdata/conformance/known-divergences.json).
 * Arguments of the wrong type give an {@link InvalidInput}.
 *
 * @function
 */
export const newIndexFailureCounts: (podBeingReplaced: Pod | undefined, countFailed: boolean) => IndexFailureCounts | InvalidInput = guard(
  'newIndexFailureCounts',
  indexes.newIndexFailureCounts,
  params([
    ['podBeingReplaced', opt(s.failureCountPod)],
    ['countFailed', bool],
  ]),
);

/**
 * The annotations upstream `addIndexFailureCountAnnotation` writes on a new pod's template: the
 * failure count always, the ignored-failure count only when above zero. An {@link InvalidInput}
 * when the counts are not integers.
 *
 * @function
 */
export const indexFailureCountAnnotations: (counts: IndexFailureCounts) => Record<string, string> | InvalidInput = guard(
  'indexFailureCountAnnotations',
  indexes.indexFailureCountAnnotations,
  params([['counts', obj({ failureCount: int, ignoredFailureCount: int }, 'IndexFailureCounts')]]),
);

/**
 * The `generateName` of a pod for `index` (upstream `podGenerateNameWithIndex`):
 * `<jobName>-<index>-`, with the job name cut so the whole stays within MaxGeneratedNameLength
 * (58). Job names are DNS subdomains, so ASCII: string length equals Go's byte length.
 * An {@link InvalidInput} when `jobName` is not a string or `index` not an integer.
 *
 * @function
 * @example podGenerateNameWithIndex('indexed-job', 1) === 'indexed-job-1-'
 */
export const podGenerateNameWithIndex: (jobName: string, index: number) => string | InvalidInput = guard(
  'podGenerateNameWithIndex',
  indexes.podGenerateNameWithIndex,
  params([
    ['jobName', str],
    ['index', int],
  ]),
);

// ---- backoff -------------------------------------------------------------------------------------

/**
 * The delay owed after `failures` consecutive failures: base doubling, capped at max. An
 * {@link InvalidInput} when `failures` is not an integer or a limit not a finite number.
 *
 * @function
 * @category Backoff
 */
export const backoffDelayMs: (failures: number, limits?: BackoffLimits) => number | InvalidInput = guard(
  'backoffDelayMs',
  backoff.backoffDelayMs,
  params([
    ['failures', int],
    ['limits', optLimits],
  ]),
);

/**
 * The record after this pass's newly finished pods: without new successes, new failures add up
 * and the latest one is the last failure time; with a new success, only failures finishing
 * strictly after the latest new success count. An {@link InvalidInput} when the record or a
 * pod (the fields its finish time is read from) has the wrong type.
 *
 * @function
 * @category Backoff
 */
export const newBackoffRecord: (prev: BackoffRecord | undefined, newSucceeded: readonly Pod[], newFailed: readonly Pod[]) => BackoffRecord | InvalidInput =
  guard(
    'newBackoffRecord',
    backoff.newBackoffRecord,
    params([
      ['prev', opt(s.backoffRecord)],
      ['newSucceeded', s.finishTimePods],
      ['newFailed', s.finishTimePods],
    ]),
  );

/**
 * The record rebuilt from the pods a Job has already counted (finished, tracking finalizer
 * gone), for a controller that has no memory of earlier passes: after a restart, or reading
 * objects from a cluster. Upstream keeps the record in memory only and loses it on restart
 * (kubernetes#114650); counted pods that were deleted since are not seen. An
 * {@link InvalidInput} when `pods` is not a list of pods (finalizers, phase and finish time as
 * read here) or `trackingFinalizer` not a string.
 *
 * @function
 * @category Backoff
 */
export const backoffFromCountedPods: (pods: readonly Pod[], trackingFinalizer?: string) => BackoffRecord | InvalidInput = guard(
  'backoffFromCountedPods',
  backoff.backoffFromCountedPods,
  params([
    ['pods', s.countedPods],
    ['trackingFinalizer', opt(str)],
  ]),
);

/**
 * How long pod creation must still wait for this record (0 when it need not wait). An
 * {@link InvalidInput} when the record or limits have the wrong type or `now` is not a valid Date.
 *
 * @function
 * @category Backoff
 */
export const remainingBackoffMs: (record: BackoffRecord | undefined, now: Date, limits?: BackoffLimits) => number | InvalidInput = guard(
  'remainingBackoffMs',
  backoff.remainingBackoffMs,
  params([
    ['record', opt(s.backoffRecord)],
    ['now', date],
    ['limits', optLimits],
  ]),
);

/**
 * Remaining wait before an index may get a replacement pod (backoffLimitPerIndex), from the
 * index's last failed pod: its failure + ignored-failure annotations + 1 failures, the last at
 * its finish time. No failed pod ⇒ 0. An {@link InvalidInput} when the pod or limits have the
 * wrong type or `now` is not a valid Date.
 *
 * @function
 * @category Backoff
 */
export const remainingBackoffMsPerIndex: (lastFailedPod: Pod | undefined, now: Date, limits?: BackoffLimits) => number | InvalidInput = guard(
  'remainingBackoffMsPerIndex',
  backoff.remainingBackoffMsPerIndex,
  params([
    ['lastFailedPod', opt(s.lastFailedPod)],
    ['now', date],
    ['limits', optLimits],
  ]),
);

/**
 * Remaining wait for `failures` failures, the last at `lastFailureMs` (upstream
 * getRemainingTimeForFailuresCount). An {@link InvalidInput} when `failures` is not an integer,
 * `lastFailureMs` not a finite number, `now` not a valid Date or a limit not a finite number.
 *
 * @function
 * @category Backoff
 */
export const remainingTimeForFailuresMs: (failures: number, lastFailureMs: number, now: Date, limits?: BackoffLimits) => number | InvalidInput = guard(
  'remainingTimeForFailuresMs',
  backoff.remainingTimeForFailuresMs,
  params([
    ['failures', int],
    ['lastFailureMs', num],
    ['now', date],
    ['limits', optLimits],
  ]),
);

/**
 * When a pod finished, in epoch milliseconds: the latest container finish time (app containers,
 * then sidecars, see finishTimeFromContainers); else the PodReady=False transition time;
 * else deletionTimestamp minus the grace period; else the creation time (Go's zero time if unset).
 * An {@link InvalidInput} when a field read here has the wrong type.
 *
 * @function
 * @category Backoff
 */
export const getFinishedTimeMs: (pod: Pod) => number | InvalidInput = guard('getFinishedTimeMs', backoff.getFinishedTimeMs, params([['pod', s.finishTimePod]]));

/**
 * {@link getFinishedTimeMs} as a Date.
 *
 * @function
 * @category Backoff
 */
export const getFinishedTime: (pod: Pod) => Date | InvalidInput = guard('getFinishedTime', backoff.getFinishedTime, params([['pod', s.finishTimePod]]));

// ---- Kubernetes objects --------------------------------------------------------------------------

/**
 * The Job as plain JSON; for a decoded Job it is the input JSON again (nulls and all). An
 * {@link InvalidInput} when `job` does not decode as a Job (the guard decodes it: encoding
 * walks all of it too).
 *
 * @function
 */
export const encodeJob: (job: Job) => JsonObject | InvalidInput = guard('encodeJob', api.encodeJob, decodes(0, 'job', JobCodec, true));

/**
 * The list as plain JSON. An {@link InvalidInput} when `list` does not decode as a JobList.
 *
 * @function
 */
export const encodeJobList: (list: JobList) => JsonObject | InvalidInput = guard('encodeJobList', api.encodeJobList, decodes(0, 'list', JobListCodec, true));

/**
 * The Pod as plain JSON; for a decoded Pod it is the input JSON again. An {@link InvalidInput}
 * when `pod` does not decode as a Pod.
 *
 * @function
 */
export const encodePod: (pod: Pod) => JsonObject | InvalidInput = guard('encodePod', api.encodePod, decodes(0, 'pod', PodCodec, true));

/**
 * The list as plain JSON. An {@link InvalidInput} when `list` does not decode as a PodList.
 *
 * @function
 */
export const encodePodList: (list: PodList) => JsonObject | InvalidInput = guard('encodePodList', api.encodePodList, decodes(0, 'list', PodListCodec, true));

/**
 * Readable lines for io-ts errors, e.g. `spec.completions: expected a non-negative integer, got -1`;
 * at most `limit` lines plus one saying how many were left out. An {@link InvalidInput} when
 * `errors` is not a list of io-ts ValidationErrors (the first `limit` are checked) or `limit`
 * not an integer.
 *
 * @function
 * @category Decoding
 */
export const formatDecodeErrors: (errors: Errors, limit?: number) => string[] | InvalidInput = guard(
  'formatDecodeErrors',
  api.formatDecodeErrors,
  allOf(
    params([
      ['errors', custom('errors', (v) => (Array.isArray(v) ? undefined : mismatch(v, 'an array of io-ts ValidationErrors')))],
      ['limit', opt(int)],
    ]),
    decodeErrorsPrefix,
  ),
);

/**
 * The Job with the API server's defaults applied, as `kubectl apply` would store it: both
 * completions and parallelism 1 when neither is set, else parallelism 1; backoffLimit 6
 * (2^31-1 with backoffLimitPerIndex); completionMode NonIndexed; suspend false; manualSelector
 * false; podReplacementPolicy Failed with a podFailurePolicy, else TerminatingOrFailed
 * (JobPodReplacementPolicy is GA); job labels from the template when the job has none;
 * onPodConditions status "True". Pod template defaults (core/v1 SetDefaults_PodSpec) are not
 * applied. Returns a new object; the input is not changed. An {@link InvalidInput} when a field
 * read here has the wrong type (no metadata or spec, a label that is not a string, ...).
 *
 * @function
 * @example
 * const defaulted = withJobDefaults(job);
 * if (!isInvalidInput(defaulted)) defaulted.spec.backoffLimit // 6 when the manifest had none
 */
export const withJobDefaults: (job: Job) => Job | InvalidInput = guard('withJobDefaults', api.withJobDefaults, params([['job', s.defaultsJob]]));

// ---- MultiKueue ----------------------------------------------------------------------------------

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
 * Bad input (also an `input` that cannot be read) is reported in `violations`, with reason
 * `Invalid: …` and nothing to write.
 *
 * @function
 * @example
 * const r = mirrorStatus({ local, remote, remoteCluster: 'worker-1', record, now: new Date() });
 * if (r.recordChanged) await annotate(local, MirrorRecordAnnotation, encodeMirrorRecord(r.record));
 * if (r.status) await writeStatus({ ...local, status: r.status });
 * if (r.deferred) requeueAfter(2000);
 * @category MultiKueue
 */
export const mirrorStatus: (input: MirrorInput) => MirrorResult = guardInto(
  'mirrorStatus',
  multikueue.mirrorStatus,
  params([['input', readable('local', 'remote', 'remoteCluster', 'record', 'now', 'options')]]),
  (invalid): multikueue.MirrorResult => ({
    record: multikueue.emptyMirrorRecord,
    recordChanged: false,
    deferred: false,
    redispatchAllowed: false,
    reason: `Invalid: ${invalidInputText(invalid)}`,
    violations: invalid.errors.map(asFieldError),
  }),
);

/**
 * The Job to create on a worker for the manager's Job `local`: name, namespace, labels and
 * annotations cloned (minus the mirror record and the manager's uid labels) with
 * {@link MultiKueueOriginLabel} set to `origin`; no uid, resourceVersion, generation,
 * ownerReferences, finalizers, managedFields or creationTimestamp; `spec` deep-copied with
 * `selector`, `manualSelector` and the generated template labels dropped (the worker generates
 * its own), `managedBy` cleared (the worker's built-in controller runs it) and
 * `ttlSecondsAfterFinished` cleared (a worker TTL could delete the finished remote before its
 * final status is copied, kueue #14734); `suspend` is copied. No status.
 *
 * `local` may be a client-node `V1Job` (it is decoded first: `Date` timestamps become RFC 3339
 * text). Something that does not decode as a Job, or an empty `origin`, gives an
 * {@link InvalidInput} naming the fields.
 *
 * @function
 * @example
 * const remote = remoteJobFor(local, { origin: 'manager-1' });
 * // create `remote` on the worker (after isInvalidInput(remote) is false); mirror it back with mirrorStatus
 * @category MultiKueue
 */
export const remoteJobFor: (local: Job, options: RemoteJobOptions) => Job | InvalidInput = guard(
  'remoteJobFor',
  multikueue.remoteJobFor,
  allOf(
    decodes(0, 'local', JobCodec),
    params([
      ['local', any],
      ['options', obj({ origin: nonEmptyStr }, 'RemoteJobOptions')],
    ]),
  ),
);

/**
 * The status that finishes `local` on the manager once the worker that set an interim condition
 * is gone (lost, or its Job deleted): `FailureTarget` becomes `Failed` with the same reason and
 * message; `SuccessCriteriaMet` becomes `Complete` (its reason and message) with
 * `completionTime` = `now` (never before `startTime`). `active`, `terminating` and `ready` go to
 * 0, the uncounted lists are cleared, `startTime` is set if it was not. The result passes
 * `validateJobStatusUpdate(local, { ...local, status })`.
 *
 * Undefined when there is nothing to finish: no interim condition, the Job already finished, or
 * `now` is not a time. An {@link InvalidInput} when `local`'s status (as read here) has the wrong
 * type or `now` is neither a Date nor a string.
 *
 * @function
 * @example
 * const status = finishLocally(local, new Date()); // FailureTarget=True → Failed=True
 * if (status && !isInvalidInput(status)) await writeStatus({ ...local, status });
 * @category MultiKueue
 */
export const finishLocally: (local: Job, now: Date | string) => JobStatus | undefined | InvalidInput = guard(
  'finishLocally',
  multikueue.finishLocally,
  params([
    ['local', s.finishLocallyJob],
    ['now', dateOrString],
  ]),
);

/**
 * The annotation value for `record` (compact JSON, keys in a fixed order). An
 * {@link InvalidInput} when `record` is not a MirrorRecord.
 *
 * @function
 * @category MultiKueue
 */
export const encodeMirrorRecord: (record: MirrorRecord) => string | InvalidInput = guard(
  'encodeMirrorRecord',
  multikueue.encodeMirrorRecord,
  decodes(0, 'record', multikueue.MirrorRecordCodec),
);

/**
 * The record stored on the manager's Job (its {@link MirrorRecordAnnotation}), decoded. A Job
 * without metadata, or whose annotations are not a map, is an error of the result.
 *
 * @function
 * @category MultiKueue
 */
export const mirrorRecordOf: (local: Job) => DecodeResult<MirrorRecord | undefined> = guardInto(
  'mirrorRecordOf',
  multikueue.mirrorRecordOf,
  params([['local', obj({ metadata: obj({ annotations: opt(strMapKeys(multikueue.MirrorRecordAnnotation)) }) }, 'a Job')]]),
  (invalid): api.DecodeResult<multikueue.MirrorRecord | undefined> => ({ ok: false, errors: invalid.errors.map(inputErrorText) }),
);

// ---- the controller loop and the simulator -------------------------------------------------------

/**
 * The Job as stored by the API server after a create: API defaults ({@link withJobDefaults}),
 * name (from `generateName` when needed), namespace, `options.uid`, generation, resourceVersion,
 * creationTimestamp (`options.now`), the generated selector and pod-template labels, an empty
 * status. An {@link InvalidInput} when a field read here has the wrong type or `options` is not
 * `{ uid: string, now: valid Date, generateName?: function }`.
 *
 * @function
 * @example
 * const job = admitJob(decoded.value, { uid, now });
 * if (isInvalidInput(job)) throw new Error(job.errors.map((e) => `${e.field}: ${e.detail}`).join('\n'));
 */
export const admitJob: (input: Job, options: AdmitOptions) => Job | InvalidInput = guard(
  'admitJob',
  loop.admitJob,
  params([
    ['input', s.admittedJob],
    ['options', obj({ uid: str, now: date, generateName: opt(fn) }, 'AdmitOptions')],
  ]),
);

/**
 * Names that look generated but are a pure function of the call order: the n-th call gets a
 * suffix from a fixed permutation of the suffix space, so simulations are reproducible. An
 * {@link InvalidInput} when `seed` is not a non-negative integer. (The generator's methods
 * take the strings they are typed with.)
 *
 * @function
 */
export const deterministicNames: (seed?: number) => NameGenerator | InvalidInput = guard(
  'deterministicNames',
  loop.deterministicNames,
  params([['seed', opt(custom('seed', (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : mismatch(v, 'a non-negative integer'))))]]),
);

/**
 * Runs `input` (as written: API defaults and admission are applied here) in virtual time with
 * `script`'s pod outcomes until it finishes, stalls, or the script's `until` passes. An
 * {@link InvalidInput} when the Job's fields read by admission have the wrong type, `script`
 * is not a Script (make one with {@link parseScript}) or the options have the wrong type; a Job
 * the pass refuses ends the simulation with an `Error` outcome.
 *
 * @function
 * @example
 * const parsed = parseScript({ default: { exitCode: 1 } });
 * if (parsed.ok) simulate(job, parsed.script) // { outcome: { kind: 'Failed', reason: 'BackoffLimitExceeded', ... }, ... } unless isInvalidInput
 */
export const simulate: (input: Job, script: Script, options?: SimulateOptions) => SimulationResult | InvalidInput = guard(
  'simulate',
  sim.simulate,
  params([
    ['input', s.admittedJob],
    ['script', script],
    ['options', opt(simulateOptions)],
  ]),
);

/**
 * Parses a decoded OUTCOMES.yaml document; every problem is reported with its field path (also
 * a field that cannot be read).
 *
 * @function
 */
export const parseScript: (input: unknown) => ScriptResult = guardInto(
  'parseScript',
  sim.parseScript,
  params([['input', readable('default', 'attempts', 'indexes', 'resumeAt', 'until')]]),
  (invalid): sim.ScriptResult => ({
    ok: false,
    errors: invalid.errors.map((e) => ({ field: e.field.replace(/^input\.?/, '') || '<root>', detail: bodyOf(e) })),
  }),
);

/**
 * The real pass and the real status validation, for {@link JobLoop}'s `controller` option:
 * `syncJob` and `applyActions` are the checked ones of this package (same answers on valid
 * input), `validateJobStatusUpdate` takes anything.
 */
export const defaultController: loop.Controller = Object.freeze({
  syncJob,
  applyActions,
  validateJobStatusUpdate: validation.validateJobStatusUpdate,
});
