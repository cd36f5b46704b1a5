// Indexed-job bookkeeping of pkg/controller/job/indexed_job_utils.go: succeeded and failed
// indexes, the per-index pod whose deletion waits for its replacement, and which active pods
// to remove (duplicated / invalid indexes first, then ActivePods order).
import { getFinishedTimeMs } from '@jobkit/backoff';
import {
  emptyIntervals,
  getIndexAbsoluteFailureCount,
  hasIndex,
  intervalsFromIndexes,
  parseIndexesFromString,
  mergeIntervals,
  type OrderedIntervals,
} from '@jobkit/indexes';
import { isIndexFailed } from '@jobkit/policy';
import type { Pod } from '@jobkit/api';
import { isValidIndex, type SyncCtx } from './internal/context.js';
import { firstActivePods, sortActivePods } from './internal/activePods.js';
import { goSort } from './internal/goSort.js';
import { hasTrackingFinalizer, isPodFailed, podUid } from './internal/podState.js';

/** Previous (from status) and current succeeded indexes: Succeeded pods with finalizer and valid index. */
export function calculateSucceededIndexes(ctx: SyncCtx): { prev: OrderedIntervals; current: OrderedIntervals } {
  const prev = parseIndexesFromString(ctx.status.completedIndexes ?? '', ctx.completions ?? 0);
  return { prev, current: mergeIntervals(prev, intervalsFromIndexes(ctx.succeededWithFinalizerIndexes)) };
}

/** status.failedIndexes plus indexes failed since (backoffLimitPerIndex only). */
export function calculateFailedIndexes(ctx: SyncCtx): OrderedIntervals {
  const prev = ctx.status.failedIndexes !== undefined ? parseIndexesFromString(ctx.status.failedIndexes, ctx.completions ?? 0) : emptyIntervals;
  const fresh: number[] = [];
  for (let i = 0; i < ctx.pods.length; i++) {
    const p = ctx.pods[i]!;
    if (!hasTrackingFinalizer(p, ctx.trackingFinalizer)) continue;
    const ix = ctx.indexOf(p);
    if (isValidIndex(ctx, ix) && isIndexFailed(ctx.job, p)) fresh.push(ix);
  }
  return mergeIntervals(prev, intervalsFromIndexes(fresh));
}

/**
 * Per index that is neither succeeded, failed nor running, the failed pod kept (finalizer not
 * removed) until its replacement carries its failure count: the highest absolute failure count,
 * ties to the later finish.
 */
export function podsWithDelayedDeletionPerIndex(ctx: SyncCtx): Map<number, Pod> {
  const activeIndexes = new Set<number>();
  for (let i = 0; i < ctx.activePods.length; i++) {
    const p = ctx.activePods[i]!;
    const ix = ctx.indexOf(p);
    if (ix >= 0) activeIndexes.add(ix);
  }
  const out = new Map<number, Pod>();
  for (let i = 0; i < ctx.pods.length; i++) {
    const p = ctx.pods[i]!;
    if (!hasTrackingFinalizer(p, ctx.trackingFinalizer) || ctx.expectedRmFinalizers.has(podUid(p))) continue;
    const ix = ctx.indexOf(p);
    if (!isValidIndex(ctx, ix) || !isPodFailed(p, ctx.onlyReplaceFailedPods)) continue;
    if (hasIndex(ctx.succeededIndexes, ix) || (ctx.failedIndexes !== undefined && hasIndex(ctx.failedIndexes, ix)) || activeIndexes.has(ix)) {
      continue;
    }
    const last = out.get(ix);
    if (last === undefined || (getIndexAbsoluteFailureCount(last) <= getIndexAbsoluteFailureCount(p) && getFinishedTimeMs(p) >= getFinishedTimeMs(last))) {
      out.set(ix, p);
    }
  }
  return out;
}

