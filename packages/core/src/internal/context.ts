// The per-pass context (upstream's syncJobCtx) plus the working copy of the status.
import type { BackoffRecord } from '@jobkit/backoff';
import type { OrderedIntervals } from '@jobkit/indexes';
import type { Job, JobCondition, JobStatus, Pod, PodFailurePolicy } from '@jobkit/api';
import type { Action, RequeueCause } from '../types.js';

/** The status the pass edits in place; snapshots go into UpdateJobStatus actions. */
export interface WorkingStatus {
  conditions: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active: number;
  succeeded: number;
  failed: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncounted: { succeeded: string[]; failed: string[] };
  /** Fields of the input status we do not model, carried through untouched. */
  rest: Record<string, unknown>;
}

/**
 * What a pass reads and never changes: the Job, the time, the spec fields every step reads (with
 * upstream's defaults for a Job the API server never defaulted), and the controller's memory.
 */
export interface PassInputs {
  readonly job: Job;
  readonly now: Date;
  readonly nowStr: string;
  /** Completion index of a pod (-1 unknown); -1 for every pod of a NonIndexed Job. */
  readonly indexOf: (p: Pod) => number;
  readonly indexed: boolean;
  /** spec.completions, undefined for work-queue jobs. */
  readonly completions: number | undefined;
  readonly parallelism: number;
  readonly backoffLimit: number;
  readonly backoffLimitPerIndex: number | undefined;
  readonly podFailurePolicy: PodFailurePolicy | undefined;
  /** Upstream onlyReplaceFailedPods (one home: podState.onlyReplaceFailedPods). */
  readonly onlyReplaceFailedPods: boolean;
  /** The tracking finalizer the pass creates pods with and counts them by (SyncOptions.trackingFinalizer). */
  readonly trackingFinalizer: string;
  readonly suspended: boolean;
  /** UIDs whose finalizer removal the controller sent and has not seen yet. */
  readonly expectedRmFinalizers: ReadonlySet<string>;
  readonly expectationsSatisfied: boolean;
  readonly uncountedSucceeded: ReadonlySet<string>;
  readonly uncountedFailed: ReadonlySet<string>;
  readonly maxUncountedPods: number;
  readonly maxPodCreateDeletePerSync: number;
  readonly prevBackoff: BackoffRecord;
  /** SyncOptions.callFailures: pods not created, and UIDs whose delete or finalizer removal failed. */
  readonly failedCreates: number;
  readonly failedDeletes: ReadonlySet<string>;
  readonly failedRemovals: ReadonlySet<string>;
}

/** The pass's one walk over the pods (classifyPods): nothing later walks the whole list again to find these. */
export interface PodClassification {
  /** The pods the Job owns after claiming, in lister order. */
  readonly pods: readonly Pod[];
  /** Pods the Job releases (selector no longer matches): their finalizer goes with the release patch. */
  readonly released: readonly Pod[];
  /** The pods whose controller reference the pass changes, in listed order (ClaimPods' order). */
  readonly ownershipChanges: readonly { readonly pod: Pod; readonly release: boolean }[];
  readonly activePods: readonly Pod[];
  /** Indexed: completion index of each active pod, aligned with activePods. */
  readonly activeIndexes: readonly number[];
  readonly readyPods: number;
  readonly terminatingPods: number;
  /** Finished pods to count this pass (tracked, not yet uncounted, valid index). */
  readonly newSucceeded: readonly Pod[];
  readonly newFailed: readonly Pod[];
  /** newFailed minus the failures the pod failure policy ignores. */
  readonly newFailedCounted: number;
  /** Indexed: valid indexes of Succeeded pods that still carry the tracking finalizer. */
  readonly succeededWithFinalizerIndexes: readonly number[];
  /** Succeeded or failed pods with the tracking finalizer and no removal in flight, in lister order. */
  readonly finishedTracked: readonly Pod[];
  /** UIDs in the uncounted lists whose pod still has the finalizer (no removal in flight). */
  readonly uncountedWithFinalizer: ReadonlySet<string>;
}

