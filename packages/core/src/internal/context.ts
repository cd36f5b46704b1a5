// The per-pass context (upstream's syncJobCtx) plus the working copy of the status.
import type { BackoffRecord } from '@jobkit/backoff';
import type { OrderedIntervals } from '@jobkit/indexes';
import type { Job, JobCondition, JobStatus, Pod, PodFailurePolicy } from '@jobkit/api';
import type { Action } from '../types.js';

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

export interface SyncCtx {
  readonly job: Job;
  readonly now: Date;
  readonly nowStr: string;
  readonly pods: readonly Pod[];
  readonly activePods: readonly Pod[];
  /** Completion index per pod (-1 unknown), filled lazily. */
  readonly indexOf: (p: Pod) => number;
  readonly indexed: boolean;
  /** spec.completions, undefined for work-queue jobs. */
  readonly completions: number | undefined;
  readonly parallelism: number;
  readonly backoffLimit: number;
  readonly backoffLimitPerIndex: number | undefined;
  readonly podFailurePolicy: PodFailurePolicy | undefined;
  readonly onlyReplaceFailedPods: boolean;
  readonly suspended: boolean;
  readonly expectedRmFinalizers: ReadonlySet<string>;
  readonly uncountedSucceeded: ReadonlySet<string>;
  readonly uncountedFailed: ReadonlySet<string>;
  readonly maxUncountedPods: number;
  readonly maxPodCreateDeletePerSync: number;
  readonly status: WorkingStatus;
  readonly actions: Action[];
  readonly requeueAfterMs: number[];
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  newBackoffRecord: BackoffRecord;
  /** What the next pass gets: the new record once a status write made it durable. */
  savedBackoffRecord: BackoffRecord;
  finishedCondition: JobCondition | undefined;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  /** Only with backoffLimitPerIndex. */
  failedIndexes: OrderedIntervals | undefined;
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
  /** Indexed: completion index of each active pod, aligned with activePods. */
  readonly activeIndexes: readonly number[];
  /** Indexed: valid indexes of Succeeded pods that still carry the tracking finalizer. */
  readonly succeededWithFinalizerIndexes: readonly number[];
  /** Succeeded or failed pods with the tracking finalizer and no removal in flight, in lister order. */
  readonly finishedTracked: readonly Pod[];
  /** UIDs in the uncounted lists whose pod still has the finalizer (no removal in flight). */
  readonly uncountedWithFinalizer: ReadonlySet<string>;
  /** The error upstream's pass would return (it still acts as far as it gets). */
  error?: string;
}

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
