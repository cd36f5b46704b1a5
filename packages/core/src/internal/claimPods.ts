// Which of the listed pods the Job controls: getPodsForJob in job_controller.go with ClaimPods of
// pkg/controller/controller_ref_manager.go, and label selector matching of
// apimachinery's metav1.LabelSelectorAsSelector.
import { JobTrackingFinalizer, type Job, type LabelSelector, type OwnerReference, type Pod } from '@jobkit/api';

type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

const nameRe = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const dnsSubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Label key syntax (a qualified name: optional DNS-subdomain prefix, then a name of ≤ 63). */
function labelKeyError(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !dnsSubdomainRe.test(prefix))) return `invalid label key "${key}"`;
  if (name.length === 0 || name.length > 63 || !nameRe.test(name)) return `invalid label key "${key}"`;
  return undefined;
}

function labelValueError(v: string): string | undefined {
  return v.length > 63 || (v !== '' && !nameRe.test(v)) ? `invalid label value: "${v}"` : undefined;
}

/**
 * Why `selector` does not convert to a label selector (metav1.LabelSelectorAsSelector), or
 * undefined. Upstream's pass stops with this error before touching anything.
 */
export function selectorError(selector: LabelSelector | undefined | null): string | undefined {
  if (selector === undefined || selector === null) return undefined;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    const e = labelKeyError(k) ?? labelValueError(v);
    if (e !== undefined) return e;
  }
  for (const r of selector.matchExpressions ?? []) {
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return "for 'in', 'notin' operators, values set can't be empty";
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return 'values set must be empty for exists and does not exist';
        break;
      default:
        return `"${r.operator}" is not a valid label selector operator`;
    }
    const e = labelKeyError(r.key) ?? values.map(labelValueError).find((x) => x !== undefined);
    if (e !== undefined) return e;
  }
  return undefined;
}

/**
 * A matcher for `selector` (metav1.LabelSelectorAsSelector): an absent selector matches nothing,
 * an empty one everything, an unknown operator nothing. Compiled once per pass.
 */
export function compileSelector(selector: LabelSelector | undefined | null): LabelMatcher {
  if (selector === undefined || selector === null) return () => false;
  const pairs = Object.entries(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  if (exprs.some((r) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator))) return () => false;
  const keys = pairs.map(([k]) => k);
  const vals = pairs.map(([, v]) => v);
  return (labels) => {
    const l = labels ?? {};
    for (let i = 0; i < keys.length; i++) if (l[keys[i]!] !== vals[i]) return false;
    for (const r of exprs) {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      const values = r.values ?? [];
      if (r.operator === 'In' && !(has && values.includes(l[r.key]!))) return false;
      if (r.operator === 'NotIn' && has && values.includes(l[r.key]!)) return false;
      if (r.operator === 'Exists' && !has) return false;
      if (r.operator === 'DoesNotExist' && has) return false;
    }
    return true;
  };
}

/** Whether `labels` satisfy `selector` (see {@link compileSelector}). */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Readonly<Record<string, string>> | undefined): boolean {
  return compileSelector(selector)(labels);
}

/** The first owner reference marked controller (metav1.GetControllerOf). */
function controllerOf(p: Pod): OwnerReference | undefined {
  const refs = p.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i]!.controller === true) return refs[i];
  return undefined;
}

/** The Job's pods, and the pods it lets go of (owned, but no longer matching its selector). */
export interface ClaimedPods {
  readonly pods: readonly Pod[];
  /** Upstream patches these to drop the owner reference and the tracking finalizer. */
  readonly released: readonly Pod[];
}

/**
 * The pods the Job controls: pods whose controller reference is the Job and that match its
 * selector; plus orphans that match it and are not being deleted (adopted: upstream patches in
 * the owner reference and the tracking finalizer, and treats them as tracked at once). Pods
 * controlled by something else, or in another namespace, are not the Job's. Owned pods that no
 * longer match are released, unless the Job is being deleted. A missing namespace (on the Job or
 * the pod) reads as the same namespace: the API always sets one; hand-made inputs often do not.
 */
export function claimPods(job: Job, pods: readonly Pod[]): ClaimedPods {
  const uid = job.metadata.uid;
  const ns = job.metadata.namespace;
  const matches = compileSelector(job.spec.selector);
  const jobDeleting = job.metadata.deletionTimestamp != null;
  const released: Pod[] = [];
  // Upstream lists the Job's own pods first, then the namespace's orphans (FilterPodsByOwner
  // reads two index keys in turn); order decides ties later (ActivePods), so keep it.
  let owned: Pod[] | undefined; // allocated only when some pod is not kept in place
  const orphans: Pod[] = [];
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    let keepOwned = false;
    if (ns !== undefined && p.metadata.namespace !== undefined && p.metadata.namespace !== ns) {
      // another namespace: never listed
    } else {
      const ref = controllerOf(p);
      if (ref !== undefined) {
        // Listed only when the reference names this Job (the pod indexer keys on kind, name and
        // uid); ours only while it still matches the selector.
        if (ref.uid === uid && ref.kind === 'Job' && ref.name === job.metadata.name) {
          if (matches(p.metadata.labels)) keepOwned = true;
          else if (!jobDeleting) released.push(p);
        }
      } else if (!jobDeleting && p.metadata.deletionTimestamp == null && matches(p.metadata.labels)) {
        const tracked = (p.metadata.ownerReferences ?? []).some((r) => r.uid === uid) || (p.metadata.finalizers ?? []).includes(JobTrackingFinalizer);
        // Adopted: tracked from now on, as if the adoption patch had added the finalizer.
        orphans.push(tracked ? p : { ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata.finalizers ?? []), JobTrackingFinalizer] } });
      }
    }
    if (keepOwned) owned?.push(p);
    else if (owned === undefined) owned = pods.slice(0, i);
  }
  if (owned === undefined) return { pods, released };
  return { pods: orphans.length > 0 ? owned.concat(orphans) : owned, released };
}
