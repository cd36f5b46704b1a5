// A kubelet that plays scripted outcomes in virtual time: starts pods, makes them ready, ends
// their containers with the scripted exit code or disrupts them, restarts failed containers of
// OnFailure pods with the kubelet's crash-loop back-off (crashLoop.ts), and honours
// deletions (SIGTERM, then SIGKILL after terminationGracePeriodSeconds).
import { formatValidTime, PodConditionType } from '@jobkit/api';
import type { Pod } from '@jobkit/api';
import { type Cancel, type JobLoop, type PodRuntime, type Scheduler } from '@jobkit/loop';
import { isTerminalPhase, phaseOf, podCompletionIndex, withRunStatus, type ContainerRun, type PodRun } from './podStatus.js';
import { outcomeFor, type Outcome, type Script } from './script.js';
import { crashLoopDelayMs } from './crashLoop.js';
import { produce } from './internal/immer.js';

interface PodState {
  readonly uid: string;
  readonly index: number | undefined;
  readonly restartPolicy: string | undefined;
  readonly appNames: readonly string[];
  readonly initNames: readonly string[];
  run: PodRun;
  outcome: Outcome | undefined;
  timers: Cancel[];
  deleting: boolean;
}

export class ScriptedKubelet implements PodRuntime {
  private readonly pods = new Map<string, PodState>();
  private attempts = 0;
  private readonly indexAttempts = new Map<number, number>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly script: Script,
    private readonly loop: JobLoop,
  ) {}

  idle(): boolean {
    return true; // everything it will do is already on the scheduler
  }

  stop(): void {
    for (const state of this.pods.values()) this.clearTimers(state);
  }

  podCreated(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const state: PodState = {
      uid,
      index: podCompletionIndex(pod),
      restartPolicy: pod.spec?.restartPolicy,
      appNames: (pod.spec?.containers ?? []).map((c, i) => c.name ?? `container-${i}`),
      initNames: (pod.spec?.initContainers ?? []).map((c, i) => c.name ?? `init-${i}`),
      run: { phase: 'Pending', init: [], app: [] },
      outcome: undefined,
      timers: [],
      deleting: false,
    };
    state.run = {
      ...state.run,
      init: state.initNames.map((n) => [n, { state: 'waiting', reason: 'PodInitializing', restartCount: 0 }] as const),
      app: state.appNames.map((n) => [n, { state: 'waiting', reason: 'ContainerCreating', restartCount: 0 }] as const),
    };
    this.pods.set(uid, state);
    const outcome = this.nextOutcome(state);
    this.later(state, outcome.startDelayMs, () => this.startContainers(state, outcome));
    const deadline = pod.spec?.activeDeadlineSeconds;
    if (typeof deadline === 'number' && deadline >= 0) {
      // The kubelet's pod deadline: the pod fails with reason DeadlineExceeded, containers killed.
      this.later(state, deadline * 1000, () => {
        if (isTerminalPhase(state.run.phase) || state.deleting) return;
        this.clearTimers(state);
        state.run = { ...state.run, reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
        const kill = (): void => {
          const now = this.scheduler.now();
          const app = state.run.app.map(([n, c]) => [n, c.state === 'terminated' ? c : terminated(c, 143, 'Error', now)] as const);
          state.run = { ...state.run, app, phase: 'Failed' };
          this.report(state, 'Failed (pod activeDeadlineSeconds exceeded, DeadlineExceeded)');
        };
        this.later(state, Math.min(state.outcome?.terminationDelayMs ?? 0, (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000), kill);
      });
    }
  }

  podDeleting(pod: Pod): void {
    const state = this.pods.get(pod.metadata.uid ?? '');
    if (state === undefined || state.deleting) return;
    state.deleting = true;
    if (isTerminalPhase(state.run.phase)) return;
    this.clearTimers(state);
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const started = state.run.app.some(([, c]) => c.state === 'running');
    if (!started) {
      this.later(state, 0, () => this.terminate(state, 137, 'ContainerStatusUnknown', 'pod deleted before its containers started', 'killed before start'));
      return;
    }
    const delay = state.outcome?.terminationDelayMs ?? 0;
    if (delay <= grace) {
      this.later(state, delay, () => this.terminate(state, 143, 'Error', undefined, 'exited after SIGTERM (exit 143)'));
    } else {
      this.later(state, grace, () => this.terminate(state, 137, 'Error', undefined, `killed after the ${grace / 1000}s grace period (exit 137)`));
    }
  }

  private nextOutcome(state: PodState): Outcome {
    this.attempts += 1;
    let indexAttempt = 0;
    if (state.index !== undefined) {
      indexAttempt = (this.indexAttempts.get(state.index) ?? 0) + 1;
      this.indexAttempts.set(state.index, indexAttempt);
    }
    const outcome = outcomeFor(this.script, this.attempts, state.index, indexAttempt);
    state.outcome = outcome;
    return outcome;
  }

  private startContainers(state: PodState, outcome: Outcome): void {
    const now = this.scheduler.now();
    const ready = outcome.readyAfterMs === 0;
    state.run = {
      ...state.run,
      phase: 'Running',
      startTime: state.run.startTime ?? now,
      // Init containers are not scripted: they succeed at once.
      init: state.initNames.map(
        (n) => [n, { state: 'terminated', exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now, restartCount: 0 }] as const,
      ),
      // Containers that already ended with 0 stay so (an OnFailure restart reruns the failed ones).
      app: state.run.app.map(
        ([n, c]) =>
          [
            n,
            c.state === 'terminated' && c.exitCode === 0
              ? c
              : { state: 'running', startedAt: now, ready, restartCount: c.restartCount, ...(c.last ? { last: c.last } : {}) },
          ] as const,
      ),
    };
    const restarts = Math.max(0, ...state.run.app.map(([, c]) => c.restartCount));
    this.report(state, restarts > 0 ? `restarted (restartCount ${restarts})` : `Running${ready ? ', Ready' : ''}`);
    if (outcome.readyAfterMs !== undefined && outcome.readyAfterMs > 0 && outcome.readyAfterMs < outcome.durationMs) {
      this.later(state, outcome.readyAfterMs, () => {
        state.run = produce(state.run, (r) => {
          for (const [, c] of r.app) if (c.state === 'running') c.ready = true;
        });
        this.report(state, 'Ready');
      });
    }
    this.later(state, outcome.durationMs, () => {
      if (outcome.disruption !== undefined) this.disrupt(state, outcome);
      else this.exit(state, outcome);
    });
  }

  private exit(state: PodState, outcome: Outcome): void {
    const now = this.scheduler.now();
    const codeOf = (name: string): number => outcome.containerExitCodes.get(name) ?? outcome.exitCode;
    const app = state.run.app.map(([n, c]) => [n, c.state === 'running' ? terminated(c, codeOf(n), codeOf(n) === 0 ? 'Completed' : 'Error', now) : c] as const);
    const failed = app.filter(([, c]) => c.state === 'terminated' && c.exitCode !== 0).map(([n]) => n);
    const codes = [...new Set(app.map(([n]) => codeOf(n)))].join(',');
    if (failed.length > 0 && state.restartPolicy === 'OnFailure') {
      // Failed containers restart in place after the crash-loop back-off; restartCount counts
      // restarts done, so it grows when the new container starts.
      const restarts = Math.max(...app.filter(([n]) => failed.includes(n)).map(([, c]) => c.restartCount));
      const delay = crashLoopDelayMs(restarts + 1);
      state.run = {
        ...state.run,
        app: app.map(
          ([n, c]) =>
            [
              n,
              failed.includes(n)
                ? { state: 'waiting', reason: 'CrashLoopBackOff', restartCount: c.restartCount, ...(c.state === 'terminated' ? { last: c } : {}) }
                : c,
            ] as const,
        ),
      };
      this.report(state, `${failed.join(', ')} exited with ${codes}; restart ${restarts + 1} in ${delay / 1000}s${delay > 0 ? ' (CrashLoopBackOff)' : ''}`);
      const next = this.nextOutcome(state);
      this.later(state, delay, () => {
        state.run = produce(state.run, (r) => {
          for (const [n, c] of r.app) if (failed.includes(n)) c.restartCount += 1;
        });
        this.startContainers(state, next);
      });
      return;
    }
    state.run = { ...state.run, app, phase: phaseOf(state.restartPolicy, app) };
    this.report(state, `${state.run.phase} (exit code ${codes})`);
  }

  private disrupt(state: PodState, outcome: Outcome): void {
    const now = this.scheduler.now();
    const reason = outcome.disruption ?? 'EvictionByEvictionAPI';
    const app = state.run.app.map(([n, c]) => [n, terminated(c, outcome.exitCode, 'Error', now)] as const);
    state.run = {
      ...state.run,
      app,
      phase: 'Failed',
      extraConditions: [
        {
          type: PodConditionType.DisruptionTarget,
          status: 'True',
          reason,
          message: disruptionMessage(reason),
          lastTransitionTime: formatValidTime(now),
        },
      ],
    };
    state.deleting = true;
    this.loop.updatePod(state.uid, `disrupted (DisruptionTarget: ${reason}), Failed (exit code ${outcome.exitCode})`, (pod) => {
      const next = withRunStatus(pod, state.run, now);
      // Evictions and preemptions delete the pod.
      return pod.metadata.deletionTimestamp !== undefined
        ? next
        : produce(next, (d) => {
            d.metadata.deletionTimestamp = formatValidTime(now);
            d.metadata.deletionGracePeriodSeconds = 0;
          });
    });
  }

  private terminate(state: PodState, exitCode: number, reason: string, message: string | undefined, change: string): void {
    const now = this.scheduler.now();
    const app = state.run.app.map(([n, c]) => [n, terminated(c, exitCode, reason, now, message)] as const);
    state.run = { ...state.run, app, phase: app.every(([, c]) => c.state === 'terminated' && c.exitCode === 0) ? 'Succeeded' : 'Failed' };
    this.report(state, `${change}, ${state.run.phase}`);
  }

  private report(state: PodState, change: string): void {
    const now = this.scheduler.now();
    this.loop.updatePod(state.uid, change, (pod) => withRunStatus(pod, state.run, now));
  }

  private later(state: PodState, delayMs: number, task: () => void): void {
    const cancel = this.scheduler.at(this.scheduler.now() + delayMs, () => {
      state.timers = state.timers.filter((t) => t !== cancel);
      task();
    });
    state.timers.push(cancel);
  }

  private clearTimers(state: PodState): void {
    for (const cancel of state.timers) cancel();
    state.timers = [];
  }
}

function terminated(c: ContainerRun, exitCode: number, reason: string, now: number, message?: string): ContainerRun {
  const startedAt = c.state === 'running' ? c.startedAt : now;
  return {
    state: 'terminated',
    exitCode,
    reason,
    ...(message !== undefined ? { message } : {}),
    startedAt,
    finishedAt: now,
    restartCount: c.restartCount,
    ...(c.last ? { last: c.last } : {}),
  };
}

function disruptionMessage(reason: string): string {
  switch (reason) {
    case 'EvictionByEvictionAPI':
      return 'Eviction API: evicting';
    case 'PreemptionByScheduler':
      return 'Preempted by the scheduler';
    case 'DeletionByTaintManager':
      return 'Taint manager: deleting due to NoExecute taint';
    default:
      return `Disrupted: ${reason}`;
  }
}
