// The controller's memory of its own writes that the informer has not shown yet
// (pkg/controller/controller_utils.go ControllerExpectations and job_controller.go's
// uidTrackingExpectations). Pod expectations: set before creates and deletes, lowered by informer
// events and by failed or skipped calls; satisfied at ≤ 0 or once 5 minutes old. Finalizer
// expectations: the UIDs whose tracking-finalizer removal was sent and not seen yet — the pass's
// SyncOptions.finalizerRemovalsPending. Times are the caller's (an injected clock).

/** Upstream's ExpectationsTimeout: expectations older than this count as satisfied. */
export const ExpectationsTimeoutMs = 5 * 60_000;

interface Record {
  add: number;
  del: number;
  at: number;
}

/** Pod creations and deletions per Job key. */
export class PodExpectations {
  private readonly records = new Map<string, Record>();

  /** Sets the creations a pass is about to make (replaces any earlier record, as SetExpectations). */
  expectCreations(key: string, n: number, nowMs: number): void {
    this.records.set(key, { add: n, del: 0, at: nowMs });
  }

  expectDeletions(key: string, n: number, nowMs: number): void {
    this.records.set(key, { add: 0, del: n, at: nowMs });
  }

  creationObserved(key: string, n = 1): void {
    const r = this.records.get(key);
    if (r !== undefined) r.add -= n;
  }

  deletionObserved(key: string, n = 1): void {
    const r = this.records.get(key);
    if (r !== undefined) r.del -= n;
  }

  /** True when no write of ours is outstanding (or the record expired). */
  satisfied(key: string, nowMs: number): boolean {
    const r = this.records.get(key);
    if (r === undefined) return true;
    return (r.add <= 0 && r.del <= 0) || nowMs - r.at > ExpectationsTimeoutMs;
  }

  delete(key: string): void {
    this.records.delete(key);
  }
}

/** Tracking-finalizer removals in flight, per Job key. */
export class FinalizerExpectations {
  private readonly uids = new Map<string, Set<string>>();

  expectRemovals(key: string, uids: readonly string[]): void {
    if (uids.length === 0) return;
    let s = this.uids.get(key);
    if (s === undefined) this.uids.set(key, (s = new Set()));
    for (const u of uids) s.add(u);
  }

  /** The informer shows the finalizer gone or the pod deleted, or the patch failed. */
  removalObserved(key: string, uid: string): void {
    const s = this.uids.get(key);
    if (s === undefined) return;
    s.delete(uid);
    if (s.size === 0) this.uids.delete(key);
  }

  pending(key: string): readonly string[] {
    return [...(this.uids.get(key) ?? [])];
  }

  delete(key: string): void {
    this.uids.delete(key);
  }
}
