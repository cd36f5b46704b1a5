// jobkit: the public API, a curated list. The pure packages decide; adapters (runner, cli) stay
// out. Grouped as docs/api groups them; every name here is documented at its home, or (the
// functions that check their arguments) in guarded.ts.
//
// This is the checked surface: no function here throws on arguments of the wrong type. Those
// that could are exported through a guard (guarded.ts) that answers with an InvalidInput, or
// with the function's own error. The @jobkit/* building blocks trust their types.

// Bad arguments: what a guarded function answers instead of throwing.
export { isInvalidInput } from './invalidInput.js';
export type { InvalidInput, InputFieldError } from './invalidInput.js';

// The reconcile pass and what it asks the cluster to do.
export { syncJob, applyActions, orphanPodActions, generatedNameBase, ttlAfterFinished } from './guarded.js';
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
export { validateJob, validateJobUpdate, validateJobStatusUpdate, getStatusValidationOptions } from '@jobkit/validation';
export { getUpdateValidationOptions, managedByErrors } from './guarded.js';
export { formatFieldError, errorBody } from './guarded.js';
export type { FieldError, FieldErrorType, JobFeatureGates, JobStatusValidationOptions, JobValidationOptions } from '@jobkit/validation';

// Pod failure and success policies, and which pods count as failed.
export { matchPodFailurePolicy, matchSuccessPolicy, isPodFailed, onlyReplaceFailedPods, isIndexFailed, getNewIndexFailureCounts } from './guarded.js';
export type { PodFailurePolicyMatch, SuccessPolicyMatch } from '@jobkit/policy';

// Completion indexes: the pod's index, interval lists as status carries them, per-index failure counts.
export {
  UnknownCompletionIndex,
  parseIndexesFromString,
  parseIndexesStrict,
  parseIndexIntervalStrict,
  emptyIntervals,
  failedIndexesOverlapCompleted,
} from '@jobkit/indexes';
export {
  getCompletionIndex,
  isValidCompletionIndex,
  formatIntervals,
  intervalsFromIndexes,
  mergeIntervals,
  countIndexes,
  hasIndex,
  firstPendingIndexes,
  getIndexFailureCount,
  getIndexIgnoredFailureCount,
  getIndexAbsoluteFailureCount,
  newIndexFailureCounts,
  indexFailureCountAnnotations,
  podGenerateNameWithIndex,
} from './guarded.js';
export type * from '@jobkit/indexes';

// Pod failure backoff.
export { emptyBackoffRecord } from '@jobkit/backoff';
export {
  backoffDelayMs,
  newBackoffRecord,
  backoffFromCountedPods,
  remainingBackoffMs,
  remainingBackoffMsPerIndex,
  remainingTimeForFailuresMs,
  getFinishedTime,
  getFinishedTimeMs,
} from './guarded.js';
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
  trackingFinalizerFor,
  JobCodec,
  PodCodec,
} from '@jobkit/api';
export { encodeJob, encodeJobList, encodePod, encodePodList, formatDecodeErrors, withJobDefaults } from './guarded.js';
export * as codecs from './codecs.js';

// MultiKueue-style mirroring of a worker's Job status onto the manager's Job.
export { MirrorRecordAnnotation, MultiKueueOriginLabel, MirrorRecordCodec, emptyMirrorRecord, decodeMirrorRecord } from '@jobkit/multikueue';
export { mirrorStatus, remoteJobFor, finishLocally, encodeMirrorRecord, mirrorRecordOf } from './guarded.js';
export type { MirrorBaseline, MirrorInput, MirrorOptions, MirrorReasonWord, MirrorRecord, MirrorResult, RemoteJobOptions } from '@jobkit/multikueue';

// The controller loop around syncJob (queue, batching, API back-off, expectations), admission as
// the API server does it, and the virtual-time simulator that drives them. The classes trust
// their types (their constructors cannot answer with an InvalidInput; they run the caller's
// callbacks); defaultController holds the checked syncJob and applyActions.
export { JobLoop, VirtualScheduler } from '@jobkit/loop';
export { defaultController, admitJob, deterministicNames } from './guarded.js';
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
export { defaultSimulationStart } from '@jobkit/sim';
export { simulate, parseScript } from './guarded.js';
export type { Script, ScriptError, ScriptResult, Outcome, SimulateOptions, SimulationResult } from '@jobkit/sim';
