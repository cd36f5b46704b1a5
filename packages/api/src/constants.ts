// Upstream's exact strings and limits. Sources: staging/src/k8s.io/api/batch/v1/types.go,
// pkg/controller/job/job_controller.go, pkg/controller/job/backoff_utils.go.

export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';
/**
 * The tracking finalizer jobkit uses when it runs as an external Job controller: the Kubernetes
 * Job docs (concepts/workloads/controllers/job, "Delegation of managing a Job object to external
 * controller") reserve {@link JobTrackingFinalizer} for the built-in controller.
 */
export const ExternalTrackingFinalizer = 'jobkit.io/job-tracking';

/**
 * The tracking finalizer a controller named `controllerName` puts on its pods by default:
 * {@link JobTrackingFinalizer} for the built-in kubernetes.io/job-controller, else
 * {@link ExternalTrackingFinalizer}.
 */
export function trackingFinalizerFor(controllerName: string): string {
  return controllerName === JobControllerName ? JobTrackingFinalizer : ExternalTrackingFinalizer;
}
export const JobNameLabel = 'batch.kubernetes.io/job-name';
export const LegacyJobNameLabel = 'job-name';
export const ControllerUidLabel = 'batch.kubernetes.io/controller-uid';
export const LegacyControllerUidLabel = 'controller-uid';
export const JobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
export const JobIndexFailureCountAnnotation = 'batch.kubernetes.io/job-index-failure-count';
export const JobIndexIgnoredFailureCountAnnotation = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const CronJobScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
export const JobControllerName = 'kubernetes.io/job-controller';
export const JobCompletionIndexEnvName = 'JOB_COMPLETION_INDEX';

export const CompletionModes = { NonIndexed: 'NonIndexed', Indexed: 'Indexed' } as const;
export const PodReplacementPolicies = { TerminatingOrFailed: 'TerminatingOrFailed', Failed: 'Failed' } as const;

export const JobConditionTypes = {
  Suspended: 'Suspended',
  Complete: 'Complete',
  Failed: 'Failed',
  FailureTarget: 'FailureTarget',
  SuccessCriteriaMet: 'SuccessCriteriaMet',
} as const;

/** Condition reasons (API constants and controller literals). */
export const JobReason = {
  PodFailurePolicy: 'PodFailurePolicy',
  BackoffLimitExceeded: 'BackoffLimitExceeded',
  DeadlineExceeded: 'DeadlineExceeded',
  MaxFailedIndexesExceeded: 'MaxFailedIndexesExceeded',
  FailedIndexes: 'FailedIndexes',
  SuccessPolicy: 'SuccessPolicy',
  CompletionsReached: 'CompletionsReached',
  JobSuspended: 'JobSuspended',
  JobResumed: 'JobResumed',
} as const;

/** Event reasons recorded by the controller (besides the failure condition reasons). */
export const EventReason = {
  SuccessfulCreate: 'SuccessfulCreate',
  FailedCreate: 'FailedCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDelete: 'FailedDelete',
  Suspended: 'Suspended',
  Resumed: 'Resumed',
  Completed: 'Completed',
  TooManySucceededPods: 'TooManySucceededPods',
  UnknownCompletionMode: 'UnknownCompletionMode',
} as const;

export const PodConditionType = {
  Ready: 'Ready',
  PodScheduled: 'PodScheduled',
  DisruptionTarget: 'DisruptionTarget',
} as const;

/** Limits of one pass (job_controller.go). */
export const MaxUncountedPods = 500;
export const MaxPodCreateDeletePerSync = 500;
/** Pod-recreation backoff (job_controller.go DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff). */
export const DefaultJobPodFailureBackOffMs = 10_000;
export const MaxJobPodFailureBackOffMs = 10 * 60_000;
/** Requeue after an API error (DefaultJobApiBackOff / MaxJobApiBackOff). */
export const DefaultJobApiBackOffMs = 1_000;
export const MaxJobApiBackOffMs = 60_000;
export const SyncJobBatchPeriodMs = 1_000;
/** Pod name generation: the generateName prefix is trimmed to this length (names.MaxGeneratedNameLength). */
export const MaxGeneratedNameLength = 58;
/**
 * The API server's limit on a request body (apiserver's MaxRequestBodyBytes, 3 MiB): no stored
 * object, hence no string in one, is longer. Longer strings are rejected before they are parsed.
 */
export const MaxRequestBytes = 3 * 1024 * 1024;
