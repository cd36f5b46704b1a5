// One Job, its pods and the controller around syncJob: the parts of job_controller.go that are
// not the pure pass (work queue with batching and requeues, rate-limited retries after errors,
// the backoff store) plus the API server's side of the objects (status-update validation,
// graceful deletion, removal once finalizers are gone). Runtimes (scripted or processes) report
// pod changes back through updatePod.
import {
  JobConditionTypes,
  JobControllerName,
  SyncJobBatchPeriodMs,
  DefaultJobApiBackOffMs,
  MaxJobApiBackOffMs,
  finishedCondition,
  formatValidTime,
} from '@jobkit/api';
import type { Job, Pod } from '@jobkit/api';
import type { Action, ClusterState, SyncResult } from '@jobkit/core';
import type { FieldError } from '@jobkit/validation';
import type { Controller } from './controller.js';
import { produce } from './internal/immer.js';
import type { NameGenerator } from './names.js';
import type { Cancel, Scheduler } from './scheduler.js';
import { statusChanges, type BackoffWait, type TimelineEntry } from './timeline.js';

/** What runs the pods: told about creations and deletions, answers through JobLoop.updatePod. */
export interface PodRuntime {
  podCreated(pod: Pod): void;
  podDeleting(pod: Pod): void;
  /** True when nothing is running or scheduled to happen to any pod. */
  idle(): boolean;
  stop(): void;
}

export interface RecordedEvent {
  readonly at: number;
  readonly eventType: string;
  readonly reason: string;
  readonly message: string;
}

export type LoopOutcome =
  | { readonly kind: 'Running' }
  | { readonly kind: 'Complete'; readonly reason?: string; readonly message?: string }
  | { readonly kind: 'Failed'; readonly reason?: string; readonly message?: string }
  | { readonly kind: 'Suspended' }
  | { readonly kind: 'Idle'; readonly message: string }
  | { readonly kind: 'Violation'; readonly errors: readonly FieldError[]; readonly pass: number }
  | { readonly kind: 'Error'; readonly message: string }
  | { readonly kind: 'Limit'; readonly message: string };

export interface JobLoopOptions {
  readonly controller: Controller;
  readonly scheduler: Scheduler;
  readonly names: NameGenerator;
  /** Delay of a sync triggered by a pod or status change (upstream: 1 s). */
  readonly batchPeriodMs?: number;
  readonly maxSyncs?: number;
  /**
   * Ask each pass for its own account (SyncOptions.explain) so that requeue entries say when the
   * pass waits out the pod-recreation backoff; costs a walk over the pods per pass.
   */
  readonly explain?: boolean;
  readonly onEntry?: (entry: TimelineEntry) => void;
  readonly onChange?: () => void;
  readonly onEnd?: (outcome: LoopOutcome) => void;
}

/** One Job's controller loop: feed it pod changes (updatePod), it runs syncJob when upstream would. */
export class JobLoop {
  private currentJob: Job;
  private readonly pods = new Map<string, Pod>();
  private readonly history = new Map<string, Pod>();
  private readonly entries: TimelineEntry[] = [];
  private readonly events: RecordedEvent[] = [];
  private runtime: PodRuntime | undefined;
  private backoff: SyncResult['backoff'] | undefined = undefined;
  private apiErrors = 0;
  private passes = 0;
  private pending: { at: number; cancel: Cancel } | undefined;
  private result: LoopOutcome = { kind: 'Running' };
  private readonly startMs: number;
  private readonly batchPeriodMs: number;

  constructor(
    job: Job,
    private readonly options: JobLoopOptions,
  ) {
    this.currentJob = job;
    this.startMs = options.scheduler.now();
    this.batchPeriodMs = options.batchPeriodMs ?? SyncJobBatchPeriodMs;
  }

  get job(): Job {
    return this.currentJob;
  }
  get podList(): readonly Pod[] {
    return [...this.pods.values()];
  }
  /** Every pod ever created, in its last known state (removed pods included). */
  get allPods(): readonly Pod[] {
    return [...this.history.values()];
  }
  get timeline(): readonly TimelineEntry[] {
    return this.entries;
  }
  get recordedEvents(): readonly RecordedEvent[] {
    return this.events;
  }
  get outcome(): LoopOutcome {
    return this.result;
  }
  get syncCount(): number {
    return this.passes;
  }
  get elapsedMs(): number {
    return this.options.scheduler.now() - this.startMs;
  }
  get syncPending(): boolean {
    return this.pending !== undefined;
  }

