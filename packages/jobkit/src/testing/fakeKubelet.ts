// Test support: a fake kubelet (plus the API server's pod GC, a user editing the Job spec or
// deleting the Job, and the controller's lagging memory) that moves the world along from
// scripted, generator-chosen decisions. Deterministic: no clock, no randomness.
import fc from 'fast-check';
import { formatValidTime } from '@jobkit/api';
import { JobTrackingFinalizer, validateJobUpdate, type ClusterState, type Job, type Pod, type PodCondition } from '../index.js';
import { ContainerName, FailureExitCodes } from './jobArbitrary.js';

/** What happens between two passes. */
export interface KubeletStep {
  /** Time that passes before the next pass. */
  readonly advanceMs: number;
  /** Per pod (in name order, cycled): what the kubelet does with it; see {@link kubeletStep}. */
  readonly fates: readonly number[];
  /** Exit codes of failing containers, cycled. */
  readonly exitCodes: readonly number[];
  /** Flip spec.suspend (a user's spec update, not a status write). */
  readonly toggleSuspend: boolean;
  /** Scale: parallelism (and completions, for an elastic Indexed Job) to this, if the API allows it. */
  readonly scaleTo: number | undefined;
  /** Then (a second edit before the controller's next pass) parallelism alone to this. */
  readonly parallelismTo: number | undefined;
  /** The user deletes the Job (metadata.deletionTimestamp; the Job's own finalizers keep it). */
  readonly deleteJob: boolean;
  /** Pod GC removes finished pods without finalizers. */
  readonly gc: boolean;
  /** The controller's memory for the next pass (informer lag, small uncounted batches). */
  readonly controller: {
    readonly expectationsSatisfied: boolean;
    readonly maxUncountedPods: number | undefined;
    /** The next pass sees the pods as the previous pass saw them (see playPasses). */
    readonly lag: boolean;
  };
}

/** Delays around the backoff steps (10 s doubling to 10 min) and the deadlines the generator uses. */
const advances = [0, 1_000, 5_000, 10_000, 20_000, 45_000, 120_000, 11 * 60_000, 20 * 60_000];

export const kubeletStepArb: fc.Arbitrary<KubeletStep> = fc.record({
  advanceMs: fc.constantFrom(...advances),
  fates: fc.array(fc.nat({ max: 10 }), { minLength: 1, maxLength: 6 }),
  exitCodes: fc.array(fc.constantFrom(...FailureExitCodes), { minLength: 1, maxLength: 3 }),
  toggleSuspend: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))), // ~1 in 4
  scaleTo: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 1 }),
  parallelismTo: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 1 }),
  deleteJob: fc.oneof({ arbitrary: fc.constant(false), weight: 40 }, { arbitrary: fc.constant(true), weight: 1 }),
  gc: fc.boolean(),
  controller: fc.record({
    expectationsSatisfied: fc.oneof({ arbitrary: fc.constant(true), weight: 6 }, { arbitrary: fc.constant(false), weight: 1 }),
    maxUncountedPods: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 1 }),
    lag: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
  }),
});

/** metav1.Time text of `ms` (whole seconds, UTC). */
export const iso = (ms: number): string => formatValidTime(ms);

const terminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const deleting = (p: Pod): boolean => p.metadata.deletionTimestamp != null;
const hasFinalizers = (p: Pod): boolean => (p.metadata.finalizers ?? []).length > 0;