/** The little a pass changes as it goes: the working status, the actions so far, the counters. */
export interface PassState {
  readonly status: WorkingStatus;
  readonly actions: Action[];
  /** Why and when the pass wants to run again; the result carries the soonest. */
  readonly requeues: { readonly afterMs: number; readonly cause: RequeueCause }[];
  succeeded: number;
  failed: number;
  active: number;
  ready: number;
  terminating: number;
  /** The Suspended condition changed this pass (a status write is due). */
  suspendCondChanged: boolean;
  newBackoffRecord: BackoffRecord;
  /** What the next pass gets: the new record once a status write made it durable. */
  savedBackoffRecord: BackoffRecord;
  finishedCondition: JobCondition | undefined;
  /** A finished condition unsatisfied expectations held back this pass (for the explanation). */
  finishingHeldByExpectations?: JobCondition;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  /** Only with backoffLimitPerIndex. */
  failedIndexes: OrderedIntervals | undefined;
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
  /** The error upstream's pass would return (it still acts as far as it gets). */
  error?: string;
  /** Newly finished failed pods a podFailurePolicy rule matched, by the rule's action. */
  readonly podFailurePolicyActions: Record<string, number>;
}

/** The per-pass context (upstream's syncJobCtx): read-only inputs, the pod classification, the pass state. */
export type SyncCtx = PassInputs & PodClassification & PassState;

export function isValidIndex(ctx: SyncCtx, ix: number): boolean {
  return ix >= 0 && ix < (ctx.completions ?? 0);
}

/** An immutable JobStatus from the working copy, shaped as the API would return it. */
export function snapshotStatus(ws: WorkingStatus): JobStatus {
  const out: Record<string, unknown> = { ...ws.rest };
  if (ws.conditions.length > 0) out['conditions'] = [...ws.conditions];
  if (ws.startTime !== undefined) out['startTime'] = ws.startTime;
  if (ws.completionTime !== undefined) out['completionTime'] = ws.completionTime;
  out['active'] = ws.active;
  out['succeeded'] = ws.succeeded;
  out['failed'] = ws.failed;
  if (ws.terminating !== undefined) out['terminating'] = ws.terminating;
  if (ws.completedIndexes !== undefined && ws.completedIndexes !== '') out['completedIndexes'] = ws.completedIndexes;
  if (ws.failedIndexes !== undefined) out['failedIndexes'] = ws.failedIndexes;
  const u: Record<string, string[]> = {};
  if (ws.uncounted.succeeded.length > 0) u['succeeded'] = [...ws.uncounted.succeeded];
  if (ws.uncounted.failed.length > 0) u['failed'] = [...ws.uncounted.failed];
  out['uncountedTerminatedPods'] = u;
  if (ws.ready !== undefined) out['ready'] = ws.ready;
  return out as JobStatus;
}

export function workingStatus(s: JobStatus | undefined): WorkingStatus {
  const {
    conditions,
    startTime,
    completionTime,
    active,
    succeeded,
    failed,
    terminating,
    ready,
    completedIndexes,
    failedIndexes,
    uncountedTerminatedPods,
    ...rest
  } = s ?? {};
  return {
    conditions: [...(conditions ?? [])],
    ...(startTime != null ? { startTime } : {}),
    ...(completionTime != null ? { completionTime } : {}),
    active: active ?? 0,
    succeeded: succeeded ?? 0,
    failed: failed ?? 0,
    ...(terminating != null ? { terminating } : {}),
    ...(ready != null ? { ready } : {}),
    ...(completedIndexes != null ? { completedIndexes } : {}),
    ...(failedIndexes != null ? { failedIndexes } : {}),
    uncounted: { succeeded: [...(uncountedTerminatedPods?.succeeded ?? [])], failed: [...(uncountedTerminatedPods?.failed ?? [])] },
    rest,
  };
}
