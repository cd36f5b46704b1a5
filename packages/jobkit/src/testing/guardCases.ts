// Test support: every function of the `jobkit` surface with real arguments, for the guard tests
// (guarded.test.ts: each probe in each position, valid input answered as the building block
// answers it) and the hostile-input property (hostile.property.test.ts: every export covered).
import * as api from '@jobkit/api';
import * as backoff from '@jobkit/backoff';
import * as core from '@jobkit/core';
import * as indexes from '@jobkit/indexes';
import * as loop from '@jobkit/loop';
import * as multikueue from '@jobkit/multikueue';
import * as policy from '@jobkit/policy';
import * as sim from '@jobkit/sim';
import * as validation from '@jobkit/validation';
import * as jobkit from '../index.js';
import { isInvalidInput, type Job, type Pod } from '../index.js';
import { job, pod, T0 } from './builders.js';

/** The values every argument position is probed with. */
export const probes = {
  null: () => null,
  undefined: () => undefined,
  '{}': () => ({}),
  "'x'": () => 'x',
  NaN: () => NaN,
  '-1': () => -1,
  '[null]': () => [null],
  '{metadata:null,spec:5}': () => ({ metadata: null, spec: 5 }),
  'a throwing Proxy': () =>
    new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    ),
} as const;
export type ProbeName = keyof typeof probes;

/** A parameter: its name (the root of the errors' field paths) and the probes of its type. */
export type ParamCase = readonly [name: string, ...accepts: ProbeName[]];

export interface GuardCase {
  readonly name: string;
  /** The building block the export guards. */
  readonly block: (...args: never[]) => unknown;
  readonly params: readonly ParamCase[];
  /** Real argument lists, the first also the base of the probes. */
  readonly valid: readonly (readonly unknown[])[];
  /** For a function that answers bad input in an error of its own: that error's text, or undefined. */
  readonly channel?: (r: never) => string | undefined;
  /** What the error of a bad argument starts with (default: the parameter's name). */
  readonly names?: RegExp;
  /** What is compared of an answer (default: all of it). */
  readonly view?: (r: never) => unknown;
}

// ---- fixtures -----------------------------------------------------------------------------------

export const NOW = new Date('2026-01-01T00:10:00Z');

const pfp = {
  rules: [
    { action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'In', values: [42] } },
    { action: 'FailIndex', onExitCodes: { operator: 'NotIn', values: [0, 42] } },
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
  ],
};
export const indexedJob: Job = job(
  {
    completionMode: 'Indexed',
    completions: 4,
    parallelism: 2,
    backoffLimitPerIndex: 1,
    maxFailedIndexes: 2,
    podFailurePolicy: pfp,
    successPolicy: { rules: [{ succeededIndexes: '0-2', succeededCount: 2 }] },
  },
  { startTime: T0, active: 1, succeeded: 1, failed: 1, ready: 0, terminating: 0, completedIndexes: '0', failedIndexes: '3' },
);
export const plainJob: Job = job({ completions: 3, parallelism: 2, podReplacementPolicy: 'Failed' });
const finishedJob: Job = job(
  { completions: 1, parallelism: 1, ttlSecondsAfterFinished: 100 },
  { startTime: T0, succeeded: 1, completionTime: T0, conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: T0 }] },
);
const interimJob: Job = job(
  { completions: 1, parallelism: 1, managedBy: 'kueue.x-k8s.io/multikueue' },
  {
    startTime: T0,
    failed: 1,
    conditions: [{ type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'too many', lastTransitionTime: T0 }],
  },
);
const manifest = {
  metadata: { name: 'pi', namespace: 'default', labels: { app: 'pi' } },
  spec: {
    completions: 2,
    parallelism: 2,
    podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    template: { metadata: { labels: { app: 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } },
  },
} as unknown as Job;
const generated = {
  metadata: { generateName: 'pi-' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } },
} as unknown as Job;

