// The ActivePods sort of pkg/controller/controller_utils.go (v1.37.2): pods to delete first sort
// first. Sorted with Go's algorithm, so equal pods keep upstream's order.
import type { Pod } from '@jobkit/api';
import { isPodReady } from './podState.js';
import { goSortArray } from './goSort.js';
import { parseTime } from './time.js';

const phaseOrdinal: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

interface Key {
  readonly unassigned: boolean;
  readonly nodeName: string;
  readonly phase: number;
  readonly ready: boolean;
  readonly readyTime: number | undefined; // undefined = zero time
  readonly restarts: number;
  readonly sidecarRestarts: number;
  readonly created: number | undefined;
}

/** Parses timestamps once per distinct string: pods of a Job share most of theirs. */
type TimeCache = Map<string, number | undefined>;

function cachedTime(cache: TimeCache, t: string | undefined): number | undefined {
  if (t === undefined) return undefined;
  if (cache.has(t)) return cache.get(t);
  const ms = parseTime(t);
  cache.set(t, ms);
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

function sortKey(p: Pod, times: TimeCache): Key {
  const ready = isPodReady(p);
  let readyTime: number | undefined;
  if (ready) readyTime = cachedTime(times, p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime);
  let restarts = 0;
  const statuses = p.status?.containerStatuses;
  if (statuses !== undefined) for (const c of statuses) if ((c.restartCount ?? 0) > restarts) restarts = c.restartCount ?? 0;
  const nodeName = p.spec?.nodeName ?? '';
  return {
    unassigned: nodeName === '',
    nodeName,
    phase: phaseOrdinal[p.status?.phase ?? ''] ?? 0,
    ready,
    readyTime,
    restarts,
    // Restartable init containers (sidecars) break ties after the regular containers.
    sidecarRestarts: sidecarRestarts(p),
    created: cachedTime(times, p.metadata.creationTimestamp),
  };
}

/** upstream afterOrZero: a zero time sorts first, then the later time. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

function less(a: Key, b: Key): boolean {
  // 1. Unassigned < assigned.
  if (a.nodeName !== b.nodeName && (a.unassigned || b.unassigned)) return a.unassigned;
  // 2. Pending < Unknown < Running.
  if (a.phase !== b.phase) return a.phase < b.phase;
  // 3. Not ready < ready.
  if (a.ready !== b.ready) return !a.ready;
  // 4. Ready for a shorter time < longer.
  if (a.ready && b.ready && a.readyTime !== b.readyTime) return afterOrZero(a.readyTime, b.readyTime);
  // 5. More restarts < fewer (regular containers, then sidecars).
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.sidecarRestarts !== b.sidecarRestarts) return a.sidecarRestarts > b.sidecarRestarts;
  // 6. Empty creation time < newer < older.
  if (a.created !== b.created) return afterOrZero(a.created, b.created);
  return false;
}

interface Keyed {
  readonly pod: Pod;
  readonly key: Key;
}

/** `pods` in ActivePods order, sorted as Go's sort.Sort leaves them (ties included). */
export function sortActivePods(pods: readonly Pod[]): Pod[] {
  const times: TimeCache = new Map();
  const keyed = pods.map((pod): Keyed => ({ pod, key: sortKey(pod, times) }));
  goSortArray(keyed, (x, y) => less(x.key, y.key));
  return keyed.map((e) => e.pod);
}

/** The first `k` pods of {@link sortActivePods}. */
export function firstActivePods(pods: readonly Pod[], k: number): Pod[] {
  if (k <= 0) return [];
  // A full sort, not a selection: which of several equal pods come first is Go's sort's call.
  return sortActivePods(pods).slice(0, k);
}
