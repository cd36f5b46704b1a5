// The baseline of the sim world bench: withRunStatus (the pod status a kubelet report writes) as
// it was before it used immer (commit bee12d3, packages/sim/src/podStatus.ts compiled to
// JavaScript), the pod edit written by hand as nested spreads.
import { formatValidTime, PodConditionType } from '@jobkit/api';
/** Succeeded or Failed. */
function isTerminalPhase(phase) {
  return phase === 'Succeeded' || phase === 'Failed';
}
/** The pod with its status rebuilt from the containers' runs at `nowMs`. */
export function withRunStatusBySpreads(pod, run, nowMs) {
  const previous = pod.status?.conditions ?? [];
  // Sidecars (init containers with restartPolicy Always) count once started.
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const initialized = run.init.every(([name, c]) =>
    sidecars.has(name) ? c.state !== 'waiting' || c.restartCount > 0 : c.state === 'terminated' && c.exitCode === 0,
  );
  const containersReady = run.phase === 'Running' && run.app.every(([, c]) => c.state === 'running' && c.ready);
  const readyReason = isTerminalPhase(run.phase) ? 'PodCompleted' : containersReady ? undefined : 'ContainersNotReady';
  const conditions = [
    condition(previous, PodConditionType.PodScheduled, true, nowMs),
    condition(previous, 'Initialized', initialized || isTerminalPhase(run.phase), nowMs),
    condition(previous, 'ContainersReady', containersReady, nowMs, readyReason),
    condition(previous, PodConditionType.Ready, containersReady, nowMs, readyReason),
    ...(run.extraConditions ?? []),
  ];
  const status = {
    ...pod.status,
    phase: run.phase,
    conditions,
    ...(run.startTime !== undefined ? { startTime: formatValidTime(run.startTime) } : {}),
    ...(run.reason !== undefined ? { reason: run.reason } : {}),
    ...(run.message !== undefined ? { message: run.message } : {}),
    ...(run.init.length > 0 ? { initContainerStatuses: run.init.map(([name, c]) => containerStatus(pod, name, c)) } : {}),
    containerStatuses: run.app.map(([name, c]) => containerStatus(pod, name, c)),
  };
  return { ...pod, status };
}
function condition(previous, type, value, nowMs, reason) {
  const status = value ? 'True' : 'False';
  const old = previous.find((c) => c.type === type);
  const lastTransitionTime =
    old !== undefined && old.status === status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : formatValidTime(nowMs);
  return { type, status, lastTransitionTime, ...(reason !== undefined && !value ? { reason } : {}) };
}
function containerStatus(pod, name, run) {
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === name);
  const base = {
    name,
    image: spec?.image ?? '',
    imageID: '',
    restartCount: run.restartCount,
    ...(run.last !== undefined ? { lastState: { terminated: terminatedState(run.last) } } : {}),
  };
  switch (run.state) {
    case 'waiting':
      return { ...base, ready: false, started: false, state: { waiting: { reason: run.reason } } };
    case 'running':
      return { ...base, ready: run.ready, started: true, state: { running: { startedAt: formatValidTime(run.startedAt) } } };
    case 'terminated':
      return { ...base, ready: false, started: false, state: { terminated: terminatedState(run) } };
  }
}
function terminatedState(t) {
  return {
    exitCode: t.exitCode,
    ...(t.signal !== undefined ? { signal: t.signal } : {}),
    reason: t.reason,
    ...(t.message !== undefined ? { message: t.message } : {}),
    startedAt: formatValidTime(t.startedAt),
    finishedAt: formatValidTime(t.finishedAt),
  };
}
