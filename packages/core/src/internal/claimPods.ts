// Which of the listed pods the Job controls: getPodsForJob in job_controller.go with ClaimPods of
// pkg/controller/controller_ref_manager.go. Selector matching (metav1.LabelSelectorAsSelector) is
// @jobkit/api's compileSelector.
import { compileSelector, JobTrackingFinalizer, type Job, type OwnerReference, type Pod } from '@jobkit/api';
import { hasTrackingFinalizer } from './podState.js';

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
export function podClaimer(job: Job, trackingFinalizer: string = JobTrackingFinalizer): (p: Pod) => Claim {
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
    const tracked = (m.ownerReferences ?? []).some((r) => r.uid === uid) || hasTrackingFinalizer(p, trackingFinalizer);
    return tracked ? Claim.Adopted : Claim.AdoptedUntracked;
  };
}

/** An adopted orphan as the pass sees it: tracked from now on, as if the adoption patch had added the finalizer. */
export function adopted(p: Pod, claim: Claim, trackingFinalizer: string = JobTrackingFinalizer): Pod {
  return claim !== Claim.AdoptedUntracked ? p : { ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata.finalizers ?? []), trackingFinalizer] } };
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
