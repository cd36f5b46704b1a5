// Pod status as the kubelet reports it (pkg/kubelet/status, kubelet_pods.go getPhase), built
// from what the containers did. Shared by the scripted kubelet (sim) and the process one (runner).
import { formatValidTime, JobCompletionIndexAnnotation, PodConditionType } from '@jobkit/api';
import type { ContainerStatus, Pod, PodCondition } from '@jobkit/api';
import { produce } from './internal/immer.js';

/** The state of one container as a runtime sees it. */
export type ContainerRun =
  | { readonly state: 'waiting'; readonly reason: string; readonly restartCount: number; readonly last?: Terminated }
  | { readonly state: 'running'; readonly startedAt: number; readonly ready: boolean; readonly restartCount: number; readonly last?: Terminated }
  | ({ readonly state: 'terminated'; readonly restartCount: number; readonly last?: Terminated } & Terminated);

export interface Terminated {
  readonly exitCode: number;
  readonly signal?: number;
  readonly reason: string;
  readonly message?: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

export interface PodRun {
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  readonly startTime?: number;
  readonly init: readonly (readonly [string, ContainerRun])[];
  readonly app: readonly (readonly [string, ContainerRun])[];
  /** Extra conditions (DisruptionTarget) kept across updates. */
  readonly extraConditions?: readonly PodCondition[];
  readonly reason?: string;
  readonly message?: string;
}

/** The pod's completion index from its annotation, as the controller reads it. */
export function podCompletionIndex(pod: Pod): number | undefined {
  const value = pod.metadata.annotations?.[JobCompletionIndexAnnotation];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Succeeded or Failed. */
export function isTerminalPhase(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The pod with its status rebuilt from the containers' runs at `nowMs`. */
export function withRunStatus(pod: Pod, run: PodRun, nowMs: number): Pod {
  const previous = pod.status?.conditions ?? [];
  // Sidecars (init containers with restartPolicy Always) count once started.
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const initialized = run.init.every(([name, c]) =>
    sidecars.has(name) ? c.state !== 'waiting' || c.restartCount > 0 : c.state === 'terminated' && c.exitCode === 0,
  );
  const containersReady = run.phase === 'Running' && run.app.every(([, c]) => c.state === 'running' && c.ready);
  const readyReason = isTerminalPhase(run.phase) ? 'PodCompleted' : containersReady ? undefined : 'ContainersNotReady';
  const conditions: PodCondition[] = [
    condition(previous, PodConditionType.PodScheduled, true, nowMs),
    condition(previous, 'Initialized', initialized || isTerminalPhase(run.phase), nowMs),
    condition(previous, 'ContainersReady', containersReady, nowMs, readyReason),
    condition(previous, PodConditionType.Ready, containersReady, nowMs, readyReason),
    ...(run.extraConditions ?? []),
  ];
  // The status is drafted on its own and the pod gets it by a one-level spread: with the pod as
  // the draft's root, immer 11 walks every new list assigned below it (conditions, container
  // statuses) looking for drafts, which made each report about a third slower.
  const status = produce(pod.status ?? {}, (d) => {
    d.phase = run.phase;
    d.conditions = conditions;
    if (run.startTime !== undefined) d.startTime = formatValidTime(run.startTime);
    if (run.reason !== undefined) d.reason = run.reason;
    if (run.message !== undefined) d.message = run.message;
    if (run.init.length > 0) d.initContainerStatuses = run.init.map(([name, c]) => containerStatus(pod, name, c));
    d.containerStatuses = run.app.map(([name, c]) => containerStatus(pod, name, c));
  });
  return { ...pod, status };
}

function condition(previous: readonly PodCondition[], type: string, value: boolean, nowMs: number, reason?: string): PodCondition {
  const status = value ? 'True' : 'False';
  const old = previous.find((c) => c.type === type);
  const lastTransitionTime =
    old !== undefined && old.status === status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : formatValidTime(nowMs);
  return { type, status, lastTransitionTime, ...(reason !== undefined && !value ? { reason } : {}) };
}

function containerStatus(pod: Pod, name: string, run: ContainerRun): ContainerStatus {
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

function terminatedState(t: Terminated) {
  return {
    exitCode: t.exitCode,
    ...(t.signal !== undefined ? { signal: t.signal } : {}),
    reason: t.reason,
    ...(t.message !== undefined ? { message: t.message } : {}),
    startedAt: formatValidTime(t.startedAt),
    finishedAt: formatValidTime(t.finishedAt),
  };
}

/** Phase from the app containers (kubelet getPhase, without init or sidecar subtleties). */
export function phaseOf(restartPolicy: string | undefined, app: readonly (readonly [string, ContainerRun])[]): PodRun['phase'] {
  const allTerminated = app.every(([, c]) => c.state === 'terminated');
  if (allTerminated && app.length > 0) {
    const allZero = app.every(([, c]) => c.state === 'terminated' && c.exitCode === 0);
    if (allZero) return 'Succeeded';
    if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Always') return 'Failed';
  }
  return app.some(([, c]) => c.state === 'running' || c.state === 'terminated' || c.restartCount > 0) ? 'Running' : 'Pending';
}
