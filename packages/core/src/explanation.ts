// The pass's own account of one syncJob pass (options.explain): which pods it took as the Job's,
// how it classified each, the limits it checked and why it finished, requeued or stopped. Built
// from the pass context after the five steps, so a reader (`jobkit explain`) renders the
// oracle-checked decisions instead of deciding again.
import { matchPodFailurePolicy } from '@jobkit/policy';
import type { JobCondition, Pod } from '@jobkit/api';
import type { SyncCtx } from './internal/context.js';
import { hasTrackingFinalizer, isPodActive, isPodFailed, isPodReady, isPodTerminating, podName, podUid } from './internal/podState.js';
import { activeDeadlineRemainingMs, restartsOfRunningPods } from './finishing.js';
import type { RequeueCause, SyncResult } from './types.js';

/** How the pass saw one of the Job's pods. */
export interface PodExplanation {
  readonly name: string;
  readonly uid: string;
  /** Indexed Jobs: the pod's completion index (-1: missing or invalid). */
  readonly index?: number;
  readonly phase: string;
  /** active (not finished, not deleting), terminating (deleting, not finished), or finished. */
  readonly class: 'active' | 'terminating' | 'succeeded' | 'failed' | 'other';
  readonly ready: boolean;
  /** The pass counts this pod as failed (phase Failed, or terminating under TerminatingOrFailed). */
  readonly countsAsFailed: boolean;
  /**
   * For finished pods: `counted` (tracking finalizer gone), `uncounted` (in
   * status.uncountedTerminatedPods), `new` (counted by this pass), `removalPending` (a finalizer
   * removal is in flight), `outOfRange` (Indexed: no valid index, never counted).
   */
  readonly tracking?: 'counted' | 'uncounted' | 'new' | 'removalPending' | 'outOfRange';
  /** For failed pods of a Job with a podFailurePolicy: the rule that matched (0-based) and its action. */
  readonly failurePolicy?: { readonly rule?: number; readonly action?: string; readonly countFailed: boolean };
}

export interface PassExplanation {
  /** Set when the pass stopped before looking at pods (another controller, finished, bad input …). */
  readonly stoppedEarly?: string;
  /** The pods the Job owns after claiming, as the pass classified them. */
  readonly pods: readonly PodExplanation[];
  /** Names of pods the Job releases (its selector no longer matches them). */
  readonly released: readonly string[];
  /** Names of listed pods that are not the Job's (another controller's, or not matching its selector). */
  readonly ignored: readonly string[];
  /** The counters the pass arrived at (before the status write limits by maxUncountedPods). */
  readonly counts: { readonly succeeded: number; readonly failed: number; readonly active: number; readonly ready: number; readonly terminating: number };
  readonly backoffLimit: number;
  /** restartPolicy OnFailure: container restarts of pending and running pods, counted against backoffLimit. */
  readonly onFailureRestarts?: number;
  /** activeDeadlineSeconds: time left (≤ 0: passed), counted from status.startTime. */
  readonly activeDeadlineRemainingMs?: number;
  /** The finished condition the pass decided (interim FailureTarget/SuccessCriteriaMet, or the terminal one). */
  readonly finishing?: JobCondition;
  /** Why the decided condition is not written yet: unsatisfied expectations, pods still uncounted or terminating. */
  readonly finishingHeldBack?: 'expectations' | 'uncounted' | 'terminating';
  /** Each reason the pass wants to run again, soonest first. */
  readonly requeues: readonly { readonly afterMs: number; readonly cause: RequeueCause }[];
}

