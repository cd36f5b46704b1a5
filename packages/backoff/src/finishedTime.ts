// Mirrors getFinishedTime in pkg/controller/job/backoff_utils.go.
import { PodConditionType, type ContainerStatus, type Pod } from '@jobkit/api';
import { GoZeroTimeMs, isZeroTime, timeMs } from './internal/time.js';

/**
 * Latest finishedAt over `statuses`, starting from `prev`; undefined as soon as one container is
 * not terminated or has no finish time (upstream latestFinishTime).
 */
function latestFinishTime(prev: number | undefined, statuses: readonly ContainerStatus[] | undefined): number | undefined {
  let finish = prev;
  for (const cs of statuses ?? []) {
    const t = cs.state?.terminated;
    if (t === undefined || isZeroTime(t.finishedAt)) return undefined;
    const ms = timeMs(t.finishedAt);
    if (finish === undefined || finish < ms) finish = ms;
  }
  return finish;
}

/**
 * App containers, then init containers starting from the app result: sidecars stop after the
 * app containers. As upstream, an app container without a finish time only drops the app
 * containers' result, so terminated init containers alone still give a time.
 */
function finishTimeFromContainers(pod: Pod): number | undefined {
  return latestFinishTime(latestFinishTime(undefined, pod.status?.containerStatuses), pod.status?.initContainerStatuses);
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
 * When a pod finished, in epoch milliseconds: the latest container finish time (app containers,
 * then init containers, see finishTimeFromContainers); else the PodReady=False transition time;
 * else deletionTimestamp minus the grace period; else the creation time (Go's zero time if unset).
 *
 * @category Backoff
 */
export function getFinishedTimeMs(pod: Pod): number {
  return (
    finishTimeFromContainers(pod) ??
    finishTimeFromReadyFalse(pod) ??
    finishTimeFromDeletion(pod) ??
    (pod.metadata.creationTimestamp === undefined ? GoZeroTimeMs : timeMs(pod.metadata.creationTimestamp))
  );
}

/**
 * {@link getFinishedTimeMs} as a Date.
 *
 * @category Backoff
 */
export function getFinishedTime(pod: Pod): Date {
  return new Date(getFinishedTimeMs(pod));
}
