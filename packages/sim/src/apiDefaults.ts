// Fallback for API defaulting (pkg/apis/batch/v1/defaults.go SetDefaults_Job, plus the pod
// template's terminationGracePeriodSeconds from core/v1 defaults). Used only while @jobkit/api
// does not export withJobDefaults; the adapters never run a Job without defaults because a nil
// parallelism reads as 0 to the controller and nothing would ever start.
import type { Job, JobSpec, PodFailurePolicy } from '@jobkit/api';

const MaxInt32 = 2_147_483_647;

/** SetDefaults_Job (and the template's terminationGracePeriodSeconds 30) on a copy of `job`. */
export function fallbackJobDefaults(job: Job): Job {
  const spec: JobSpec = job.spec;
  let completions = spec.completions;
  let parallelism = spec.parallelism;
  if (completions === undefined && parallelism === undefined) {
    completions = 1;
    parallelism = 1;
  }
  if (parallelism === undefined) parallelism = 1;
  const backoffLimit = spec.backoffLimit ?? (spec.backoffLimitPerIndex !== undefined ? MaxInt32 : 6);
  const podFailurePolicy: PodFailurePolicy | undefined = spec.podFailurePolicy && {
    ...spec.podFailurePolicy,
    rules: (spec.podFailurePolicy.rules ?? []).map((rule) =>
      rule.onPodConditions
        ? { ...rule, onPodConditions: rule.onPodConditions.map((p) => ({ ...p, status: p.status || 'True' })) }
        : rule,
    ),
  };
  const templateLabels = spec.template?.metadata?.labels;
  const labels = job.metadata.labels && Object.keys(job.metadata.labels).length > 0 ? job.metadata.labels : templateLabels;
  const podSpec = spec.template?.spec;
  return {
    ...job,
    metadata: { ...job.metadata, ...(labels ? { labels } : {}) },
    spec: {
      ...spec,
      ...(completions !== undefined ? { completions } : {}),
      parallelism,
      backoffLimit,
      completionMode: spec.completionMode ?? 'NonIndexed',
      suspend: spec.suspend ?? false,
      manualSelector: spec.manualSelector ?? false,
      podReplacementPolicy: spec.podReplacementPolicy ?? (spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed'),
      ...(podFailurePolicy ? { podFailurePolicy } : {}),
      template: {
        ...spec.template,
        spec: {
          ...podSpec,
          terminationGracePeriodSeconds: podSpec?.terminationGracePeriodSeconds ?? 30,
        },
      },
    },
  };
}