function podExplanation(ctx: SyncCtx, p: Pod, newly: ReadonlySet<Pod>): PodExplanation {
  const phase = p.status?.phase ?? 'Pending';
  const failed = isPodFailed(p, ctx.onlyReplaceFailedPods);
  const klass: PodExplanation['class'] = isPodActive(p)
    ? 'active'
    : isPodTerminating(p)
      ? 'terminating'
      : phase === 'Succeeded'
        ? 'succeeded'
        : phase === 'Failed'
          ? 'failed'
          : 'other';
  const finished = phase === 'Succeeded' || failed;
  const uid = podUid(p);
  const ix = ctx.indexed ? ctx.indexOf(p) : undefined;
  let tracking: PodExplanation['tracking'];
  if (finished) {
    if (!hasTrackingFinalizer(p, ctx.trackingFinalizer)) tracking = 'counted';
    else if (ctx.expectedRmFinalizers.has(uid)) tracking = 'removalPending';
    else if (ctx.uncountedSucceeded.has(uid) || ctx.uncountedFailed.has(uid)) tracking = 'uncounted';
    else if (newly.has(p)) tracking = 'new';
    else if (ix !== undefined && (ix < 0 || ix >= (ctx.completions ?? 0))) tracking = 'outOfRange';
  }
  let failurePolicy: PodExplanation['failurePolicy'];
  if (failed && ctx.podFailurePolicy !== undefined) {
    const m = matchPodFailurePolicy(ctx.podFailurePolicy, p);
    failurePolicy = {
      ...(m.rule !== undefined && m.rule !== null ? { rule: m.rule } : {}),
      ...(m.action !== undefined && m.action !== null ? { action: m.action } : {}),
      countFailed: m.countFailed,
    };
  }
  return {
    name: podName(p),
    uid,
    ...(ix !== undefined ? { index: ix } : {}),
    phase,
    class: klass,
    ready: isPodReady(p),
    countsAsFailed: failed,
    ...(tracking !== undefined ? { tracking } : {}),
    ...(failurePolicy !== undefined ? { failurePolicy } : {}),
  };
}

/** The explanation of a pass that went through the five steps. */
export function explainPass(ctx: SyncCtx, listedPods: readonly Pod[], result: SyncResult): PassExplanation {
  const newly = new Set<Pod>([...ctx.newSucceeded, ...ctx.newFailed]);
  const mine = new Set<Pod>([...ctx.pods, ...ctx.released]);
  const written = (result.status.conditions ?? []).some((c) => c.type === ctx.finishedCondition?.type && c.status === 'True');
  const u = result.status.uncountedTerminatedPods;
  const heldBack: PassExplanation['finishingHeldBack'] =
    ctx.finishingHeldByExpectations !== undefined
      ? 'expectations'
      : ctx.finishedCondition === undefined || written
        ? undefined
        : (u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0
          ? 'uncounted'
          : ctx.terminating > 0
            ? 'terminating'
            : undefined;
  const restartPolicy = ctx.job.spec.template?.spec?.restartPolicy;
  const remaining = activeDeadlineRemainingMs(ctx);
  return {
    pods: ctx.pods.map((p) => podExplanation(ctx, p, newly)),
    released: ctx.released.map(podName),
    ignored: listedPods.filter((p) => !mine.has(p)).map(podName),
    counts: { succeeded: ctx.succeeded, failed: ctx.failed, active: ctx.active, ready: ctx.ready, terminating: ctx.terminating },
    backoffLimit: ctx.backoffLimit,
    ...(restartPolicy === 'OnFailure' ? { onFailureRestarts: restartsOfRunningPods(ctx.pods) } : {}),
    ...(remaining !== undefined && ctx.status.startTime !== undefined ? { activeDeadlineRemainingMs: remaining } : {}),
    ...((ctx.finishedCondition ?? ctx.finishingHeldByExpectations) !== undefined
      ? { finishing: (ctx.finishedCondition ?? ctx.finishingHeldByExpectations)! }
      : {}),
    ...(heldBack !== undefined ? { finishingHeldBack: heldBack } : {}),
    requeues: [...ctx.requeues].sort((a, b) => a.afterMs - b.afterMs),
  };
}

/** The explanation of a pass that stopped in step 1. */
export function explainEarlyExit(why: string, listedPods: readonly Pod[], result: SyncResult): PassExplanation {
  const s = result.status;
  return {
    stoppedEarly: why,
    pods: [],
    released: [],
    ignored: Array.isArray(listedPods) ? listedPods.map((p) => (typeof p?.metadata?.name === 'string' ? p.metadata.name : '')) : [],
    counts: { succeeded: s.succeeded ?? 0, failed: s.failed ?? 0, active: s.active ?? 0, ready: s.ready ?? 0, terminating: s.terminating ?? 0 },
    backoffLimit: 0,
    requeues: [],
  };
}
