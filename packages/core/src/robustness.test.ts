// Bad input gets a clear error or a sane pass, never an exception.
import fc from 'fast-check';
import { syncJob } from './syncJob.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

describe('syncJob on malformed input', () => {
  const cases: { name: string; job: unknown; pods: unknown; now?: unknown; error: RegExp }[] = [
    { name: 'no job', job: undefined, pods: [], error: /^job: Required/ },
    { name: 'job without spec', job: { metadata: {} }, pods: [], error: /^job\.spec: Required/ },
    { name: 'pods not a list', job: newJob(), pods: {}, error: /^pods: Invalid/ },
    { name: 'a pod without metadata', job: newJob(), pods: [newPod('a'), {}], error: /^pods\[1\]\.metadata: Required/ },
    { name: 'invalid date', job: newJob(), pods: [], now: new Date('nope'), error: /^now: Invalid/ },
  ];
  test.each(cases)('$name', ({ job, pods, now, error }) => {
    const res = syncJob(job as never, pods as never, (now ?? NOW) as Date);
    expect(res.error).toMatch(error);
    expect(res.actions).toEqual([]);
  });

  test('odd but well-typed values (as decoded JSON) never throw', () => {
    // Types are the codecs' business (@jobkit/api); values are ours: negative, zero, huge,
    // fractional numbers and corrupt strings.
    const num = fc.option(fc.oneof(fc.integer({ min: -3, max: 6 }), fc.constant(2 ** 31), fc.constant(1.5)), { nil: undefined });
    const str = fc.option(fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('0-2', '1,3-x', '-1', '5-3', '99999999999999999999')), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          completionMode: fc.constantFrom(undefined, 'Indexed', 'NonIndexed'),
          completions: num,
          parallelism: num,
          backoffLimit: num,
          backoffLimitPerIndex: num,
          maxFailedIndexes: num,
          activeDeadlineSeconds: num,
          suspend: fc.option(fc.boolean(), { nil: undefined }),
          podReplacementPolicy: fc.constantFrom(undefined, 'Failed', 'TerminatingOrFailed', 'Other'),
          successPolicy: fc.constantFrom(undefined, { rules: [] }, { rules: [{ succeededCount: 1 }] }, { rules: [{ succeededIndexes: '0-x' }] }),
          podFailurePolicy: fc.constantFrom(undefined, { rules: [] }, { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] } }] }),
        }),
        fc.record({
          completedIndexes: str,
          failedIndexes: str,
          startTime: fc.constantFrom(undefined, 'garbage', '2025-12-31T00:00:00Z'),
          succeeded: num,
          failed: num,
          uncountedTerminatedPods: fc.constantFrom(undefined, {}, { succeeded: ['p0', 'p0'], failed: ['p1'] }),
        }),
        fc.array(fc.record({ phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown', ''), index: str, deleted: fc.boolean() }), {
          maxLength: 6,
        }),
        (spec, status, podSpecs) => {
          const job = newJob(spec as never, status as never);
          const pods = podSpecs.map((o, i) => {
            const p = newPod(`p${i}`, { phase: o.phase, ...(o.deleted ? { deleted: '2025-12-31T00:00:00Z' } : {}) });
            return o.index === undefined ? p : { ...p, metadata: { ...p.metadata, annotations: { 'batch.kubernetes.io/job-completion-index': o.index } } };
          });
          const res = syncJob(job, pods, NOW);
          expect(Array.isArray(res.actions)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('syncJob names the field of a wrongly typed input (what Go decoding would refuse)', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const base = {
    metadata: { name: 'j', namespace: 'd', uid: 'u' },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c' }] } },
    },
    status: {},
  };
  const pod = { metadata: { name: 'p', uid: 'p', namespace: 'd' }, spec: {}, status: { phase: 'Running' } };
  const cases: readonly [string, unknown, readonly unknown[], string][] = [
    ['completions as a string', { ...base, spec: { ...base.spec, completions: 'abc' } }, [], 'job.spec.completions: Invalid value: must be a 32-bit integer'],
    ['parallelism as a float', { ...base, spec: { ...base.spec, parallelism: 1.5 } }, [], 'job.spec.parallelism: Invalid value: must be a 32-bit integer'],
    ['suspend as a string', { ...base, spec: { ...base.spec, suspend: 'yes' } }, [], 'job.spec.suspend: Invalid value: must be a boolean'],
    ['startTime not a time', { ...base, status: { startTime: 'yesterday' } }, [], 'job.status.startTime: Invalid value: must be an RFC 3339 time'],
    [
      'uncounted UID not a string',
      { ...base, status: { uncountedTerminatedPods: { failed: [7] } } },
      [],
      'job.status.uncountedTerminatedPods.failed[0]: Invalid value: must be a string',
    ],
    ['conditions not a list', { ...base, status: { conditions: {} } }, [], 'job.status.conditions: Invalid value: must be a list'],
    ['pod phase as a number', base, [{ ...pod, status: { phase: 7 } }], 'pods[0].status.phase: Invalid value: must be a string'],
    [
      'pod finalizers not a list',
      base,
      [{ ...pod, metadata: { ...pod.metadata, finalizers: 'x' } }],
      'pods[0].metadata.finalizers: Invalid value: must be a list',
    ],
    [
      'completions beyond int32',
      { ...base, spec: { ...base.spec, completions: 2 ** 31 } },
      [],
      'job.spec.completions: Invalid value: must be a 32-bit integer',
    ],
    [
      'a null owner reference',
      base,
      [{ ...pod, metadata: { ...pod.metadata, ownerReferences: [null] } }],
      'pods[0].metadata.ownerReferences[0]: Invalid value: must be an object',
    ],
    [
      'an owner reference uid as a number',
      base,
      [{ ...pod, metadata: { ...pod.metadata, ownerReferences: [{ uid: 7 }] } }],
      'pods[0].metadata.ownerReferences[0].uid: Invalid value: must be a string',
    ],
    [
      'a non-string matchLabels value',
      { ...base, spec: { ...base.spec, selector: { matchLabels: { a: null } } } },
      [],
      'job.spec.selector.matchLabels[a]: Invalid value: must be a string',
    ],
    [
      'a null matchExpression',
      { ...base, spec: { ...base.spec, selector: { matchExpressions: [null] } } },
      [],
      'job.spec.selector.matchExpressions[0]: Invalid value: must be an object',
    ],
    [
      'a condition type as a number',
      { ...base, status: { conditions: [{ type: 5, status: 'True' }] } },
      [],
      'job.status.conditions[0].type: Invalid value: must be a string',
    ],
    [
      'a hole in the conditions',
      { ...base, status: { conditions: [, { type: 'Complete' }] } },
      [],
      'job.status.conditions[0]: Invalid value: must be an object',
    ],
    [
      'a null pod failure policy rule',
      { ...base, spec: { ...base.spec, podFailurePolicy: { rules: [null] } } },
      [],
      'job.spec.podFailurePolicy.rules[0]: Invalid value: must be an object',
    ],
    [
      'an exit code as a string',
      { ...base, spec: { ...base.spec, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: ['1'] } }] } } },
      [],
      'job.spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: must be a 32-bit integer',
    ],
    [
      'a template env entry null',
      { ...base, spec: { ...base.spec, template: { spec: { containers: [{ name: 'c', env: [null] }] } } } },
      [],
      'job.spec.template.spec.containers[0].env[0]: Invalid value: must be an object',
    ],
    [
      'a completion index annotation as a number',
      base,
      [{ ...pod, metadata: { ...pod.metadata, annotations: { 'batch.kubernetes.io/job-completion-index': 3 } } }],
      'pods[0].metadata.annotations[batch.kubernetes.io/job-completion-index]: Invalid value: must be a string',
    ],
    [
      'a pod label value as a number',
      base,
      [{ ...pod, metadata: { ...pod.metadata, labels: { a: 1 } } }],
      'pods[0].metadata.labels[a]: Invalid value: must be a string',
    ],
    [
      'a null pod condition',
      base,
      [{ ...pod, status: { phase: 'Running', conditions: [null] } }],
      'pods[0].status.conditions[0]: Invalid value: must be an object',
    ],
    [
      'a restart count as a string',
      base,
      [{ ...pod, status: { phase: 'Running', containerStatuses: [{ restartCount: '1' }] } }],
      'pods[0].status.containerStatuses[0].restartCount: Invalid value: must be a 32-bit integer',
    ],
    [
      'an exit code as a string (pod)',
      base,
      [{ ...pod, status: { phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: '1' } } }] } }],
      'pods[0].status.containerStatuses[0].state.terminated.exitCode: Invalid value: must be a 32-bit integer',
    ],
    [
      'a completedIndexes over the request limit',
      { ...base, status: { completedIndexes: '1,'.repeat(2 ** 21) } },
      [],
      'job.status.completedIndexes: Too long: must have at most 3145728 bytes',
    ],
  ];
  test.each(cases)('%s', (_name, job, pods, error) => {
    const r = syncJob(job as never, pods as never, now);
    expect(r.error).toBe(error);
    expect(r.actions).toEqual([]);
  });
});

