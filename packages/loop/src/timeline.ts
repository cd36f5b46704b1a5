// The record of a run: what the controller decided in each pass and what happened to the pods,
// stamped with the (virtual or wall) time since the Job was created.
import type { JobCondition, JobStatus } from '@jobkit/api';

export type TimelineEntry =
  | { readonly at: number; readonly kind: 'sync'; readonly pass: number }
  | { readonly at: number; readonly kind: 'create'; readonly pod: string; readonly index?: number }
  | { readonly at: number; readonly kind: 'delete'; readonly pod: string }
  | { readonly at: number; readonly kind: 'removeFinalizer'; readonly pod: string }
  | { readonly at: number; readonly kind: 'status'; readonly changes: readonly string[] }
  | {
      readonly at: number;
      readonly kind: 'event';
      readonly eventType: string;
      readonly reason: string;
      readonly message: string;
    }
  | {
      readonly at: number;
      readonly kind: 'requeue';
      readonly afterMs: number;
      readonly why: string;
      /** With JobLoopOptions.explain: the pass waits out the pod-recreation backoff before it creates pods. */
      readonly backoff?: BackoffWait;
    }
  | { readonly at: number; readonly kind: 'pod'; readonly pod: string; readonly change: string }
  | { readonly at: number; readonly kind: 'note'; readonly text: string };

/** A pass that would create pods but waits for the backoff after pod failures (upstream's requeue). */
export interface BackoffWait {
  /** Until the backoff has passed (the pass asks to run again then, at least 1 s from now). */
  readonly afterMs: number;
  /** podBackoff: the Job's backoff record; indexBackoff: backoffLimitPerIndex, one index's own failures. */
  readonly cause: 'podBackoff' | 'indexBackoff';
  /** podBackoff: the failures counted since the last success, which set the delay. */
  readonly failures?: number;
  /** The Job's pods the pass takes as failed: one more is a new failure, so a new wait. */
  readonly failedPods: number;
}

/** The changes between two statuses, one short phrase each. */
export function statusChanges(before: JobStatus | undefined, after: JobStatus): string[] {
  const b = before ?? {};
  const changes: string[] = [];
  for (const key of ['active', 'ready', 'terminating', 'succeeded', 'failed'] as const) {
    if ((b[key] ?? 0) !== (after[key] ?? 0)) changes.push(`${key} ${b[key] ?? 0}→${after[key] ?? 0}`);
  }
  for (const key of ['completedIndexes', 'failedIndexes'] as const) {
    if (b[key] !== after[key]) changes.push(`${key} "${b[key] ?? ''}"→"${after[key] ?? ''}"`);
  }
  for (const key of ['startTime', 'completionTime'] as const) {
    if (b[key] !== after[key]) changes.push(after[key] === undefined ? `${key} cleared` : `${key} ${after[key]}`);
  }
  const bu = b.uncountedTerminatedPods;
  const au = after.uncountedTerminatedPods;
  const bs = bu?.succeeded?.length ?? 0;
  const bf = bu?.failed?.length ?? 0;
  const as = au?.succeeded?.length ?? 0;
  const af = au?.failed?.length ?? 0;
  if (bs !== as || bf !== af) changes.push(`uncounted succeeded ${bs}→${as}, failed ${bf}→${af}`);
  const old = new Map((b.conditions ?? []).map((c) => [c.type, c] as const));
  for (const c of after.conditions ?? []) {
    const prev = old.get(c.type);
    if (prev === undefined || prev.status !== c.status || prev.reason !== c.reason) changes.push(`condition ${conditionText(c)}`);
  }
  for (const c of b.conditions ?? []) {
    if (!(after.conditions ?? []).some((n) => n.type === c.type)) changes.push(`condition ${c.type} removed`);
  }
  return changes;
}

/** `Type=Status (Reason)`. */
export function conditionText(c: JobCondition): string {
  return `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`;
}
