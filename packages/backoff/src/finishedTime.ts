// Mirrors getFinishedTime in pkg/controller/job/backoff_utils.go (k8s.io/kubernetes v1.37.2).
import { GoZeroTimeMs, isZeroTime, parseTimeOrZero, PodConditionType, type ContainerStatus, type Pod } from '@jobkit/api';

/**
 * Latest finishedAt over `statuses` (those `include` accepts), starting from `prev`; undefined
 * as soon as one of them is not terminated or has no finish time (upstream latestFinishTime).
 */
function latestFinishTime(
  prev: number | undefined,
  statuses: readonly ContainerStatus[] | undefined,
  include?: (cs: ContainerStatus) => boolean,
): number | undefined {
  let finish = prev;
  for (const cs of statuses ?? []) {
    if (include !== undefined && !include(cs)) continue;
    const t = cs.state?.terminated;
    if (t === undefined || isZeroTime(t.finishedAt)) return undefined;
    const ms = parseTimeOrZero(t.finishedAt);
    if (finish === undefined || finish < ms) finish = ms;
  }
  return finish;
}

/**
 * App containers, then sidecars (init containers the pod spec declares with restartPolicy
 * Always), which stop after the app containers. As upstream (v1.37.2), the sidecars' scan starts
 * from the app result: an app container without a finish time only drops the app containers'
 * time, so terminated sidecars alone still give one.
 */
function finishTimeFromContainers(pod: Pod): number | undefined {
  const app = latestFinishTime(undefined, pod.status?.containerStatuses);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  return latestFinishTime(app, pod.status?.initContainerStatuses, (cs) => cs.name !== undefined && sidecars.has(cs.name));
}

function finishTimeFromReadyFalse(pod: Pod): number | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === PodConditionType.Ready);
  if (c !== undefined && c.status === 'False' && !isZeroTime(c.lastTransitionTime)) return parseTimeOrZero(c.lastTransitionTime);
  return undefined;
}

function finishTimeFromDeletion(pod: Pod): number | undefined {
  const d = pod.metadata.deletionTimestamp;
  if (d === undefined) return undefined;
  return parseTimeOrZero(d) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
}

/**
 * When a pod finished, in epoch milliseconds: the latest container finish time (app containers,
 * then sidecars, see finishTimeFromContainers); else the PodReady=False transition time;
 * else deletionTimestamp minus the grace period; else the creation time (Go's zero time if unset).
 *
 * @category Backoff
 */
export function getFinishedTimeMs(pod: Pod): number {
  return (
    finishTimeFromContainers(pod) ??
    finishTimeFromReadyFalse(pod) ??
    finishTimeFromDeletion(pod) ??
    (pod.metadata.creationTimestamp === undefined ? GoZeroTimeMs : parseTimeOrZero(pod.metadata.creationTimestamp))
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
