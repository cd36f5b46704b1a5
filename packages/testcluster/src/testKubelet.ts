// A test kubelet (and scheduler) for a cluster without nodes: binds each pod of a namespace to a
// pretend node and writes pod status through /status with only the transitions a real kubelet
// makes — Pending → Running → Succeeded/Failed (container exit codes, finishedAt), OnFailure
// restarts in place, a deleted pod's containers killed (exit 137) and its deletion completed
// (DELETE gracePeriodSeconds 0), as the kubelet does for a pod bound to its node.
import { formatValidTime, JobCompletionIndexAnnotation, JobNameLabel, type Pod, type PodCondition } from '@jobkit/api';
import { podsPath, type Kube } from './client.js';

/** What one run of a pod's container does. */
export interface PodOutcome {
  /** `Running`: runs until deleted. */
  readonly result: 'Succeeded' | 'Failed' | 'Running';
  /** Container exit code for Failed (default 1). */
  readonly exitCode?: number;
  /** How long the container runs once started (default 0: it ends at the next step). */
  readonly runMs?: number;
  /** Whether the pod reports Ready while it runs (default true). */
  readonly ready?: boolean;
  /** A DisruptionTarget condition written with the failure (as an eviction or preemption does). */
  readonly disruption?: boolean;
}

/** Which pod: its Job, its completion index (Indexed) or creation order within its Job, the container run. */
export interface PodKey {
  readonly job: string;
  readonly index?: number;
  /** 0-based, in the order pods of the Job were created (creationTimestamp, then name). */
  readonly ordinal: number;
  /** 0 for the first run; OnFailure restarts count up. */
  readonly attempt: number;
  readonly pod: Pod;
}

export type OutcomeScript = (key: PodKey) => PodOutcome;

export interface TestKubeletOptions {
  readonly namespace: string;
  readonly outcome: OutcomeScript;
  readonly nodeName?: string;
  readonly pollMs?: number;
  /** Pods to leave alone (e.g. a Job some other test plays); default none. */
  readonly ignore?: (pod: Pod) => boolean;
}

export interface TestKubelet {
  /** Stops the loop after the current step. */
  stop(): Promise<void>;
  /** Resolves after the next full step (list + writes) has finished. */
  step(): Promise<void>;
  /** Errors from the API server other than conflicts and not-found (each is a test failure). */
  readonly errors: readonly string[];
}

const nowIso = (): string => formatValidTime(new Date());

interface PodMemory {
  ordinal: number;
  attempt: number;
  startedMs?: number;
}

