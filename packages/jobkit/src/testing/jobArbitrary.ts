// Test support: fast-check generators of Jobs the API server would accept (batch/v1 Job after
// SetDefaults_Job, passing ValidateJob), covering the spec fields that steer the Job controller.
import fc from 'fast-check';
import {
  ControllerUidLabel,
  JobNameLabel,
  LegacyControllerUidLabel,
  LegacyJobNameLabel,
  validateJob,
  type Job,
  type JobSpec,
  type PodFailurePolicyRule,
  type SuccessPolicyRule,
} from '../index.js';
// The building block, not jobkit's checked withJobDefaults: these Jobs are valid by construction.
import { withJobDefaults } from '@jobkit/api';

export const JobName = 'job';
export const JobUid = 'job-uid';
export const JobNamespace = 'ns';
export const ContainerName = 'c';

/** Exit codes the fake kubelet reports for failed containers; the policies below match on them. */
export const FailureExitCodes = [1, 2, 3, 42, 137] as const;

const labels = {
  [ControllerUidLabel]: JobUid,
  [JobNameLabel]: JobName,
  [LegacyControllerUidLabel]: JobUid,
  [LegacyJobNameLabel]: JobName,
};

/** A Job as a user would write it plus the generated selector and labels, not yet defaulted. */
export function newJob(spec: Omit<JobSpec, 'template' | 'selector'> & { restartPolicy?: string }, createdAt: string): Job {
  const { restartPolicy, ...rest } = spec;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: JobName, namespace: JobNamespace, uid: JobUid, resourceVersion: '1', creationTimestamp: createdAt },
    spec: {
      ...rest,
      selector: { matchLabels: { [ControllerUidLabel]: JobUid } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: ContainerName, image: 'busybox' }], restartPolicy: restartPolicy ?? 'Never' },
      },
    },
    status: {},
  };
}

/** `a` with weight `some`, undefined (field unset) with weight `none`. */
const opt = <T>(a: fc.Arbitrary<T>, some = 1, none = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: a, weight: some }, { arbitrary: fc.constant(undefined), weight: none });

/** Sorted, duplicate-free exit codes (validation demands ordered values). */
const exitCodes = (pool: readonly number[]): fc.Arbitrary<number[]> => fc.subarray([...pool], { minLength: 1 }).map((xs) => [...xs].sort((a, b) => a - b));

function pfpRule(actions: readonly string[]): fc.Arbitrary<PodFailurePolicyRule> {
  const onExitCodes = fc.record({
    containerName: opt(fc.constant(ContainerName)),
    op: fc.constantFrom('In', 'NotIn'),
    inValues: exitCodes(FailureExitCodes),
    notInValues: exitCodes([0, ...FailureExitCodes]),
  });
  const onPodConditions = fc.constantFrom<'True' | 'False' | undefined>(undefined, 'True', 'True', 'False');
  return fc
    .record({
      action: fc.constantFrom(...actions),
      exit: fc.boolean(),
      onExitCodes,
      conditionStatus: onPodConditions,
    })
    .map(({ action, exit, onExitCodes: e, conditionStatus }) =>
      exit
        ? {
            action,
            onExitCodes: {
              ...(e.containerName !== undefined ? { containerName: e.containerName } : {}),
              operator: e.op,
              values: e.op === 'In' ? e.inValues : e.notInValues,
            },
          }
        : { action, onPodConditions: [{ type: 'DisruptionTarget', ...(conditionStatus !== undefined ? { status: conditionStatus } : {}) }] },
    );
}

function successPolicyRule(completions: number): fc.Arbitrary<SuccessPolicyRule> {
  return fc
    .record({
      from: fc.integer({ min: 0, max: completions - 1 }),
      len: fc.integer({ min: 1, max: completions }),
      withIndexes: fc.boolean(),
      count: opt(fc.integer({ min: 1, max: completions })),
    })
    .map(({ from, len, withIndexes, count }) => {
      const last = Math.min(completions - 1, from + len - 1);
      const total = last - from + 1;
      if (!withIndexes) return { succeededCount: count ?? 1 };
      const succeededIndexes = last === from ? `${from}` : `${from}-${last}`;
      return count !== undefined ? { succeededIndexes, succeededCount: Math.min(count, total) } : { succeededIndexes };
    });
}

interface Knobs {
  readonly indexed: boolean;
  readonly completions: number | undefined;
  readonly parallelism: number | undefined;
  readonly backoffLimit: number | undefined;
  readonly restartPolicy: 'Never' | 'OnFailure';
  readonly backoffLimitPerIndex: number | undefined;
  readonly maxFailedIndexes: number | undefined;
  readonly withPodFailurePolicy: boolean;
  readonly podReplacementPolicy: 'Failed' | 'TerminatingOrFailed' | undefined;
  readonly suspend: boolean | undefined;
  readonly activeDeadlineSeconds: number | undefined;
}

