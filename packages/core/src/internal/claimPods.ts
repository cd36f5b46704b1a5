// Which of the listed pods the Job controls: getPodsForJob in job_controller.go with ClaimPods of
// pkg/controller/controller_ref_manager.go, and label selector matching of
// apimachinery's metav1.LabelSelectorAsSelector.
import { JobTrackingFinalizer, type Job, type LabelSelector, type Pod } from '@jobkit/api';

/** Whether `labels` satisfy `selector`; an absent selector matches nothing, an empty one everything. */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (selector === undefined || selector === null) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
        if (!has || !values.includes(l[r.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[r.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an invalid selector selects nothing
    }
  }
  return true;
}

/**
 * The pods the Job controls: pods whose controller reference is the Job and that match its
 * selector; plus orphans that match it and are not being deleted (adopted: upstream patches in
 * the owner reference and the tracking finalizer, and treats them as tracked at once). Pods
 * controlled by something else, or in another namespace, are not the Job's.
 */
export function claimPods(job: Job, pods: readonly Pod[]): readonly Pod[] {
  const uid = job.metadata.uid;
  const ns = job.metadata.namespace;
  const selector = job.spec.selector;
  const jobDeleting = job.metadata.deletionTimestamp != null;
  let out: Pod[] | undefined; // allocated only when some pod is left out or changed
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    let keep: Pod | undefined = p;
    if (ns !== undefined && p.metadata.namespace !== undefined && p.metadata.namespace !== ns) keep = undefined;
    else {
      const refs = p.metadata.ownerReferences;
      const ref = refs === undefined ? undefined : refs.find((r) => r.controller === true);
      if (ref !== undefined) {
        // Ours only if it names this Job and still matches (otherwise released).
        if (ref.uid !== uid || !selectorMatches(selector, p.metadata.labels)) keep = undefined;
      } else if (jobDeleting || p.metadata.deletionTimestamp != null || !selectorMatches(selector, p.metadata.labels)) {
        keep = undefined;
      } else if (!(p.metadata.finalizers ?? []).includes(JobTrackingFinalizer)) {
        keep = { ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata.finalizers ?? []), JobTrackingFinalizer] } };
      }
    }
    if (keep !== p && out === undefined) out = pods.slice(0, i);
    if (out !== undefined && keep !== undefined) out.push(keep);
  }
  return out ?? pods;
}
