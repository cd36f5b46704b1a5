// jobkit: the public API, a curated list. The pure packages decide; adapters (runner, cli) stay
// out. Grouped as docs/api groups them; every name here is documented at its home.

// The reconcile pass and what it asks the cluster to do.
export { syncJob, applyActions, orphanPodActions, generatedNameBase, ttlAfterFinished } from '@jobkit/core';
export type {
  Action,
  ApplyOptions,
  CallFailures,
  ApplyResult,
  ClusterState,
  OrphanResult,
  PassExplanation,
  PodExplanation,
  RequeueCause,
  SyncOptions,
  SyncResult,
  TtlDecision,
} from '@jobkit/core';

// Validation as the API server applies it.
export {
  validateJob,
  validateJobUpdate,
  validateJobStatusUpdate,
  getStatusValidationOptions,
  getUpdateValidationOptions,
  managedByErrors,
  formatFieldError,
  errorBody,
} from '@jobkit/validation';
export type { FieldError, FieldErrorType, JobFeatureGates, JobStatusValidationOptions, JobValidationOptions } from '@jobkit/validation';

// Pod failure and success policies, and which pods count as failed.
export { matchPodFailurePolicy, matchSuccessPolicy, isPodFailed, onlyReplaceFailedPods, isIndexFailed, getNewIndexFailureCounts } from '@jobkit/policy';
export type { PodFailurePolicyMatch, SuccessPolicyMatch } from '@jobkit/policy';

// Completion indexes: the pod's index, interval lists as status carries them, per-index failure counts.
export {
  UnknownCompletionIndex,
  getCompletionIndex,
  isValidCompletionIndex,
  parseIndexesFromString,
  parseIndexesStrict,
  parseIndexIntervalStrict,
  formatIntervals,
  intervalsFromIndexes,
  mergeIntervals,
  countIndexes,
  hasIndex,
  emptyIntervals,
  failedIndexesOverlapCompleted,
  firstPendingIndexes,
  getIndexFailureCount,
  getIndexIgnoredFailureCount,
  getIndexAbsoluteFailureCount,
  newIndexFailureCounts,
  indexFailureCountAnnotations,
  podGenerateNameWithIndex,
} from '@jobkit/indexes';
export type * from '@jobkit/indexes';

// Pod failure backoff.
export {
  backoffDelayMs,
  emptyBackoffRecord,
  newBackoffRecord,
  backoffFromCountedPods,
  remainingBackoffMs,
  remainingBackoffMsPerIndex,
  remainingTimeForFailuresMs,
  getFinishedTime,
  getFinishedTimeMs,
} from '@jobkit/backoff';
export type { BackoffLimits, BackoffRecord } from '@jobkit/backoff';

// Kubernetes objects: types, the constants upstream names, decoding untrusted input, defaulting.
export type * from '@jobkit/api';
export {
  CompletionModes,
  ControllerUidLabel,
  CronJobScheduledTimestampAnnotation,
  DefaultJobApiBackOffMs,
  DefaultJobPodFailureBackOffMs,
  EventReason,
  ExternalTrackingFinalizer,
  JobCompletionIndexAnnotation,
  JobCompletionIndexEnvName,
  JobConditionTypes,
  JobControllerName,
  JobIndexFailureCountAnnotation,
  JobIndexIgnoredFailureCountAnnotation,
  JobNameLabel,
  JobReason,
  JobTrackingFinalizer,
  LegacyControllerUidLabel,
  LegacyJobNameLabel,
  MaxGeneratedNameLength,
  MaxJobApiBackOffMs,
  MaxJobPodFailureBackOffMs,
  MaxPodCreateDeletePerSync,
  MaxRequestBytes,
  MaxUncountedPods,
  PodConditionType,
  PodReplacementPolicies,
  SyncJobBatchPeriodMs,
  decodeJob,
  decodeJobList,
  decodePod,
  decodePodList,
  parseJob,
  parseJobList,
  parsePod,
  parsePodList,
  unknownJobFields,
  JobFieldTree,
  encodeJob,
  encodeJobList,
  encodePod,
  encodePodList,
  formatDecodeErrors,
  withJobDefaults,
  trackingFinalizerFor,
  JobCodec,
  PodCodec,
} from '@jobkit/api';
export * as codecs from './codecs.js';

// MultiKueue-style mirroring of a worker's Job status onto the manager's Job.
export {
  mirrorStatus,
  remoteJobFor,
  finishLocally,
  MirrorRecordAnnotation,
  MultiKueueOriginLabel,
  MirrorRecordCodec,
  emptyMirrorRecord,
  encodeMirrorRecord,
  decodeMirrorRecord,
  mirrorRecordOf,
} from '@jobkit/multikueue';
export type { MirrorBaseline, MirrorInput, MirrorOptions, MirrorReasonWord, MirrorRecord, MirrorResult, RemoteJobOptions } from '@jobkit/multikueue';

// The controller loop around syncJob (queue, batching, API back-off, expectations), admission as
// the API server does it, and the virtual-time simulator that drives them.
export { JobLoop, VirtualScheduler, defaultController, admitJob, deterministicNames } from '@jobkit/loop';
export type {
  AdmitOptions,
  Cancel,
  Controller,
  JobLoopOptions,
  LoopOutcome,
  NameGenerator,
  PodRuntime,
  RecordedEvent,
  Scheduler,
  TimelineEntry,
} from '@jobkit/loop';
export { simulate, defaultSimulationStart, parseScript } from '@jobkit/sim';
export type { Script, ScriptError, ScriptResult, Outcome, SimulateOptions, SimulationResult } from '@jobkit/sim';