/** Pods by completion index (unknown, -1, first), as Go's sort.Sort(byCompletionIndex) leaves them. */
export function sortByCompletionIndex(ctx: SyncCtx, pods: readonly Pod[]): Pod[] {
  const n = pods.length;
  const ix = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ix[i] = ctx.indexOf(pods[i]!);
    order[i] = i;
  }
  goSort(
    n,
    (i, j) => ix[i]! < ix[j]!,
    (i, j) => {
      const t = ix[i]!;
      ix[i] = ix[j]!;
      ix[j] = t;
      const o = order[i]!;
      order[i] = order[j]!;
      order[j] = o;
    },
  );
  const out = new Array<Pod>(n);
  for (let i = 0; i < n; i++) out[i] = pods[order[i]!]!;
  return out;
}

/** One linear scan: does any index lack validity, or repeat? `indexes` as from ctx.indexOf. */
function hasInvalidOrDuplicateIndex(completions: number, indexes: ArrayLike<number>): boolean {
  // A bitmap is far cheaper than a Set for the usual completions; huge ones fall back to a Set.
  const bits = completions <= 1 << 24 ? new Uint32Array((completions >>> 5) + 1) : undefined;
  const seen = bits === undefined ? new Set<number>() : undefined;
  for (let i = 0; i < indexes.length; i++) {
    const ix = indexes[i]!;
    if (ix < 0 || ix >= completions) return true;
    if (bits !== undefined) {
      const w = ix >>> 5;
      const m = 1 << (ix & 31);
      if ((bits[w]! & m) !== 0) return true;
      bits[w] = bits[w]! | m;
    } else {
      if (seen!.has(ix)) return true;
      seen!.add(ix);
    }
  }
  return false;
}

/**
 * Active pods to delete, at least `rmAtLeast`: for Indexed jobs first every pod without a valid
 * index and all but the best pod of each duplicated index; then the rest in ActivePods order.
 * Only the first `limit` of that list are returned.
 */
export function activePodsForRemoval(ctx: SyncCtx, pods: readonly Pod[], rmAtLeast: number, limit = Infinity): Pod[] {
  const rm: Pod[] = [];
  let left: readonly Pod[] = pods;
  if (ctx.indexed && rmAtLeast === 0) {
    const indexes = pods === ctx.activePods ? ctx.activeIndexes : pods.map(ctx.indexOf);
    if (!hasInvalidOrDuplicateIndex(ctx.completions ?? 0, indexes)) return rm;
  }
  if (ctx.indexed) {
    const kept: Pod[] = [];
    const sorted = sortByCompletionIndex(ctx, pods);
    const completions = ctx.completions ?? 0;
    // Groups of equal index are flushed when the next index starts; the out-of-range tail is
    // appended before the last pending group, as upstream's loop does.
    const flush = (start: number, end: number, ix: number): void => {
      if (end - start === 0) return;
      if (ix < 0) for (let k = start; k < end; k++) rm.push(sorted[k]!);
      else if (end - start === 1) kept.push(sorted[start]!);
      else {
        const order = sortActivePods(sorted.slice(start, end));
        for (let k = 0; k < order.length - 1; k++) rm.push(order[k]!);
        kept.push(order[order.length - 1]!);
      }
    };
    let start = 0;
    let lastIx = -1;
    let end = sorted.length;
    for (let i = 0; i < sorted.length; i++) {
      const ix = ctx.indexOf(sorted[i]!);
      if (ix >= completions) {
        for (let k = i; k < sorted.length; k++) rm.push(sorted[k]!);
        end = i;
        break;
      }
      if (ix !== lastIx) {
        flush(start, i, lastIx);
        start = i;
        lastIx = ix;
      }
    }
    flush(start, end, lastIx);
    left = kept;
  }
  // Only the first `limit` are used: select them rather than sort every pod.
  if (rm.length < rmAtLeast && rm.length < limit) {
    for (const p of firstActivePods(left, Math.min(rmAtLeast, limit) - rm.length)) rm.push(p);
  }
  return rm.length > limit ? rm.slice(0, limit) : rm;
}
