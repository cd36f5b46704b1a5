// How the Job controller builds a new pod: manageJob's template preparation in job_controller.go,
// addCompletionIndex* / addIndexFailureCountAnnotation in indexed_job_utils.go, and
// GetPodFromTemplate in controller_utils.go.
import {
  JobCompletionIndexAnnotation,
  JobCompletionIndexEnvName,
  JobTrackingFinalizer,
  type Container,
  type Job,
  type OwnerReference,
  type Pod,
  type PodSpec,
} from '@jobkit/api';
import { podGenerateNameWithIndex, type IndexFailureCounts, indexFailureCountAnnotations } from '@jobkit/indexes';

const completionIndexFieldPath = `metadata.labels['${JobCompletionIndexAnnotation}']`;

function withCompletionIndexEnv(c: Container): Container {
  if ((c.env ?? []).some((e) => e.name === JobCompletionIndexEnvName)) return c;
  return { ...c, env: [...(c.env ?? []), { name: JobCompletionIndexEnvName, valueFrom: { fieldRef: { fieldPath: completionIndexFieldPath } } }] };
}

/** The controller reference upstream puts on every pod it creates (metav1.NewControllerRef). */
export function controllerRef(job: Job): OwnerReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata.name ?? '',
    uid: job.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The pieces shared by every pod of one pass (upstream's deep-copied podTemplate). */
export interface PreparedTemplate {
  readonly job: Job;
  readonly spec: PodSpec;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly finalizers: readonly string[];
  readonly ownerReferences: readonly OwnerReference[];
}

/**
 * Prepares the Job's pod template once per pass: for Indexed jobs the JOB_COMPLETION_INDEX env
 * var (downward API from the index label) on every init and app container lacking it; the
 * tracking finalizer appended if missing.
 */
export function prepareTemplate(job: Job, indexed: boolean, trackingFinalizer: string = JobTrackingFinalizer): PreparedTemplate {
  const t = job.spec.template ?? {};
  let spec: PodSpec = t.spec ?? {};
  if (indexed) {
    spec = {
      ...spec,
      ...(spec.initContainers ? { initContainers: spec.initContainers.map(withCompletionIndexEnv) } : {}),
      ...(spec.containers ? { containers: spec.containers.map(withCompletionIndexEnv) } : {}),
    };
  }
  const fin = t.metadata?.finalizers ?? [];
  return {
    job,
    spec,
    labels: t.metadata?.labels ?? {},
    annotations: t.metadata?.annotations ?? {},
    finalizers: fin.includes(trackingFinalizer) ? fin : [...fin, trackingFinalizer],
    ownerReferences: [controllerRef(job)],
  };
}

/**
 * generateName of a non-indexed pod: `<job>-` in full (controller_utils.go getPodsPrefix). The
 * API server cuts it to 58 characters when it generates the name (applyActions' generatedNameBase),
 * so the action carries what upstream's controller sends. getPodsPrefix drops the dash when
 * `<job>-` is no valid pod name prefix; for a Job name the API server accepted it always is.
 */
export function podGenerateName(jobName: string): string {
  return `${jobName}-`;
}

/**
 * The pod to create: for an index, annotation and label `batch.kubernetes.io/job-completion-index`,
 * hostname `<job>-<index>`, generateName `<job>-<index>-` and (backoffLimitPerIndex) the failure
 * count annotations; otherwise generateName `<job>-`.
 */
export function buildPod(t: PreparedTemplate, index?: number, failureCounts?: IndexFailureCounts): Pod {
  const jobName = t.job.metadata.name ?? '';
  let labels: Record<string, string> = t.labels;
  let annotations: Record<string, string> = t.annotations;
  let spec = t.spec;
  let generateName: string;
  if (index === undefined) {
    generateName = podGenerateName(jobName);
  } else {
    const ix = String(index);
    annotations = { ...annotations, [JobCompletionIndexAnnotation]: ix };
    labels = { ...labels, [JobCompletionIndexAnnotation]: ix };
    spec = { ...spec, hostname: `${jobName}-${index}` };
    generateName = podGenerateNameWithIndex(jobName, index);
    if (failureCounts !== undefined) annotations = { ...annotations, ...indexFailureCountAnnotations(failureCounts) };
  }
  return {
    metadata: {
      generateName,
      ...(t.job.metadata.namespace !== undefined ? { namespace: t.job.metadata.namespace } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      finalizers: t.finalizers,
      ownerReferences: t.ownerReferences,
    },
    spec,
  };
}
