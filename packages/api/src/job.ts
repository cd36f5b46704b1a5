// Codecs for batch/v1 Job (staging/src/k8s.io/api/batch/v1/types.go): every spec and status
// field, no API-server defaults (a missing field stays missing: Go's zero value). Integers are
// decoded as Go decodes an int32 / int64 field, of either sign: a negative count is a
// validation error (`spec.completions: Invalid value: -1: must be greater than or equal to 0`),
// reported with every other one, not a decode error that hides them.
import type {
  Job,
  JobCondition,
  JobSpec,
  JobStatus,
  PodFailurePolicy,
  PodFailurePolicyOnExitCodesRequirement,
  PodFailurePolicyOnPodConditionsPattern,
  PodFailurePolicyRule,
  SuccessPolicy,
  SuccessPolicyRule,
  UncountedTerminatedPods,
} from './types.js';
import { LabelSelectorCodec, ObjectMetaCodec } from './meta.js';
import { PodTemplateSpecCodec } from './pod.js';
import { arrayOf, struct } from './internal/struct.js';
import { oneOf } from './internal/literal.js';
import { BooleanCodec, Int32Codec, Int64Codec, StringCodec } from './internal/scalars.js';
import { TimeCodec } from './time.js';

/** batch/v1 PodFailurePolicyOnExitCodesRequirement; operator reads "" and values [] when absent. */
export const PodFailurePolicyOnExitCodesRequirementCodec = struct<PodFailurePolicyOnExitCodesRequirement>(
  'PodFailurePolicyOnExitCodesRequirement',
  { containerName: StringCodec, operator: StringCodec, values: arrayOf(Int32Codec) },
  { operator: () => '', values: () => [] },
);

/** batch/v1 PodFailurePolicyOnPodConditionsPattern; status is NOT defaulted to "True" here (see withJobDefaults). */
export const PodFailurePolicyOnPodConditionsPatternCodec = struct<PodFailurePolicyOnPodConditionsPattern>(
  'PodFailurePolicyOnPodConditionsPattern',
  { type: StringCodec, status: StringCodec },
  { type: () => '' },
);

/** batch/v1 PodFailurePolicyRule; action reads "" when absent. */
export const PodFailurePolicyRuleCodec = struct<PodFailurePolicyRule>(
  'PodFailurePolicyRule',
  {
    action: StringCodec,
    onExitCodes: PodFailurePolicyOnExitCodesRequirementCodec,
    onPodConditions: arrayOf(PodFailurePolicyOnPodConditionsPatternCodec),
  },
  { action: () => '' },
);

/** batch/v1 PodFailurePolicy; rules read [] when absent. */
export const PodFailurePolicyCodec = struct<PodFailurePolicy>('PodFailurePolicy', { rules: arrayOf(PodFailurePolicyRuleCodec) }, { rules: () => [] });

/** batch/v1 SuccessPolicyRule. */
export const SuccessPolicyRuleCodec = struct<SuccessPolicyRule>('SuccessPolicyRule', { succeededIndexes: StringCodec, succeededCount: Int32Codec }, {});

/** batch/v1 SuccessPolicy; rules read [] when absent. */
export const SuccessPolicyCodec = struct<SuccessPolicy>('SuccessPolicy', { rules: arrayOf(SuccessPolicyRuleCodec) }, { rules: () => [] });

/** batch/v1 JobSpec; template reads {} when absent. */
export const JobSpecCodec = struct<JobSpec>(
  'JobSpec',
  {
    parallelism: Int32Codec,
    completions: Int32Codec,
    activeDeadlineSeconds: Int64Codec,
    podFailurePolicy: PodFailurePolicyCodec,
    successPolicy: SuccessPolicyCodec,
    backoffLimit: Int32Codec,
    backoffLimitPerIndex: Int32Codec,
    maxFailedIndexes: Int32Codec,
    selector: LabelSelectorCodec,
    manualSelector: BooleanCodec,
    template: PodTemplateSpecCodec,
    ttlSecondsAfterFinished: Int32Codec,
    completionMode: StringCodec,
    suspend: BooleanCodec,
    podReplacementPolicy: StringCodec,
    managedBy: StringCodec,
  },
  { template: () => ({}) },
);

/** batch/v1 JobCondition; type and status read "" when absent. */
export const JobConditionCodec = struct<JobCondition>(
  'JobCondition',
  {
    type: StringCodec,
    status: StringCodec,
    lastProbeTime: TimeCodec,
    lastTransitionTime: TimeCodec,
    reason: StringCodec,
    message: StringCodec,
  },
  { type: () => '', status: () => '' },
);

/** batch/v1 UncountedTerminatedPods (pod UIDs). */
export const UncountedTerminatedPodsCodec = struct<UncountedTerminatedPods>(
  'UncountedTerminatedPods',
  { succeeded: arrayOf(StringCodec), failed: arrayOf(StringCodec) },
  {},
);

/** batch/v1 JobStatus. `failedIndexes` absent means nil; "" is kept as the empty set. */
export const JobStatusCodec = struct<JobStatus>(
  'JobStatus',
  {
    conditions: arrayOf(JobConditionCodec),
    startTime: TimeCodec,
    completionTime: TimeCodec,
    active: Int32Codec,
    succeeded: Int32Codec,
    failed: Int32Codec,
    terminating: Int32Codec,
    completedIndexes: StringCodec,
    failedIndexes: StringCodec,
    uncountedTerminatedPods: UncountedTerminatedPodsCodec,
    ready: Int32Codec,
  },
  {},
);

/** batch/v1 Job; metadata reads {} and spec reads { template: {} } when absent. */
export const JobCodec = struct<Job>(
  'Job',
  {
    apiVersion: oneOf('JobApiVersion', ['batch/v1']),
    kind: oneOf('JobKind', ['Job']),
    metadata: ObjectMetaCodec,
    spec: JobSpecCodec,
    status: JobStatusCodec,
  },
  { metadata: () => ({}), spec: () => ({ template: {} }) },
);