export const pods: readonly Pod[] = [
  pod('p0', { phase: 'Succeeded', index: 0 }),
  pod('p1', { phase: 'Failed', index: 1, exitCode: 42, failureCount: 0 }),
  pod('p2', { phase: 'Failed', index: 2, exitCode: 3, failureCount: 1, finishedAt: '2026-01-01T00:05:00Z' }),
  pod('p3', { phase: 'Failed', index: 1, disruption: true, deletedAt: T0 }),
  pod('p4', { phase: 'Running', index: 3, ready: true, restarts: 2 }),
  pod('p5', { phase: 'Pending', finalizer: false }),
  pod('p6', { phase: 'Succeeded', index: 2, finalizer: false, finishedAt: '2026-01-01T00:02:00Z' }),
];
const ignoredPod: Pod = {
  ...pods[1]!,
  metadata: { ...pods[1]!.metadata, annotations: { ...pods[1]!.metadata.annotations, [api.JobIndexIgnoredFailureCountAnnotation]: '2' } },
};
const allPods: readonly Pod[] = [...pods, ignoredPod];

const sets: readonly indexes.OrderedIntervals[] = [
  [],
  [{ first: 0, last: 0 }],
  [
    { first: 0, last: 1 },
    { first: 4, last: 4 },
  ],
  indexes.parseIndexesFromString('1,3-5,7,9-20', 30),
  indexes.parseIndexesFromString('0-99999999', 1e8),
];
const record: backoff.BackoffRecord = { failuresAfterLastSuccess: 2, lastFailureTime: '2026-01-01T00:09:00Z' };
const limits: backoff.BackoffLimits = { baseMs: 1000, maxMs: 8000 };
const badDecode = api.decodeJob({ metadata: { name: 5 }, spec: { completions: 'x', template: 7 } });
const decodeErrors = badDecode._tag === 'Left' ? badDecode.left : [];
function scriptOf(doc: unknown): sim.Script {
  const r = sim.parseScript(doc);
  if (!r.ok) throw new Error(`bad script: ${JSON.stringify(r.errors)}`);
  return r.script;
}
const script = scriptOf({ default: { exitCode: 0, duration: '5s' }, attempts: [{ exitCode: 1 }], indexes: { 1: [{ exitCode: 2 }] } });
function decoded<T>(r: api.DecodeResult<T>): T {
  if (!r.ok) throw new Error(`bad fixture: ${r.errors.join('; ')}`);
  return r.value;
}
const mirrored = multikueue.mirrorStatus({ local: interimJob, now: NOW });
const syncActions = core.syncJob(indexedJob, pods, NOW).actions;
/** A pure generateName, so that the block and the guard see the same names. */
const applyOpts = (): core.ApplyOptions => ({ now: NOW, generateName: (p) => `${p}x`, generateUid: (n) => `uid-${n}` });

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
const noOptions = ['undefined', '{}', '{metadata:null,spec:5}'] as const;
const errorText = (r: { error?: string }): string | undefined => r.error;

// ---- the guarded functions ------------------------------------------------------------------------

