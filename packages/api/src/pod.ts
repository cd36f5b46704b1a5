// Codecs for the parts of core/v1 Pod (staging/src/k8s.io/api/core/v1/types.go) that the Job
// controller reads; everything else in a pod or pod template is kept as JSON.
import type {
  Container,
  ContainerState,
  ContainerStateTerminated,
  ContainerStatus,
  EnvVar,
  Pod,
  PodCondition,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
} from './types.js';
import { ObjectMetaCodec } from './meta.js';
import { arrayOf, struct } from './internal/struct.js';
import { oneOf } from './internal/literal.js';
import { BooleanCodec, Int32Codec, Int64Codec, NonNegativeInt32Codec, StringCodec } from './internal/scalars.js';
import { TimeCodec } from './time.js';

type EnvVarSource = NonNullable<EnvVar['valueFrom']>;
type ObjectFieldSelector = NonNullable<EnvVarSource['fieldRef']>;

/** core/v1 ObjectFieldSelector (the downward API `fieldRef`); fieldPath reads "" when absent. */
export const ObjectFieldSelectorCodec = struct<ObjectFieldSelector>(
  'ObjectFieldSelector',
  { apiVersion: StringCodec, fieldPath: StringCodec },
  { fieldPath: () => '' },
);

/** core/v1 EnvVarSource: `fieldRef` modelled, other sources kept as JSON. */
export const EnvVarSourceCodec = struct<EnvVarSource>('EnvVarSource', { fieldRef: ObjectFieldSelectorCodec }, {});

/** core/v1 EnvVar; name reads "" when absent. */
export const EnvVarCodec = struct<EnvVar>('EnvVar', { name: StringCodec, value: StringCodec, valueFrom: EnvVarSourceCodec }, { name: () => '' });

/** core/v1 Container: identity, command and env modelled; resources, probes etc. kept as JSON. */
export const ContainerCodec = struct<Container>(
  'Container',
  {
    name: StringCodec,
    image: StringCodec,
    command: arrayOf(StringCodec),
    args: arrayOf(StringCodec),
    env: arrayOf(EnvVarCodec),
    workingDir: StringCodec,
    restartPolicy: StringCodec,
  },
  {},
);

/** core/v1 PodSpec: containers, initContainers, restartPolicy and the fields pod naming uses. */
export const PodSpecCodec = struct<PodSpec>(
  'PodSpec',
  {
    containers: arrayOf(ContainerCodec),
    initContainers: arrayOf(ContainerCodec),
    restartPolicy: StringCodec,
    hostname: StringCodec,
    subdomain: StringCodec,
    nodeName: StringCodec,
    // Signed as in Go: validation judges activeDeadlineSeconds (1..2^31-1); a negative grace
    // period is accepted in a template (pod defaulting makes it 1 s).
    terminationGracePeriodSeconds: Int64Codec,
    activeDeadlineSeconds: Int64Codec,
  },
  {},
);

/** core/v1 PodCondition; type and status read "" when absent. */
export const PodConditionCodec = struct<PodCondition>(
  'PodCondition',
  {
    type: StringCodec,
    status: StringCodec,
    reason: StringCodec,
    message: StringCodec,
    lastProbeTime: TimeCodec,
    lastTransitionTime: TimeCodec,
  },
  { type: () => '', status: () => '' },
);

/** core/v1 ContainerStateTerminated; exitCode reads 0 when absent. */
export const ContainerStateTerminatedCodec = struct<ContainerStateTerminated>(
  'ContainerStateTerminated',
  {
    exitCode: Int32Codec,
    signal: Int32Codec,
    reason: StringCodec,
    message: StringCodec,
    startedAt: TimeCodec,
    finishedAt: TimeCodec,
    containerID: StringCodec,
  },
  { exitCode: () => 0 },
);

type ContainerStateWaiting = NonNullable<ContainerState['waiting']>;
type ContainerStateRunning = NonNullable<ContainerState['running']>;

/** core/v1 ContainerState: waiting, running, terminated. */
export const ContainerStateCodec = struct<ContainerState>(
  'ContainerState',
  {
    waiting: struct<ContainerStateWaiting>('ContainerStateWaiting', { reason: StringCodec, message: StringCodec }, {}),
    running: struct<ContainerStateRunning>('ContainerStateRunning', { startedAt: TimeCodec }, {}),
    terminated: ContainerStateTerminatedCodec,
  },
  {},
);

/** core/v1 ContainerStatus: state, lastState, restartCount and identity. */
export const ContainerStatusCodec = struct<ContainerStatus>(
  'ContainerStatus',
  {
    name: StringCodec,
    state: ContainerStateCodec,
    lastState: ContainerStateCodec,
    ready: BooleanCodec,
    restartCount: NonNegativeInt32Codec,
    image: StringCodec,
    imageID: StringCodec,
    started: BooleanCodec,
  },
  {},
);

/** core/v1 PodStatus: phase, conditions, container statuses, startTime. */
export const PodStatusCodec = struct<PodStatus>(
  'PodStatus',
  {
    phase: StringCodec,
    conditions: arrayOf(PodConditionCodec),
    message: StringCodec,
    reason: StringCodec,
    startTime: TimeCodec,
    containerStatuses: arrayOf(ContainerStatusCodec),
    initContainerStatuses: arrayOf(ContainerStatusCodec),
  },
  {},
);

/** core/v1 Pod; metadata reads {} when absent. */
export const PodCodec = struct<Pod>(
  'Pod',
  {
    apiVersion: oneOf('PodApiVersion', ['v1']),
    kind: oneOf('PodKind', ['Pod']),
    metadata: ObjectMetaCodec,
    spec: PodSpecCodec,
    status: PodStatusCodec,
  },
  { metadata: () => ({}) },
);

/** core/v1 PodTemplateSpec (a Job's `spec.template`); round-trips untouched. */
export const PodTemplateSpecCodec = struct<PodTemplateSpec>('PodTemplateSpec', { metadata: ObjectMetaCodec, spec: PodSpecCodec }, {});
