// Prometheus metrics under upstream's names (pkg/controller/job/metrics, subsystem
// job_controller), in a registry of the controller's own (prom-client: the well-kept client,
// with the text exposition format and histograms done right), served on --metrics-addr.
import { Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly jobSyncDuration: Histogram<'completion_mode' | 'result' | 'action'>;
  readonly jobSyncs: Counter<'completion_mode' | 'result' | 'action'>;
  readonly jobsFinished: Counter<'completion_mode' | 'result' | 'reason'>;
  readonly jobPodsFinished: Counter<'completion_mode' | 'result'>;
  readonly jobPodsCreation: Counter<'reason' | 'status'>;
  readonly terminatedPodsTrackingFinalizer: Counter<'event'>;
  readonly jobFinishedIndexes: Counter<'status' | 'backoffLimit'>;
  readonly podFailuresHandledByFailurePolicy: Counter<'action'>;
  readonly jobsByExternalController: Counter<'controller_name'>;
  readonly jobDeletionDuration: Histogram;
  readonly staleSyncSkips: Counter<'reason'>;
}

export function newMetrics(): Metrics {
  const registry = new Registry();
  const sub = 'job_controller';
  return {
    registry,
    jobSyncDuration: new Histogram({
      name: `${sub}_job_sync_duration_seconds`,
      help: 'The time it took to sync a job',
      labelNames: ['completion_mode', 'result', 'action'],
      // Upstream: ExponentialBuckets(0.004, 2, 15).
      buckets: Array.from({ length: 15 }, (_, i) => 0.004 * 2 ** i),
      registers: [registry],
    }),
    jobSyncs: new Counter({
      name: `${sub}_job_syncs_total`,
      help: 'The number of job syncs',
      labelNames: ['completion_mode', 'result', 'action'],
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: `${sub}_jobs_finished_total`,
      help: 'The number of finished jobs',
      labelNames: ['completion_mode', 'result', 'reason'],
      registers: [registry],
    }),
    jobPodsFinished: new Counter({
      name: `${sub}_job_pods_finished_total`,
      help: 'The number of finished Pods that are fully tracked',
      labelNames: ['completion_mode', 'result'],
      registers: [registry],
    }),
    jobPodsCreation: new Counter({
      name: `${sub}_job_pods_creation_total`,
      help: 'The number of Pods created by the Job controller labelled with a reason for the Pod creation',
      labelNames: ['reason', 'status'],
      registers: [registry],
    }),
    terminatedPodsTrackingFinalizer: new Counter({
      name: `${sub}_terminated_pods_tracking_finalizer_total`,
      help: 'The number of terminated pods (phase=Failed|Succeeded) that have the finalizer batch.kubernetes.io/job-tracking',
      labelNames: ['event'],
      registers: [registry],
    }),
    jobFinishedIndexes: new Counter({
      name: `${sub}_job_finished_indexes_total`,
      help: 'The number of finished indexes. Possible values for the status label are: "succeeded", "failed". Possible values for the backoffLimit label are: "perIndex" and "global"',
      labelNames: ['status', 'backoffLimit'],
      registers: [registry],
    }),
    podFailuresHandledByFailurePolicy: new Counter({
      name: `${sub}_pod_failures_handled_by_failure_policy_total`,
      help: 'The number of failed Pods handled by failure policy with respect to the failure policy action applied based on the matched rule. Possible values of the action label correspond to the possible values for the failure policy rule action, which are: "FailJob", "Ignore" and "Count".',
      labelNames: ['action'],
      registers: [registry],
    }),
    jobsByExternalController: new Counter({
      // Upstream counts the Jobs it leaves to another controller; so does jobkit (the built-in
      // controller's Jobs are labelled kubernetes.io/job-controller).
      name: `${sub}_jobs_by_external_controller_total`,
      help: 'The number of Jobs managed by an external controller',
      labelNames: ['controller_name'],
      registers: [registry],
    }),
    jobDeletionDuration: new Histogram({
      // Upstream's TTL controller: subsystem ttl_after_finished_controller, ExponentialBuckets(0.1, 2, 14).
      name: 'ttl_after_finished_controller_job_deletion_duration_seconds',
      help: 'The time it took to delete the job since it became eligible for deletion',
      buckets: Array.from({ length: 14 }, (_, i) => 0.1 * 2 ** i),
      registers: [registry],
    }),
    staleSyncSkips: new Counter({
      name: `${sub}_stale_sync_skips_total`,
      help: 'The number of times a sync was skipped because the informer cache was older than the last write',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