/** Size limits of generated Jobs (small by default: most behaviour shows with a few pods). */
export interface JobSize {
  readonly maxCompletions: number;
  readonly maxParallelism: number;
}

const knobs = (size: JobSize): fc.Arbitrary<Knobs> =>
  fc
    .record({
      indexed: fc.boolean(),
      completions: opt(fc.integer({ min: 0, max: size.maxCompletions }), 3, 1),
      parallelism: opt(fc.integer({ min: 0, max: size.maxParallelism }), 3, 1),
      backoffLimit: opt(fc.integer({ min: 0, max: 4 }), 3, 1),
      restartPolicy: fc.constantFrom<'Never' | 'OnFailure'>('Never', 'Never', 'OnFailure'),
      backoffLimitPerIndex: opt(fc.integer({ min: 0, max: 2 })),
      maxFailedIndexes: opt(fc.integer({ min: 0, max: 3 })),
      withPodFailurePolicy: fc.boolean(),
      podReplacementPolicy: opt(fc.constantFrom<'Failed' | 'TerminatingOrFailed'>('Failed', 'TerminatingOrFailed')),
      suspend: opt(fc.boolean(), 2, 1),
      activeDeadlineSeconds: opt(fc.constantFrom(1, 30, 100, 1000), 1, 3),
    })
    .map((k) => {
      // Only Indexed Jobs take per-index limits; podFailurePolicy needs restartPolicy Never.
      const indexed = k.indexed;
      const completions = indexed ? (k.completions ?? 3) : k.completions;
      const blpi = indexed ? k.backoffLimitPerIndex : undefined;
      const mfi = blpi !== undefined && k.maxFailedIndexes !== undefined ? Math.min(k.maxFailedIndexes, completions ?? 0) : undefined;
      const withPfp = k.withPodFailurePolicy && k.restartPolicy === 'Never';
      const prp = withPfp && k.podReplacementPolicy !== undefined ? 'Failed' : k.podReplacementPolicy;
      return { ...k, completions, backoffLimitPerIndex: blpi, maxFailedIndexes: mfi, withPodFailurePolicy: withPfp, podReplacementPolicy: prp };
    });

/** The spec fields beyond the knobs: policies whose shape depends on them. */
function specOf(k: Knobs): fc.Arbitrary<Omit<JobSpec, 'template' | 'selector'> & { restartPolicy?: string }> {
  const actions = k.backoffLimitPerIndex !== undefined ? ['FailJob', 'Ignore', 'Count', 'FailIndex'] : ['FailJob', 'Ignore', 'Count'];
  const pfp = k.withPodFailurePolicy ? fc.array(pfpRule(actions), { minLength: 1, maxLength: 3 }).map((rules) => ({ rules })) : fc.constant(undefined);
  const sp =
    k.indexed && k.completions !== undefined && k.completions > 0
      ? opt(fc.array(successPolicyRule(k.completions), { minLength: 1, maxLength: 2 }).map((rules) => ({ rules })))
      : fc.constant(undefined);
  return fc.tuple(pfp, sp).map(([podFailurePolicy, successPolicy]) => {
    const spec: Record<string, unknown> = { restartPolicy: k.restartPolicy };
    const set = (name: string, v: unknown): void => {
      if (v !== undefined) spec[name] = v;
    };
    set('completionMode', k.indexed ? 'Indexed' : 'NonIndexed');
    set('completions', k.completions);
    set('parallelism', k.parallelism);
    set('backoffLimit', k.backoffLimit);
    set('backoffLimitPerIndex', k.backoffLimitPerIndex);
    set('maxFailedIndexes', k.maxFailedIndexes);
    set('podFailurePolicy', podFailurePolicy);
    set('successPolicy', successPolicy);
    set('podReplacementPolicy', k.podReplacementPolicy);
    set('suspend', k.suspend);
    set('activeDeadlineSeconds', k.activeDeadlineSeconds);
    return spec as Omit<JobSpec, 'template' | 'selector'> & { restartPolicy?: string };
  });
}

/**
 * Defaulted Jobs that pass `validateJob`, created at `createdAt`, with an empty status. Both
 * completion modes; work queues (completions unset); zero completions/parallelism; backoffLimit;
 * restartPolicy Never/OnFailure; backoffLimitPerIndex with maxFailedIndexes; podFailurePolicy
 * rules on exit codes and the DisruptionTarget condition; successPolicy; podReplacementPolicy;
 * suspend; activeDeadlineSeconds.
 */
export function validJob(createdAt: string, size: JobSize = { maxCompletions: 5, maxParallelism: 4 }): fc.Arbitrary<Job> {
  return knobs(size)
    .chain(specOf)
    .map((spec) => withJobDefaults(newJob(spec, createdAt)))
    .filter((job) => validateJob(job).length === 0);
}