const ready = (status: 'True' | 'False', t: string): PodCondition => ({ type: 'Ready', status, lastTransitionTime: t });
const disruption = (t: string): PodCondition => ({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', lastTransitionTime: t });

function finished(p: Pod, phase: 'Succeeded' | 'Failed', exitCode: number, t: string, extra: readonly PodCondition[] = []): Pod {
  const reason = exitCode === 0 ? 'Completed' : 'Error';
  const restartCount = p.status?.containerStatuses?.[0]?.restartCount ?? 0;
  return {
    ...p,
    status: {
      ...p.status,
      phase,
      conditions: [...extra, ready('False', t)],
      containerStatuses: [{ name: ContainerName, restartCount, ready: false, state: { terminated: { exitCode, reason, finishedAt: t } } }],
    },
  };
}

function running(p: Pod, isReady: boolean, t: string, restartCount?: number): Pod {
  const rc = restartCount ?? p.status?.containerStatuses?.[0]?.restartCount ?? 0;
  return {
    ...p,
    status: {
      ...p.status,
      phase: 'Running',
      startTime: p.status?.startTime ?? t,
      conditions: [ready(isReady ? 'True' : 'False', t)],
      containerStatuses: [{ name: ContainerName, restartCount: rc, ready: isReady, state: { running: { startedAt: t } } }],
    },
  };
}

/**
 * One step of the world between passes, at `nowMs` (after the advance):
 * - pods being deleted finish (phase Failed, exit 137; fate 5: Succeeded, exit 0) unless their
 *   fate is 0 or 2 (they stay terminating one more step); deleted pods without finalizers go;
 * - Pending pods: fate 0-1 stay, 2-5 run Ready, 6 run not Ready, 7 fail, 8 succeed, 9 stay;
 * - Running pods: fate 0-1 stay, 2-3 succeed, 4 fail (restartPolicy OnFailure: the container
 *   restarts instead), 5 fail with DisruptionTarget, 6 get evicted (deletionTimestamp and
 *   DisruptionTarget, still running), 7 flip readiness, 8-9 stay;
 * - with `gc`, finished pods without finalizers are removed;
 * - Running pods with fate 10 lose their node (phase Unknown);
 * - with `toggleSuspend`, spec.suspend flips; with `scaleTo`, the Job is scaled (elastic Indexed
 *   Jobs: completions too), then with `parallelismTo` parallelism alone; with `deleteJob`, it is
 *   deleted (spec edits only as the API server allows).
 */
export function kubeletStep(state: ClusterState, step: KubeletStep, nowMs: number, onUserWrite?: (w: UserWrite) => void): ClusterState {
  const t = iso(nowMs);
  const onFailure = state.job.spec.template.spec?.restartPolicy === 'OnFailure';
  const sorted = [...state.pods].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  let exitIx = 0;
  const nextExit = (): number => step.exitCodes[exitIx++ % step.exitCodes.length] ?? 1;
  const pods: Pod[] = [];
  sorted.forEach((p, i) => {
    const fate = step.fates[i % step.fates.length] ?? 0;
    if (deleting(p)) {
      if (terminal(p)) {
        if (hasFinalizers(p)) pods.push(p);
        return;
      }
      if (fate % 2 === 0 && fate < 4) {
        pods.push(p); // still shutting down
        return;
      }
      // Most containers die on SIGTERM/SIGKILL; some finish their work within the grace period.
      const kept = p.status?.conditions?.filter((c) => c.type === 'DisruptionTarget') ?? [];
      const done = fate === 5 ? finished(p, 'Succeeded', 0, t, kept) : finished(p, 'Failed', 137, t, kept);
      if (hasFinalizers(done)) pods.push(done);
      return;
    }
    if (terminal(p)) {
      if (!(step.gc && !hasFinalizers(p))) pods.push(p);
      return;
    }
    const phase = p.status?.phase ?? 'Pending';
    if (phase === 'Pending') {
      if (fate >= 2 && fate <= 5) pods.push(running(p, true, t));
      else if (fate === 6) pods.push(running(p, false, t));
      else if (fate === 7) pods.push(finished(p, 'Failed', nextExit(), t));
      else if (fate === 8) pods.push(finished(p, 'Succeeded', 0, t));
      else pods.push(p);
      return;
    }
    switch (fate) {
      case 2:
      case 3:
        pods.push(finished(p, 'Succeeded', 0, t));
        return;
      case 4: {
        if (onFailure) {
          const rc = (p.status?.containerStatuses?.[0]?.restartCount ?? 0) + 1;
          pods.push(running(p, false, t, rc));
        } else pods.push(finished(p, 'Failed', nextExit(), t));
        return;
      }
      case 5:
        pods.push(finished(p, 'Failed', nextExit(), t, [disruption(t)]));
        return;
      case 6:
        pods.push({
          ...p,
          metadata: { ...p.metadata, deletionTimestamp: t, deletionGracePeriodSeconds: 30 },
          status: { ...p.status, conditions: [...(p.status?.conditions ?? []), disruption(t)] },
        });
        return;
      case 7: {
        const isReady = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
        pods.push(running(p, !isReady, t));
        return;
      }
      case 10:
        pods.push({ ...p, status: { ...p.status, phase: 'Unknown', conditions: [ready('False', t)] } });
        return;
      default:
        pods.push(p);
    }
  });
  const job = userEdits(state.job, step, t, onUserWrite);
  // Foreground deletion: the garbage collector deletes the Job's pods.
  const gcPods =
    job.metadata.deletionTimestamp != null && state.job.metadata.deletionTimestamp == null
      ? pods.map((p) => (deleting(p) ? p : { ...p, metadata: { ...p.metadata, deletionTimestamp: t, deletionGracePeriodSeconds: 30 } }))
      : pods;
  return { job, pods: gcPods };
}

/** A write the user makes between passes: a spec update (each one the API server accepts) or the Job's deletion. */
export interface UserWrite {
  readonly kind: 'spec' | 'delete';
  /** The Job after the write. */
  readonly job: Job;
}

/** The user's spec updates and deletion, each applied only if the API server would accept it. */
function userEdits(job: Job, step: KubeletStep, t: string, onUserWrite?: (w: UserWrite) => void): Job {
  let j = job;
  const tryUpdate = (next: Job): void => {
    if (validateJobUpdate(j, next).length === 0) {
      j = next;
      onUserWrite?.({ kind: 'spec', job: j });
    }
  };
  if (step.toggleSuspend) tryUpdate({ ...j, spec: { ...j.spec, suspend: !(j.spec.suspend ?? false) } });
  if (step.scaleTo !== undefined) {
    const s = j.spec;
    const elastic = s.completionMode === 'Indexed' && s.completions === s.parallelism;
    tryUpdate({ ...j, spec: { ...s, parallelism: step.scaleTo, ...(elastic ? { completions: step.scaleTo } : {}) } });
  }
  if (step.parallelismTo !== undefined) tryUpdate({ ...j, spec: { ...j.spec, parallelism: step.parallelismTo } });
  if (step.deleteJob && j.metadata.deletionTimestamp == null) {
    j = { ...j, metadata: { ...j.metadata, deletionTimestamp: t, deletionGracePeriodSeconds: 0, finalizers: ['foregroundDeletion'] } };
    onUserWrite?.({ kind: 'delete', job: j });
  }
  return j;
}

/** True if `p` still carries the Job tracking finalizer. */
export const tracked = (p: Pod): boolean => p.metadata.finalizers?.includes(JobTrackingFinalizer) ?? false;
