// The ActivePods sort of pkg/controller/controller_utils.go: pods to delete first sort first.
import type { Pod } from '@jobkit/api';
import { isPodReady } from './podState.js';
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

function sortKey(p: Pod): Key {
  const ready = isPodReady(p);
  let readyTime: number | undefined;
  if (ready) readyTime = parseTime(p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime);
  let restarts = 0;
  for (const c of p.status?.containerStatuses ?? []) restarts = Math.max(restarts, c.restartCount ?? 0);
  // Restartable init containers (sidecars) break ties after the regular containers.
  let sidecarRestarts = 0;
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  if (sidecars.size > 0) {
    for (const c of p.status?.initContainerStatuses ?? []) {
      if (sidecars.has(c.name)) sidecarRestarts = Math.max(sidecarRestarts, c.restartCount ?? 0);
    }
  }
  const nodeName = p.spec?.nodeName ?? '';
  return {
    unassigned: nodeName === '',
    nodeName,
    phase: phaseOrdinal[p.status?.phase ?? ''] ?? 0,
    ready,
    readyTime,
    restarts,
    sidecarRestarts,
    created: parseTime(p.metadata.creationTimestamp),
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

/** A copy of `pods` in ActivePods order (stable for ties, where upstream's sort is unstable). */
export function sortActivePods(pods: readonly Pod[]): Pod[] {
  const keyed = pods.map((pod) => ({ pod, key: sortKey(pod) }));
  keyed.sort((x, y) => (less(x.key, y.key) ? -1 : less(y.key, x.key) ? 1 : 0));
  return keyed.map((k) => k.pod);
}