describe('syncJob checks every option', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const job = newJob({ parallelism: 3, completions: 3 });
  const cases: readonly [string, unknown, string][] = [
    ['options null', null, 'options: Invalid value: must be an object'],
    ['maxPodCreateDeletePerSync NaN', { maxPodCreateDeletePerSync: NaN }, 'options.maxPodCreateDeletePerSync: Invalid value: must be a positive integer'],
    ['maxPodCreateDeletePerSync -1', { maxPodCreateDeletePerSync: -1 }, 'options.maxPodCreateDeletePerSync: Invalid value: must be a positive integer'],
    ['maxPodCreateDeletePerSync 0', { maxPodCreateDeletePerSync: 0 }, 'options.maxPodCreateDeletePerSync: Invalid value: must be a positive integer'],
    ['maxUncountedPods Infinity', { maxUncountedPods: Infinity }, 'options.maxUncountedPods: Invalid value: must be a positive integer'],
    ['maxUncountedPods 1.5', { maxUncountedPods: 1.5 }, 'options.maxUncountedPods: Invalid value: must be a positive integer'],
    ['expectationsSatisfied as a string', { expectationsSatisfied: 'false' }, 'options.expectationsSatisfied: Invalid value: must be a boolean'],
    ['finalizerRemovalsPending not a list', { finalizerRemovalsPending: 'uid' }, 'options.finalizerRemovalsPending: Invalid value: must be a list'],
    ['finalizerRemovalsPending with a number', { finalizerRemovalsPending: ['a', 1] }, 'options.finalizerRemovalsPending[1]: Invalid value: must be a string'],
    ['backoff not an object', { backoff: 5 }, 'options.backoff: Invalid value: must be an object'],
    [
      'backoff count as a string',
      { backoff: { failuresAfterLastSuccess: '1' } },
      'options.backoff.failuresAfterLastSuccess: Invalid value: must be an integer',
    ],
    [
      'backoff time unparsable',
      { backoff: { failuresAfterLastSuccess: 1, lastFailureTime: 'soon' } },
      'options.backoff.lastFailureTime: Invalid value: must be an RFC 3339 time',
    ],
  ];
  test.each(cases)('%s', (_name, options, error) => {
    const r = syncJob(job, [], now, options as never);
    expect(r.error).toBe(error);
    expect(r.actions).toEqual([]);
  });
  test('valid options pass', () => {
    const r = syncJob(job, [], now, {
      maxPodCreateDeletePerSync: 2,
      maxUncountedPods: 1,
      expectationsSatisfied: true,
      finalizerRemovalsPending: [],
      backoff: { failuresAfterLastSuccess: 0 },
    });
    expect(r.error).toBeUndefined();
    expect(r.actions.filter((a) => a.type === 'CreatePod')).toHaveLength(2);
  });
});