  /** Starts with an immediate sync, as the controller does on a Job add. */
  start(runtime: PodRuntime): void {
    this.runtime = runtime;
    this.enqueue(0);
  }

  note(text: string): void {
    this.record({ at: this.elapsedMs, kind: 'note', text });
  }

  /** A pod change reported by the runtime (kubelet): stored, and a batched sync queued. */
  updatePod(uid: string, change: string, update: (pod: Pod) => Pod): void {
    const pod = this.pods.get(uid);
    if (pod === undefined || this.result.kind !== 'Running') return;
    const next = update(pod);
    const name = next.metadata.name ?? uid;
    this.record({ at: this.elapsedMs, kind: 'pod', pod: name, change });
    this.store(next);
    this.enqueue(this.batchPeriodMs);
    this.options.onChange?.();
  }

  /** A spec change (e.g. resume); a new generation is synced at once, as upstream. */
  updateSpec(change: string, update: (job: Job) => Job): void {
    if (this.result.kind !== 'Running' && this.result.kind !== 'Suspended') return;
    if (this.result.kind === 'Suspended') this.result = { kind: 'Running' };
    const next = update(this.currentJob);
    this.currentJob = produce(next, (d) => void (d.metadata.generation = (next.metadata.generation ?? 1) + 1));
    this.note(`spec: ${change}`);
    this.enqueue(0);
  }

  /** Marks the run ended (used by runtimes for wall-clock limits or interrupts). */
  end(outcome: LoopOutcome): void {
    if (this.result.kind !== 'Running' && this.result.kind !== 'Suspended') return;
    this.result = outcome;
    this.pending?.cancel();
    this.pending = undefined;
    this.runtime?.stop();
    this.options.onEnd?.(outcome);
  }

  /** Called when nothing is scheduled: decides between suspended and stalled. */
  settle(): void {
    if (this.result.kind !== 'Running' || this.pending !== undefined) return;
    if (this.runtime !== undefined && !this.runtime.idle()) return;
    if (this.currentJob.spec.suspend === true) {
      this.result = { kind: 'Suspended' };
      this.options.onEnd?.(this.result);
    } else {
      const managedBy = this.currentJob.spec.managedBy;
      this.end({
        kind: 'Idle',
        message:
          managedBy !== undefined && managedBy !== JobControllerName
            ? `spec.managedBy is ${managedBy}: the built-in Job controller leaves this Job to that controller`
            : 'nothing is left to happen but the Job has not finished',
      });
    }
  }

  private enqueue(delayMs: number): void {
    if (this.result.kind !== 'Running') return;
    const at = this.options.scheduler.now() + Math.max(0, delayMs);
    if (this.pending !== undefined && this.pending.at <= at) return;
    this.pending?.cancel();
    const cancel = this.options.scheduler.at(at, () => {
      this.pending = undefined;
      this.sync();
    });
    this.pending = { at, cancel };
  }

  private record(entry: TimelineEntry): void {
    this.entries.push(entry);
    this.options.onEntry?.(entry);
  }

