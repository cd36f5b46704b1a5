// Mirrors getFinishedTime in pkg/controller/job/backoff_utils.go.
import { PodConditionType, type ContainerStatus, type Pod } from '@jobkit/api';
import { GoZeroTimeMs, isZeroTime, timeMs } from './internal/time.js';

/** Latest finishedAt when every container (init and app) has terminated with a non-zero time. */
function finishTimeFromContainers(pod: Pod): number | undefined {
  let finish: number | undefined;
  // Newer upstream also scans init containers: a sidecar stops after the app containers
  // (backoff_utils_test.go "Pod with init container and all containers terminated").
  const lists: (readonly ContainerStatus[] | undefined)[] = [pod.status?.containerStatuses, pod.status?.initContainerStatuses];
  for (const list of lists) {
    for (const cs of list ?? []) {
      const t = cs.state?.terminated;
      if (t === undefined || isZeroTime(t.finishedAt)) return undefined;
      const ms = timeMs(t.finishedAt);
      if (finish === undefined || finish < ms) finish = ms;
    }
  }
  return finish;
}

function finishTimeFromReadyFalse(pod: Pod): number | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === PodConditionType.Ready);
  if (c !== undefined && c.status === 'False' && !isZeroTime(c.lastTransitionTime)) return timeMs(c.lastTransitionTime);
  return undefined;
}

function finishTimeFromDeletion(pod: Pod): number | undefined {
  const d = pod.metadata.deletionTimestamp;
  if (d === undefined) return undefined;
  return timeMs(d) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
}

/**
 * When a pod finished, in epoch milliseconds: the latest container finish time if all
 * containers terminated; else the PodReady=False transition time; else deletionTimestamp minus
 * the grace period; else the creation time (Go's zero time if unset).
 */
export function getFinishedTimeMs(pod: Pod): number {
  return (
    finishTimeFromContainers(pod) ??
    finishTimeFromReadyFalse(pod) ??
    finishTimeFromDeletion(pod) ??
    (pod.metadata.creationTimestamp === undefined ? GoZeroTimeMs : timeMs(pod.metadata.creationTimestamp))
  );
}

/** {@link getFinishedTimeMs} as a Date. */
export function getFinishedTime(pod: Pod): Date {
  return new Date(getFinishedTimeMs(pod));
}