export const guardCases: readonly GuardCase[] = [
  {
    name: 'syncJob',
    block: core.syncJob,
    params: [['job'], ['pods'], ['now'], ['options', ...noOptions]],
    valid: [
      [indexedJob, pods, NOW],
      [plainJob, [], NOW, {}],
      [plainJob, pods.slice(4), NOW, { backoff: record, explain: true }],
      [finishedJob, pods.slice(0, 1), NOW],
    ],
    channel: errorText,
  },
  {
    name: 'applyActions',
    block: core.applyActions,
    params: [['state'], ['actions'], ['opts']],
    valid: [
      [{ job: indexedJob, pods }, syncActions, applyOpts()],
      [{ job: plainJob, pods: [] }, core.syncJob(plainJob, [], NOW).actions, applyOpts()],
    ],
    channel: errorText,
  },
  {
    name: 'orphanPodActions',
    block: core.orphanPodActions,
    params: [['job', 'null', 'undefined'], ['pods'], ['options', ...noOptions, '[null]']],
    valid: [
      [finishedJob, pods],
      [undefined, pods],
      [indexedJob, pods, { controllerName: 'example.com/x' }],
    ],
    channel: errorText,
  },
  {
    name: 'generatedNameBase',
    block: core.generatedNameBase,
    params: [['generateName', "'x'"]],
    valid: [['pi-'], ['x'.repeat(70)], ['']],
  },
  {
    name: 'errorBody',
    block: validation.errorBody,
    params: [['e']],
    valid: [
      [{ type: 'FieldValueInvalid', field: 'spec.completions', detail: 'must be greater than or equal to 0', value: -1 }],
      [{ type: 'FieldValueRequired', detail: '' }],
    ],
  },
  {
    name: 'formatFieldError',
    block: validation.formatFieldError,
    params: [['e']],
    valid: [
      [{ type: 'FieldValueInvalid', field: 'spec.completions', detail: 'must be greater than or equal to 0', value: -1 }],
      [{ type: 'FieldValueRequired', field: '', detail: 'x' }],
    ],
  },
  {
    name: 'ttlAfterFinished',
    block: core.ttlAfterFinished,
    params: [['job'], ['now']],
    valid: [
      [finishedJob, NOW],
      [finishedJob, new Date('2026-01-01T00:00:30Z')],
      [indexedJob, NOW],
    ],
    channel: (r: core.TtlDecision) => (r.kind === 'error' ? r.message : undefined),
  },
  {
    name: 'getUpdateValidationOptions',
    block: validation.getUpdateValidationOptions,
    params: [
      ['oldJob', ...(Object.keys(probes) as ProbeName[])],
      ['gates', ...noOptions],
    ],
    valid: [[indexedJob], [plainJob, { MutablePodResourcesForSuspendedJobs: false }], [{ ...plainJob, spec: { ...plainJob.spec, suspend: true } }, {}]],
  },
  {
    name: 'managedByErrors',
    block: validation.managedByErrors,
    params: [['value', "'x'"]],
    valid: [['example.com/x'], [''], ['kubernetes.io/job-controller'], ['x'.repeat(70)]],
    channel: (r: string[]) => (r.length > 0 ? r.join('; ') : undefined),
    names: /^(Invalid value|Required value)/,
  },
  {
    name: 'matchPodFailurePolicy',
    block: policy.matchPodFailurePolicy,
    params: [['podFailurePolicy', 'null', 'undefined'], ['pod']],
    valid: cross([pfp, undefined, { rules: [] }], allPods),
  },
  {
    name: 'matchSuccessPolicy',
    block: policy.matchSuccessPolicy,
    params: [
      ['successPolicy', 'null', 'undefined'],
      ['completions', '-1'],
      ['succeededIndexes', "'x'"],
    ],
    valid: [
      [{ rules: [{ succeededIndexes: '0-2' }] }, 10, '0-2,4-7'],
      [{ rules: [{ succeededCount: 3 }] }, 10, '0,5'],
      [undefined, 4, '0-3'],
    ],
  },
  {
    name: 'isPodFailed',
    block: policy.isPodFailed,
    params: [['pod'], ['onlyReplaceFailed']],
    valid: cross(allPods, [true, false]),
  },
  {
    name: 'onlyReplaceFailedPods',
    block: policy.onlyReplaceFailedPods,
    params: [['spec', ...noOptions]],
    valid: [[plainJob.spec], [indexedJob.spec], [undefined]],
  },
  {
    name: 'isIndexFailed',
    block: policy.isIndexFailed,
    params: [['job'], ['pod']],
    valid: cross([indexedJob, plainJob], allPods),
  },
  {
    name: 'getNewIndexFailureCounts',
    block: policy.getNewIndexFailureCounts,
    params: [['job'], ['podBeingReplaced', 'null', 'undefined']],
    valid: cross([indexedJob, plainJob], [...allPods, undefined, null]),
  },
  {
    name: 'getCompletionIndex',
    block: indexes.getCompletionIndex,
    params: [['pod']],
    valid: allPods.map((p) => [p]),
  },
  {
    name: 'isValidCompletionIndex',
    block: indexes.isValidCompletionIndex,
    params: [
      ['index', '-1'],
      ['completions', '-1'],
    ],
    valid: cross([-1, 0, 3, 4], [0, 4]),
  },
  { name: 'formatIntervals', block: indexes.formatIntervals, params: [['set']], valid: sets.map((s) => [s]) },
  {
    name: 'intervalsFromIndexes',
    block: indexes.intervalsFromIndexes,
    params: [['indexes']],
    valid: [[[5, 1, 2, 2, 0, -1]], [new Set([3, 1, 2])], [[]], [Float64Array.from([4, 4, 9])], [{ length: 2, 0: 7, 1: 6 }]],
  },
  { name: 'mergeIntervals', block: indexes.mergeIntervals, params: [['a'], ['b']], valid: cross(sets, sets) },
  { name: 'countIndexes', block: indexes.countIndexes, params: [['set']], valid: sets.map((s) => [s]) },
  {
    name: 'hasIndex',
    block: indexes.hasIndex,
    params: [['set'], ['i', '-1']],
    valid: cross(sets, [-1, 0, 1, 4, 8, 99999999, 1e8]),
  },
  {
    name: 'firstPendingIndexes',
    block: indexes.firstPendingIndexes,
    params: [['count', '-1'], ['completions', '-1'], ['occupied[0]'], ['occupied[1]']],
    valid: [
      [2, 5, sets[2], sets[1]],
      [3, 10],
      [4, 30, sets[3], sets[2], sets[1]],
      [0, 3, sets[0], sets[0]],
    ],
  },
  { name: 'getIndexFailureCount', block: indexes.getIndexFailureCount, params: [['pod']], valid: allPods.map((p) => [p]) },
  { name: 'getIndexIgnoredFailureCount', block: indexes.getIndexIgnoredFailureCount, params: [['pod']], valid: allPods.map((p) => [p]) },
  { name: 'getIndexAbsoluteFailureCount', block: indexes.getIndexAbsoluteFailureCount, params: [['pod']], valid: allPods.map((p) => [p]) },
  {
    name: 'newIndexFailureCounts',
    block: indexes.newIndexFailureCounts,
    params: [['podBeingReplaced', 'undefined'], ['countFailed']],
    valid: cross([...allPods, undefined], [true, false]),
  },
  {
    name: 'indexFailureCountAnnotations',
    block: indexes.indexFailureCountAnnotations,
    params: [['counts']],
    valid: [[{ failureCount: 0, ignoredFailureCount: 0 }], [{ failureCount: 3, ignoredFailureCount: 2 }]],
  },
  {
    name: 'podGenerateNameWithIndex',
    block: indexes.podGenerateNameWithIndex,
    params: [
      ['jobName', "'x'"],
      ['index', '-1'],
    ],
    valid: [
      ['indexed-job', 1],
      ['x'.repeat(70), 12345],
    ],
  },
  {
    name: 'backoffDelayMs',
    block: backoff.backoffDelayMs,
    params: [
      ['failures', '-1'],
      ['limits', ...noOptions],
    ],
    valid: cross([0, 1, 2, 10, 100], [undefined, limits]),
  },
  {
    name: 'newBackoffRecord',
    block: backoff.newBackoffRecord,
    params: [['prev', 'undefined'], ['newSucceeded'], ['newFailed']],
    valid: [
      [record, pods.slice(0, 1), pods.slice(1, 3)],
      [undefined, [], pods.slice(1, 4)],
      [record, [], []],
      [record, pods.slice(0, 1), []],
    ],
  },
  {
    name: 'backoffFromCountedPods',
    block: backoff.backoffFromCountedPods,
    params: [['pods'], ['trackingFinalizer', 'undefined', "'x'"]],
    valid: [[pods], [pods, 'example.com/tracking'], [[]]],
  },
  {
    name: 'remainingBackoffMs',
    block: backoff.remainingBackoffMs,
    params: [['record', 'undefined'], ['now'], ['limits', ...noOptions]],
    valid: [
      [record, NOW],
      [record, NOW, limits],
      [undefined, NOW],
      [backoff.emptyBackoffRecord, NOW],
    ],
  },
  {
    name: 'remainingBackoffMsPerIndex',
    block: backoff.remainingBackoffMsPerIndex,
    params: [['lastFailedPod', 'undefined'], ['now'], ['limits', ...noOptions]],
    valid: [...allPods.map((p) => [p, NOW]), [pods[2], NOW, limits], [undefined, NOW]],
  },
  {
    name: 'remainingTimeForFailuresMs',
    block: backoff.remainingTimeForFailuresMs,
    params: [['failures', '-1'], ['lastFailureMs', '-1'], ['now'], ['limits', ...noOptions]],
    valid: [
      [2, NOW.getTime() - 5000, NOW],
      [0, 0, NOW],
      [3, NOW.getTime(), NOW, limits],
    ],
  },
  { name: 'getFinishedTimeMs', block: backoff.getFinishedTimeMs, params: [['pod']], valid: allPods.map((p) => [p]) },
  { name: 'getFinishedTime', block: backoff.getFinishedTime, params: [['pod']], valid: allPods.map((p) => [p]) },
  {
    name: 'encodeJob',
    block: api.encodeJob,
    params: [['job', '{}']],
    // The last one decoded from JSON with nulls: encoding gives them back.
    valid: [
      [indexedJob],
      [manifest],
      [decoded(api.parseJob({ metadata: { name: 'n', labels: null }, spec: { template: { metadata: { creationTimestamp: null } } } }))],
    ],
  },
  { name: 'encodeJobList', block: api.encodeJobList, params: [['list', '{}']], valid: [[{ items: [indexedJob, plainJob] }], [{ items: [] }]] },
  {
    name: 'encodePod',
    block: api.encodePod,
    params: [['pod', '{}']],
    valid: [...pods.map((p) => [p]), [decoded(api.parsePod({ metadata: { name: 'x', finalizers: null }, status: null }))]],
  },
  { name: 'encodePodList', block: api.encodePodList, params: [['list', '{}']], valid: [[{ items: pods }], [{ kind: 'List', items: [] }]] },
  {
    name: 'formatDecodeErrors',
    block: api.formatDecodeErrors,
    params: [['errors'], ['limit', 'undefined', '-1']],
    valid: [[decodeErrors], [decodeErrors, 1], [decodeErrors, 0], [[]]],
  },
  { name: 'withJobDefaults', block: api.withJobDefaults, params: [['job']], valid: [[manifest], [indexedJob], [generated], [finishedJob]] },
  {
    name: 'mirrorStatus',
    block: multikueue.mirrorStatus,
    params: [['input']],
    valid: [
      [{ local: interimJob, now: NOW }],
      [{ local: interimJob, remote: indexedJob, remoteCluster: 'worker-1', record: mirrored.record, now: T0 }],
      [{ local: indexedJob, remote: plainJob, remoteCluster: 'w', now: NOW }],
    ],
    channel: (r: multikueue.MirrorResult) => (r.violations.length > 0 ? r.violations.map((v) => `${v.field}: ${v.detail}`).join('; ') : undefined),
    names: /^(input|local|remote|now|record|options)\b/,
  },
  {
    name: 'remoteJobFor',
    block: multikueue.remoteJobFor,
    params: [['local', '{}'], ['options']],
    valid: [
      [interimJob, { origin: 'manager-1' }],
      [indexedJob, { origin: 'm' }],
    ],
  },
  {
    name: 'finishLocally',
    block: multikueue.finishLocally,
    params: [
      ['local', '{}', '{metadata:null,spec:5}'],
      ['now', "'x'"],
    ],
    valid: [
      [interimJob, NOW],
      [interimJob, '2026-01-01T00:20:00Z'],
      [interimJob, new Date(NaN)],
      [finishedJob, NOW],
    ],
  },
  {
    name: 'encodeMirrorRecord',
    block: multikueue.encodeMirrorRecord,
    params: [['record']],
    valid: [
      [multikueue.emptyMirrorRecord],
      [mirrored.record],
      [{ cluster: 'w', remoteUid: 'u', dispatches: 2, baseline: { succeeded: 1, failed: 2, completedIndexes: '0' } }],
    ],
  },
  {
    name: 'mirrorRecordOf',
    block: multikueue.mirrorRecordOf,
    params: [['local']],
    valid: [
      [interimJob],
      [
        {
          ...interimJob,
          metadata: { ...interimJob.metadata, annotations: { [multikueue.MirrorRecordAnnotation]: multikueue.encodeMirrorRecord(mirrored.record) } },
        },
      ],
      [{ ...interimJob, metadata: { ...interimJob.metadata, annotations: { [multikueue.MirrorRecordAnnotation]: '{' } } }],
    ],
    channel: (r: api.DecodeResult<unknown>) => (r.ok ? undefined : r.errors.join('; ')),
  },
  {
    name: 'admitJob',
    block: loop.admitJob,
    params: [['input'], ['options']],
    valid: [
      [manifest, { uid: 'u-1', now: NOW }],
      [generated, { uid: 'u-2', now: NOW, generateName: (p: string) => `${p}abcde` }],
      [indexedJob, { uid: 'u-3', now: new Date(T0) }],
    ],
  },
  {
    name: 'deterministicNames',
    block: loop.deterministicNames,
    params: [['seed', 'undefined']],
    valid: [[], [0], [7]],
    view: (r: loop.NameGenerator) => (isInvalidInput(r) ? r : [r.generateName('pi-'), r.generateName('x'.repeat(70)), r.generateUid('job')]),
  },
  {
    name: 'simulate',
    block: sim.simulate,
    params: [['input'], ['script'], ['options', ...noOptions]],
    valid: [
      [manifest, script],
      [api.withJobDefaults(newIndexed()), script, { maxSyncs: 50 }],
      [manifest, scriptOf({ default: { exitCode: 1 } })],
    ],
  },
  {
    name: 'parseScript',
    block: sim.parseScript,
    params: [['input', 'null', 'undefined', '{}']],
    valid: [[{ default: { exitCode: 1 } }], [{ attempts: [{ exitCode: 2 }], until: '1h' }], [{ bogus: 1 }]],
    channel: (r: sim.ScriptResult) => (r.ok ? undefined : r.errors.map((e) => `${e.field}: ${e.detail}`).join('; ')),
    names: /^[<\w]/,
  },
];

