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

/** What the Job does with a listed pod (getPodsForJob's ClaimPods). */
export const Claim = {
  /** Not the Job's: another namespace, another controller, or an orphan it does not adopt. */
  None: 0,
  /** Controlled by the Job and matching its selector. */
  Owned: 1,
  /** Controlled by the Job but no longer matching: upstream patches the reference and the finalizer away. */
  Released: 2,
  /** An orphan the Job adopts, already tracked (owner reference to the Job, or the finalizer). */
  Adopted: 3,
  /** An orphan the Job adopts that the adoption patch gives the tracking finalizer. */
  AdoptedUntracked: 4,
} as const;
export type Claim = (typeof Claim)[keyof typeof Claim];

/**
 * The claim decision for one pod of `job`, compiled once per pass: pods whose controller
 * reference is the Job and that match its selector are owned; orphans that match and are not
 * being deleted are adopted; pods controlled by something else, or in another namespace, are not
 * the Job's. Owned pods that no longer match are released, unless the Job is being deleted. A
 * missing namespace (on the Job or the pod) reads as the same namespace: the API always sets one;
 * hand-made inputs often do not.
 */
export function podClaimer(job: Job): (p: Pod) => Claim {
  const uid = job.metadata.uid;
  const ns = job.metadata.namespace;
  const name = job.metadata.name;
  const matches = compileSelector(job.spec.selector);
  const jobDeleting = job.metadata.deletionTimestamp != null;
  return (p) => {
    const m = p.metadata;
    if (ns !== undefined && m.namespace !== undefined && m.namespace !== ns) return Claim.None;
    const ref = controllerOf(p);
    if (ref !== undefined) {
      // Listed only when the reference names this Job (the pod indexer keys on kind, name and
      // uid); ours only while it still matches the selector.
      if (ref.uid !== uid || ref.kind !== 'Job' || ref.name !== name) return Claim.None;
      if (matches(m.labels)) return Claim.Owned;
      return jobDeleting ? Claim.None : Claim.Released;
    }
    if (jobDeleting || m.deletionTimestamp != null || !matches(m.labels)) return Claim.None;
    const tracked = (m.ownerReferences ?? []).some((r) => r.uid === uid) || (m.finalizers ?? []).includes(JobTrackingFinalizer);
    return tracked ? Claim.Adopted : Claim.AdoptedUntracked;
  };
}

/** An adopted orphan as the pass sees it: tracked from now on, as if the adoption patch had added the finalizer. */
export function adopted(p: Pod, claim: Claim): Pod {
  return claim !== Claim.AdoptedUntracked ? p : { ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata.finalizers ?? []), JobTrackingFinalizer] } };
}

/** The Job's pods, and the pods it lets go of (owned, but no longer matching its selector). */
export interface ClaimedPods {
  readonly pods: readonly Pod[];
  /** Upstream patches these to drop the owner reference and the tracking finalizer. */
  readonly released: readonly Pod[];
}

/**
 * The pods the Job controls ({@link podClaimer}), in upstream's order: the Job's own pods first,
 * then the namespace's orphans (FilterPodsByOwner reads two index keys in turn); order decides
 * ties later (ActivePods). The pass claims inside its one walk (classifyPods); this is the same
 * decision over a list, for tests and tools.
 */
export function claimPods(job: Job, pods: readonly Pod[]): ClaimedPods {
  const claim = podClaimer(job);
  const released: Pod[] = [];
  const owned: Pod[] = [];
  const orphans: Pod[] = [];
  for (const p of pods) {
    const c = claim(p);
    if (c === Claim.Owned) owned.push(p);
    else if (c === Claim.Released) released.push(p);
    else if (c !== Claim.None) orphans.push(adopted(p, c));
  }
  return { pods: owned.length === pods.length ? pods : owned.concat(orphans), released };
}
