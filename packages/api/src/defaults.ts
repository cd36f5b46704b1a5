// SetDefaults_Job of pkg/apis/batch/v1/defaults.go (with SetDefaults_PodFailurePolicyOnPodConditionsPattern),
// for manifests a user wrote; decoding itself never applies these.
import type { Job, JobSpec, ObjectMeta, PodFailurePolicy } from './types.js';
import { CompletionModes, PodReplacementPolicies } from './constants.js';

const MaxInt32 = 2147483647;

function defaultPodFailurePolicy(pfp: PodFailurePolicy): PodFailurePolicy {
  // An onPodConditions pattern without status matches status "True".
  const needs = pfp.rules.some((r) => r.onPodConditions?.some((p) => !p.status));
  if (!needs) return pfp;
  return {
    ...pfp,
    rules: pfp.rules.map((r) =>
      r.onPodConditions?.some((p) => !p.status) ? { ...r, onPodConditions: r.onPodConditions.map((p) => (p.status ? p : { ...p, status: 'True' })) } : r,
    ),
  };
}

/**
 * The Job with the API server's defaults applied, as `kubectl apply` would store it: both
 * completions and parallelism 1 when neither is set, else parallelism 1; backoffLimit 6
 * (2^31-1 with backoffLimitPerIndex); completionMode NonIndexed; suspend false; manualSelector
 * false; podReplacementPolicy Failed with a podFailurePolicy, else TerminatingOrFailed
 * (JobPodReplacementPolicy is GA); job labels from the template when the job has none;
 * onPodConditions status "True". Pod template defaults (core/v1 SetDefaults_PodSpec) are not
 * applied. Returns a new object; the input is not changed.
 * @example
 * withJobDefaults(job).spec.backoffLimit // 6 when the manifest had none
 */
export function withJobDefaults(job: Job): Job {
  const s = job.spec;
  const bothUnset = s.completions === undefined && s.parallelism === undefined;
  const spec: JobSpec = {
    ...s,
    ...(bothUnset ? { completions: 1 } : {}),
    parallelism: s.parallelism ?? 1,
    backoffLimit: s.backoffLimit ?? (s.backoffLimitPerIndex !== undefined ? MaxInt32 : 6),
    completionMode: s.completionMode ?? CompletionModes.NonIndexed,
    suspend: s.suspend ?? false,
    ...(s.podFailurePolicy ? { podFailurePolicy: defaultPodFailurePolicy(s.podFailurePolicy) } : {}),
    podReplacementPolicy:
      s.podReplacementPolicy ?? (s.podFailurePolicy !== undefined ? PodReplacementPolicies.Failed : PodReplacementPolicies.TerminatingOrFailed),
    manualSelector: s.manualSelector ?? false,
  };
  const templateLabels = s.template.metadata?.labels;
  const jobLabels = job.metadata.labels;
  const metadata: ObjectMeta =
    templateLabels !== undefined && (jobLabels === undefined || Object.keys(jobLabels).length === 0)
      ? { ...job.metadata, labels: templateLabels }
      : job.metadata;
  return { ...job, metadata, spec };
}