  /** `at`: when a removal it causes is stamped (a pass's removals carry the pass's time). */
  private store(pod: Pod, at: number = this.elapsedMs): void {
    const uid = pod.metadata.uid ?? pod.metadata.name ?? '';
    this.history.set(uid, pod);
    // Graceful deletion completes once the pod is terminal and no finalizer holds it.
    const gone =
      pod.metadata.deletionTimestamp !== undefined &&
      (pod.metadata.finalizers ?? []).length === 0 &&
      (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed');
    if (gone) {
      this.pods.delete(uid);
      this.record({ at, kind: 'pod', pod: pod.metadata.name ?? uid, change: 'removed from the API' });
    } else {
      this.pods.set(uid, pod);
    }
  }

  /** One pass of the controller: syncJob, status validation, applyActions, runtime notifications. */
  private sync(): void {
    if (this.result.kind !== 'Running') return;
    const { controller, scheduler, names } = this.options;
    if (this.options.maxSyncs !== undefined && this.passes >= this.options.maxSyncs) {
      this.end({ kind: 'Limit', message: `stopped after ${this.passes} syncs` });
      return;
    }
    this.passes += 1;
    const at = this.elapsedMs;
    const now = new Date(scheduler.now());
    this.record({ at, kind: 'sync', pass: this.passes });
    const before = this.currentJob;
    let result: SyncResult;
    let applied: ClusterState;
    try {
      result = controller.syncJob(before, this.podList, now, {
        // Our informer is the store itself: every create, delete and finalizer removal is
        // observed before the next pass, so expectations are always satisfied.
        expectationsSatisfied: true,
        finalizerRemovalsPending: [],
        backoff: this.backoff,
        ...(this.options.explain === true ? { explain: true } : {}),
      });
      const violations = this.checkStatusWrites(before, result.actions);
      if (violations.length > 0) {
        this.end({ kind: 'Violation', errors: violations, pass: this.passes });
        return;
      }
      applied = controller.applyActions({ job: before, pods: this.podList }, result.actions, {
        now,
        generateName: (prefix) => names.generateName(prefix),
        generateUid: (name) => names.generateUid(name),
      });
    } catch (error) {
      this.end({ kind: 'Error', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.backoff = result.backoff;
    this.currentJob = applied.job;
    // The pass's own record first (its actions, the status it wrote, when it wants to run
    // again), all stamped with the pass's start; only then is the runtime told about created and
    // deleted pods, so whatever it reports at once (a pod not started yet ends as soon as it is
    // deleted) comes after them, later in time as in the timeline.
    this.recordActions(at, result.actions, applied.pods);
    const { changed, created, deleting } = this.reconcileStore(at, result.actions, applied.pods, now);
    const statusMoved = statusChanges(before.status, applied.job.status ?? {});
    if (statusMoved.length > 0) this.record({ at, kind: 'status', changes: statusMoved });

    const finished = finishedCondition(this.currentJob);
    if (finished === undefined) {
      if (result.error !== undefined) {
        this.apiErrors += 1;
        const delay = Math.min(DefaultJobApiBackOffMs * 2 ** (this.apiErrors - 1), MaxJobApiBackOffMs);
        this.record({ at, kind: 'requeue', afterMs: delay, why: `sync error: ${result.error}` });
        this.enqueue(delay);
      } else {
        this.apiErrors = 0;
      }
      if (result.requeueAfterMs !== undefined) {
        const wait = backoffWait(result);
        this.record({ at, kind: 'requeue', afterMs: result.requeueAfterMs, why: 'requested by the pass', ...(wait !== undefined ? { backoff: wait } : {}) });
        this.enqueue(result.requeueAfterMs);
      }
    }
    for (const pod of created) this.runtime?.podCreated(pod);
    for (const pod of deleting) this.runtime?.podDeleting(pod);

    if (finished !== undefined) {
      this.result =
        finished.type === JobConditionTypes.Complete
          ? { kind: 'Complete', reason: finished.reason, message: finished.message }
          : { kind: 'Failed', reason: finished.reason, message: finished.message };
      this.pending?.cancel();
      this.pending = undefined;
      this.runtime?.stop();
      this.options.onChange?.();
      this.options.onEnd?.(this.result);
      return;
    }
    // Our own writes come back as informer events: batched syncs, as upstream.
    if (changed || statusMoved.length > 0) this.enqueue(this.batchPeriodMs);
    this.options.onChange?.();
  }

  private checkStatusWrites(before: Job, actions: readonly Action[]): FieldError[] {
    let previous = before;
    for (const action of actions) {
      if (action.type !== 'UpdateJobStatus') continue;
      const next: Job = { ...previous, status: action.status };
      const errors = this.options.controller.validateJobStatusUpdate(previous, next);
      if (errors.length > 0) return [...errors];
      previous = next;
    }
    return [];
  }

  private recordActions(at: number, actions: readonly Action[], podsAfter: readonly Pod[]): void {
    const known = new Set(this.pods.keys());
    const created = podsAfter.filter((p) => !known.has(p.metadata.uid ?? ''));
    let createdIndex = 0;
    let createEvents = 0;
    for (const action of actions) {
      switch (action.type) {
        case 'CreatePod': {
          const pod = created[createdIndex++];
          this.record({ at, kind: 'create', pod: pod?.metadata.name ?? action.pod.metadata.generateName ?? '?', index: action.index });
          break;
        }
        case 'DeletePod':
          this.record({ at, kind: 'delete', pod: action.name });
          break;
        case 'RemovePodFinalizer':
          this.record({ at, kind: 'removeFinalizer', pod: action.name });
          break;
        case 'RecordEvent': {
          let message = action.message;
          // The pass names a pod by its generateName prefix; upstream's event, recorded after the
          // create returned, names the pod the API server generated.
          if (action.reason === 'SuccessfulCreate') {
            const pod = created[createEvents++];
            const prefix = pod?.metadata.generateName;
            if (pod?.metadata.name !== undefined && prefix !== undefined && message === `Created pod: ${prefix}`) message = `Created pod: ${pod.metadata.name}`;
          }
          this.events.push({ at, eventType: action.eventType, reason: action.reason, message });
          this.record({ at, kind: 'event', eventType: action.eventType, reason: action.reason, message });
          break;
        }
        case 'UpdateJobStatus':
          break;
      }
    }
  }

  /** Stores the pods after the pass; returns the creations and deletions to tell the runtime about. */
  private reconcileStore(
    at: number,
    actions: readonly Action[],
    podsAfter: readonly Pod[],
    now: Date,
  ): { changed: boolean; created: readonly Pod[]; deleting: readonly Pod[] } {
    const previous = new Map(this.pods);
    const seen = new Set<string>();
    const created: Pod[] = [];
    const deleting: Pod[] = [];
    for (const pod of podsAfter) {
      const uid = pod.metadata.uid ?? pod.metadata.name ?? '';
      seen.add(uid);
      const old = previous.get(uid);
      if (old === undefined) created.push(pod);
      else if (old.metadata.deletionTimestamp === undefined && pod.metadata.deletionTimestamp !== undefined) deleting.push(pod);
      this.store(pod, at);
    }
    // A pod that applyActions dropped (deleted without finalizers, or its last finalizer removed
    // while deleted) but whose containers still run is gracefully deleted: the API server keeps
    // it, terminating, until the kubelet reports it terminal.
    const deleted = new Set(actions.flatMap((a) => (a.type === 'DeletePod' ? [a.uid] : [])));
    for (const [uid, old] of previous) {
      if (seen.has(uid)) continue;
      const terminal = old.status?.phase === 'Succeeded' || old.status?.phase === 'Failed';
      const beingDeleted = deleted.has(uid) || old.metadata.deletionTimestamp !== undefined;
      if (beingDeleted && !terminal) {
        const grace = old.spec?.terminationGracePeriodSeconds ?? 30;
        const pod = produce(old, (d) => {
          d.metadata.deletionTimestamp = old.metadata.deletionTimestamp ?? formatValidTime(now);
          d.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds ?? grace;
          d.metadata.finalizers = [];
        });
        this.pods.set(uid, pod);
        this.history.set(uid, pod);
        if (old.metadata.deletionTimestamp === undefined) deleting.push(pod);
      } else {
        this.pods.delete(uid);
        this.record({ at, kind: 'pod', pod: old.metadata.name ?? uid, change: 'removed from the API' });
      }
    }
    return { changed: actions.some((a) => a.type !== 'RecordEvent' && a.type !== 'UpdateJobStatus'), created, deleting };
  }
}

/** The backoff wait among the pass's reasons to run again (its explanation), if there is one. */
function backoffWait(result: SyncResult): BackoffWait | undefined {
  const explanation = result.explanation;
  const requeue = explanation?.requeues.find((r) => r.cause === 'podBackoff' || r.cause === 'indexBackoff');
  if (explanation === undefined || requeue === undefined) return undefined;
  const failedPods = explanation.pods.filter((p) => p.countsAsFailed).length;
  return requeue.cause === 'podBackoff'
    ? { afterMs: requeue.afterMs, cause: 'podBackoff', failures: result.backoff.failuresAfterLastSuccess, failedPods }
    : { afterMs: requeue.afterMs, cause: 'indexBackoff', failedPods };
}
