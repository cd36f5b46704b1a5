// The ActivePods sort of pkg/controller/controller_utils.go (v1.37.2): pods to delete first sort
// first. Sorted with Go's algorithm, so equal pods keep upstream's order.
import { parseTime, type Pod } from '@jobkit/api';
import { isPodReady } from './podState.js';
import { goSort } from './goSort.js';

const phaseOrdinal: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** Go's zero metav1.Time, which sorts before every other time in afterOrZero. */
const ZERO = -Infinity;
const GO_ZERO_MS = -62_135_596_800_000;

/** Parses timestamps once per distinct string: pods of a Job share most of theirs. */
type TimeCache = Map<string, number>;

function cachedTime(cache: TimeCache, t: string | undefined): number {
  if (t === undefined) return ZERO;
  let ms = cache.get(t);
  if (ms === undefined) {
    const parsed = parseTime(t);
    ms = parsed === undefined || parsed === GO_ZERO_MS ? ZERO : parsed;
    cache.set(t, ms);
  }
  return ms;
}

function sidecarRestarts(p: Pod): number {
  const init = p.spec?.initContainers;
  if (init === undefined || init.length === 0) return 0;
  const sidecars = new Set(init.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let n = 0;
  for (const c of p.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) n = Math.max(n, c.restartCount ?? 0);
  return n;
}

/** The sort keys of every pod, one typed array per key (cheap comparisons over 10^5 pods). */
interface Keys {
  readonly unassigned: Uint8Array;
  readonly phase: Uint8Array;
  readonly ready: Uint8Array;
  readonly readyTime: Float64Array;
  readonly restarts: Float64Array;
  readonly sidecarRestarts: Float64Array;
  readonly created: Float64Array;
}

function sortKeys(pods: readonly Pod[]): Keys {
  const n = pods.length;
  const k: Keys = {
    unassigned: new Uint8Array(n),
    phase: new Uint8Array(n),
    ready: new Uint8Array(n),
    readyTime: new Float64Array(n),
    restarts: new Float64Array(n),
    sidecarRestarts: new Float64Array(n),
    created: new Float64Array(n),
  };
  const times: TimeCache = new Map();
  for (let i = 0; i < n; i++) {
    const p = pods[i]!;
    const ready = isPodReady(p);
    k.unassigned[i] = (p.spec?.nodeName ?? '') === '' ? 1 : 0;
    k.phase[i] = phaseOrdinal[p.status?.phase ?? ''] ?? 0;
    k.ready[i] = ready ? 1 : 0;
    k.readyTime[i] = ready ? cachedTime(times, p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime) : ZERO;
    let restarts = 0;
    const statuses = p.status?.containerStatuses;
    if (statuses !== undefined) for (const c of statuses) if ((c.restartCount ?? 0) > restarts) restarts = c.restartCount ?? 0;
    k.restarts[i] = restarts;
    // Restartable init containers (sidecars) break ties after the regular containers.
    k.sidecarRestarts[i] = sidecarRestarts(p);
    k.created[i] = cachedTime(times, p.metadata.creationTimestamp);
  }
  return k;
}

/** upstream afterOrZero: a zero time sorts first, then the later time. */
function afterOrZero(a: number, b: number): boolean {
  if (a === ZERO || b === ZERO) return a === ZERO;
  return a > b;
}

/** controller.ActivePods.Less for the pods at positions a and b. */
function less(k: Keys, a: number, b: number): boolean {
  // 1. Unassigned < assigned (node names differ and exactly one is empty).
  if (k.unassigned[a] !== k.unassigned[b]) return k.unassigned[a] === 1;
  // 2. Pending < Unknown < Running.
  if (k.phase[a] !== k.phase[b]) return k.phase[a]! < k.phase[b]!;
  // 3. Not ready < ready.
  if (k.ready[a] !== k.ready[b]) return k.ready[a] === 0;
  // 4. Ready for a shorter time < longer.
  if (k.ready[a] === 1 && k.readyTime[a] !== k.readyTime[b]) return afterOrZero(k.readyTime[a]!, k.readyTime[b]!);
  // 5. More restarts < fewer (regular containers, then sidecars).
  if (k.restarts[a] !== k.restarts[b]) return k.restarts[a]! > k.restarts[b]!;
  if (k.sidecarRestarts[a] !== k.sidecarRestarts[b]) return k.sidecarRestarts[a]! > k.sidecarRestarts[b]!;
  // 6. Empty creation time < newer < older.
  if (k.created[a] !== k.created[b]) return afterOrZero(k.created[a]!, k.created[b]!);
  return false;
}

/** `pods` in ActivePods order, sorted as Go's sort.Sort leaves them (ties included). */
export function sortActivePods(pods: readonly Pod[]): Pod[] {
  const n = pods.length;
  const keys = sortKeys(pods);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  goSort(
    n,
    (i, j) => less(keys, order[i]!, order[j]!),
    (i, j) => {
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    },
  );
  const out = new Array<Pod>(n);
  for (let i = 0; i < n; i++) out[i] = pods[order[i]!]!;
  return out;
}

/** The first `k` pods of {@link sortActivePods}. */
export function firstActivePods(pods: readonly Pod[], k: number): Pod[] {
  if (k <= 0) return [];
  // A full sort, not a selection: which of several equal pods come first is Go's sort's call.
  return sortActivePods(pods).slice(0, k);
}