export function startTestKubelet(kube: Kube, opts: TestKubeletOptions): TestKubelet {
  const nodeName = opts.nodeName ?? 'jobkit-test-node';
  const pollMs = opts.pollMs ?? 100;
  const memory = new Map<string, PodMemory>();
  const ordinals = new Map<string, number>();
  const errors: string[] = [];
  let stopped = false;
  let waiters: (() => void)[] = [];

  const note = (what: string, status: number, body: unknown): void => {
    if (status === 404 || status === 409) return;
    errors.push(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
  };

  const writeStatus = async (pod: Pod, status: Record<string, unknown>): Promise<void> => {
    const res = await kube.patch(
      `${podsPath(opts.namespace, pod.metadata.name)}/status`,
      { metadata: { resourceVersion: pod.metadata.resourceVersion }, status },
      'merge',
    );
    if (res.status !== 200) note(`status of ${pod.metadata.name}`, res.status, res.body);
  };

  const containerName = (pod: Pod): string => pod.spec?.containers?.[0]?.name ?? 'main';

  const conditions = (ready: boolean, extra: readonly PodCondition[] = []): PodCondition[] => {
    const t = nowIso();
    return [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: t },
      { type: 'Initialized', status: 'True', lastTransitionTime: t },
      { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: t },
      { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: t },
      ...extra,
    ];
  };

  const terminated = async (pod: Pod, mem: PodMemory, exitCode: number, disruption: boolean, phase: 'Succeeded' | 'Failed'): Promise<void> => {
    const t = nowIso();
    const extra: PodCondition[] = disruption
      ? [{ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message: 'test kubelet: disrupted', lastTransitionTime: t }]
      : [];
    await writeStatus(pod, {
      phase,
      conditions: conditions(false, extra),
      startTime: pod.status?.startTime ?? t,
      containerStatuses: [
        {
          name: containerName(pod),
          image: pod.spec?.containers?.[0]?.image ?? '',
          imageID: '',
          ready: false,
          restartCount: mem.attempt,
          started: false,
          state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: pod.status?.startTime ?? t, finishedAt: t } },
        },
      ],
    });
  };

  const running = async (pod: Pod, mem: PodMemory, ready: boolean, lastExit?: number): Promise<void> => {
    const t = nowIso();
    await writeStatus(pod, {
      phase: 'Running',
      conditions: conditions(ready),
      startTime: pod.status?.startTime ?? t,
      containerStatuses: [
        {
          name: containerName(pod),
          image: pod.spec?.containers?.[0]?.image ?? '',
          imageID: '',
          ready,
          restartCount: mem.attempt,
          started: true,
          state: { running: { startedAt: t } },
          ...(lastExit !== undefined ? { lastState: { terminated: { exitCode: lastExit, reason: 'Error', startedAt: t, finishedAt: t } } } : {}),
        },
      ],
    });
  };

  const keyOf = (pod: Pod, mem: PodMemory): PodKey => {
    const raw = pod.metadata.annotations?.[JobCompletionIndexAnnotation];
    const index = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
    return { job: pod.metadata.labels?.[JobNameLabel] ?? '', ...(index !== undefined ? { index } : {}), ordinal: mem.ordinal, attempt: mem.attempt, pod };
  };

  const stepPod = async (pod: Pod): Promise<void> => {
    const name = pod.metadata.name ?? '';
    const uid = pod.metadata.uid ?? name;
    let mem = memory.get(uid);
    if (mem === undefined) {
      const job = pod.metadata.labels?.[JobNameLabel] ?? '';
      const ordinal = ordinals.get(job) ?? 0;
      ordinals.set(job, ordinal + 1);
      mem = { ordinal, attempt: 0 };
      memory.set(uid, mem);
    }
    const phase = pod.status?.phase ?? 'Pending';
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    if (pod.metadata.deletionTimestamp != null) {
      if (pod.spec?.nodeName === undefined || pod.spec.nodeName === '') return; // the API server deletes unbound pods itself
      // The kubelet kills the containers (SIGKILL after grace: exit 137), reports the terminal
      // phase, then completes the deletion.
      if (!terminal) await terminated(pod, mem, 137, false, 'Failed');
      const res = await kube.delete(podsPath(opts.namespace, name), {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid },
      });
      if (res.status !== 200 && res.status !== 202) note(`delete of ${name}`, res.status, res.body);
      return;
    }
    if (terminal) return;
    if (pod.spec?.nodeName === undefined || pod.spec.nodeName === '') {
      const res = await kube.post(`${podsPath(opts.namespace, name)}/binding`, {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, uid: pod.metadata.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
      });
      if (res.status !== 201) note(`binding of ${name}`, res.status, res.body);
      return;
    }
    const outcome = opts.outcome(keyOf(pod, mem));
    if (phase === 'Pending') {
      mem.startedMs = Date.now();
      await running(pod, mem, outcome.ready ?? true);
      return;
    }
    if (outcome.result === 'Running') return;
    if (Date.now() - (mem.startedMs ?? 0) < (outcome.runMs ?? 0)) return;
    const exitCode = outcome.result === 'Succeeded' ? 0 : (outcome.exitCode ?? 1);
    if (exitCode !== 0 && pod.spec?.restartPolicy === 'OnFailure' && outcome.disruption !== true) {
      // OnFailure: the kubelet restarts the container in place; the pod stays Running.
      mem.attempt++;
      mem.startedMs = Date.now();
      const next = opts.outcome(keyOf(pod, mem));
      await running(pod, mem, next.ready ?? true, exitCode);
      return;
    }
    await terminated(pod, mem, exitCode, outcome.disruption === true, exitCode === 0 ? 'Succeeded' : 'Failed');
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const res = await kube.get<{ items: Pod[] }>(podsPath(opts.namespace));
        if (res.status === 200) {
          const pods = [...res.body.items]
            .filter((p) => !(opts.ignore?.(p) ?? false))
            .sort(
              (a, b) =>
                (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
                (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
            );
          await Promise.all(pods.map(stepPod));
        } else {
          note('list pods', res.status, res.body);
        }
      } catch (e) {
        errors.push(`test kubelet: ${(e as Error).message}`);
      }
      const w = waiters;
      waiters = [];
      for (const f of w) f();
      if (!stopped) await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  const done = loop();
  return {
    errors,
    step: () =>
      new Promise<void>((r) => {
        waiters.push(r);
      }),
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