function newIndexed(): Job {
  return { ...manifest, metadata: { name: 'ix', namespace: 'default' }, spec: { ...manifest.spec, completionMode: 'Indexed', completions: 3, parallelism: 3 } };
}

// ---- the functions that take anything ---------------------------------------------------------------

/**
 * The functions exported unguarded because no argument makes them throw: they take `unknown`
 * (validators, decoders) or read their arguments defensively by design, answering bad input in
 * their result. The hostile-input property checks that claim. Each with its real arguments.
 */
export const totalCases: Readonly<Record<string, { readonly why: string; readonly valid: readonly unknown[] }>> = {
  validateJob: { why: 'takes unknown: bad input is a FieldError', valid: [indexedJob] },
  validateJobUpdate: { why: 'takes unknown: bad input is a FieldError', valid: [indexedJob, indexedJob] },
  validateJobStatusUpdate: { why: 'takes unknown: bad input is a FieldError', valid: [indexedJob, indexedJob] },
  getStatusValidationOptions: { why: 'takes unknown (reads what it can)', valid: [indexedJob, indexedJob] },
  decodeJob: { why: 'takes unknown: a Left', valid: [indexedJob] },
  decodeJobList: { why: 'takes unknown: a Left', valid: [{ items: [indexedJob] }] },
  decodePod: { why: 'takes unknown: a Left', valid: [pods[0]] },
  decodePodList: { why: 'takes unknown: a Left', valid: [{ items: pods }] },
  parseJob: { why: 'takes unknown: ok false', valid: [indexedJob] },
  parseJobList: { why: 'takes unknown: ok false', valid: [{ items: [indexedJob] }] },
  parsePod: { why: 'takes unknown: ok false', valid: [pods[0]] },
  parsePodList: { why: 'takes unknown: ok false', valid: [{ items: pods }] },
  parseIndexesFromString: { why: "upstream's lenient parser: what is not a string or not a count reads as the empty set", valid: ['0-2,4', 5] },
  parseIndexesStrict: { why: "the API server's parser: bad input is ok false", valid: ['0-2,4', 5] },
  parseIndexIntervalStrict: { why: "the API server's parser: bad input is ok false", valid: ['0-2', 5] },
  failedIndexesOverlapCompleted: { why: 'validation: what does not parse does not overlap', valid: ['0-2', '2,5', 10] },
  trackingFinalizerFor: { why: 'compares its argument with a constant', valid: ['example.com/x'] },
  unknownJobFields: { why: 'takes unknown: walks what it can read, a throwing getter ends the walk', valid: [indexedJob] },
  decodeMirrorRecord: { why: 'a decoder: bad input is ok false', valid: [multikueue.encodeMirrorRecord(mirrored.record)] },
  isInvalidInput: { why: 'a type guard over unknown', valid: [jobkit.generatedNameBase(5 as never)] },
};

/**
 * Exports that are neither: classes (a constructor cannot answer with an InvalidInput, and they
 * run the caller's callbacks), kept as the building blocks define them.
 */
export const trustedExports: Readonly<Record<string, string>> = {
  JobLoop: 'a class: trusts its constructor arguments and runs the caller-supplied controller, scheduler and runtime',
  VirtualScheduler: 'a class: trusts its start time and runs the tasks it is given',
};
