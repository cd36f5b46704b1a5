// Test-only builders mirroring upstream's hollowPodsWithIndexPhase / buildPod (indexed_job_utils_test.go).
import { JobCompletionIndexAnnotation, JobIndexFailureCountAnnotation, type Pod } from '@jobkit/api';

/** Upstream's `noIndex` marker: the pod has no completion-index annotation. */
export const noIndex = '-';

/** A `{index, phase}` pair as upstream's `indexPhase`. */
export type IndexPhase = readonly [index: string, phase: string];

/** Pods with only a phase and (unless `noIndex`) a completion-index annotation. */
export function hollowPodsWithIndexPhase(descs: readonly IndexPhase[]): Pod[] {
  return descs.map(([index, phase]) => ({
    metadata: index === noIndex ? {} : { annotations: { [JobCompletionIndexAnnotation]: index } },
    status: { phase },
  }));
}

/** A pod with only the given annotations. */
export function podWithAnnotations(annotations: Record<string, string>): Pod {
  return { metadata: { annotations } };
}

/** A pod carrying a `job-index-failure-count` annotation (upstream `buildPod().indexFailureCount(v)`). */
export function podWithIndexFailureCount(v: string): Pod {
  return podWithAnnotations({ [JobIndexFailureCountAnnotation]: v });
}
