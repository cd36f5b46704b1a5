// `jobkit explain --job JOB.json --pods PODS.json [--now T]`: one pass of the controller over a
// real cluster's objects, and why it decides what it does.
import type { FieldValidation, Job, Pod } from '@jobkit/api';
import { backoffFromCountedPods } from '@jobkit/backoff';
import type { Action, PassExplanation, PodExplanation, RequeueCause } from '@jobkit/core';
import { conditionText, statusChanges, type Controller } from '@jobkit/loop';
import { table } from '../present/describe.js';
import { printOutput, type OutputFormat } from '../present/printers.js';
import { formatDuration } from '../present/duration.js';
import { ExitCode, type Io } from '../io.js';
import { InputError, loadJob, loadPods } from '../manifest.js';
import { loadOptions } from '../prepare.js';

export interface ExplainFlags {
  readonly job: string;
  readonly pods?: string;
  readonly now?: string;
  /** Assume a freshly started controller (no backoff memory) instead of rebuilding it from the pods. */
  readonly freshController?: boolean;
  /** -o: the pass as data (json, yaml), or the Job after it as kubectl prints it (name, wide). */
  readonly output?: OutputFormat;
  /** Unknown fields in the Job (kubectl's --validate): strict when not said. */
  readonly fieldValidation?: FieldValidation;
}

const limitText: Record<string, string> = {
  BackoffLimitExceeded:
    'backoffLimit exceeded: counted pod failures are more than spec.backoffLimit (or, with restartPolicy OnFailure, container restarts reached it)',
  DeadlineExceeded: 'activeDeadlineSeconds passed since status.startTime',
  PodFailurePolicy: 'a podFailurePolicy FailJob rule matched a failed pod',
  MaxFailedIndexesExceeded: 'more failed indexes than spec.maxFailedIndexes',
  FailedIndexes: 'every index has either succeeded or failed, and some failed (backoffLimitPerIndex)',
  SuccessPolicy: 'a successPolicy rule matched the succeeded indexes',
  CompletionsReached: 'succeeded pods reached spec.completions',
};

export function explainCommand(flags: ExplainFlags, controller: Controller, io: Io): number {
  const job = loadJob(flags.job, undefined, loadOptions(flags.fieldValidation, io));
  const allPods = flags.pods !== undefined ? loadPods(flags.pods) : [];
  const now = flags.now !== undefined ? parseNow(flags.now) : new Date();
  const out: string[] = [];
  const spec = job.spec;
  out.push(`Job ${job.metadata.namespace ?? 'default'}/${job.metadata.name} at ${now.toISOString()}`);
  out.push(
    `  ${spec.completionMode ?? 'NonIndexed'}, completions ${spec.completions ?? '<unset: work queue>'}, parallelism ${spec.parallelism ?? '<unset>'}, backoffLimit ${spec.backoffLimit ?? '<unset>'}` +
      `${spec.backoffLimitPerIndex !== undefined ? `, backoffLimitPerIndex ${spec.backoffLimitPerIndex}` : ''}${spec.maxFailedIndexes !== undefined ? `, maxFailedIndexes ${spec.maxFailedIndexes}` : ''}` +
      `, podReplacementPolicy ${spec.podReplacementPolicy ?? '<unset>'}${spec.suspend ? ', suspended' : ''}`,
  );
  const conditions = job.status?.conditions ?? [];
  if (conditions.length > 0) out.push(`  conditions: ${conditions.map(conditionText).join(', ')}`);
  out.push('');
  // The controller's memory is not in the objects: rebuild the backoff record from the pods the
  // Job already counted (unless told to start fresh). Everything else below is the pass's own
  // account of what it decided (syncJob's explanation): nothing here decides on its own.
  const backoff = flags.freshController ? undefined : backoffFromCountedPods(allPods);
  const result = controller.syncJob(job, allPods, now, {
    expectationsSatisfied: true,
    finalizerRemovalsPending: [],
    explain: true,
    ...(backoff !== undefined ? { backoff } : {}),
  });
  const ex = result.explanation;
  if (flags.output !== undefined) {
    const document = {
      job: { namespace: job.metadata.namespace ?? 'default', name: job.metadata.name, uid: job.metadata.uid },
      now: now.toISOString(),
      // What the pass assumed of the controller's memory, which the objects do not hold.
      controllerMemory: {
        expectationsSatisfied: true,
        finalizerRemovalsPending: [],
        backoff: backoff ?? null,
        freshController: flags.freshController === true,
      },
      explanation: ex,
      actions: result.actions,
      statusChanges: statusChanges(job.status, result.status),
      status: result.status,
      requeueAfterMs: result.requeueAfterMs,
      error: result.error,
    };
    io.stdout.write(printOutput(flags.output, { ...job, status: result.status }, document, now.getTime()));
    return ExitCode.Ok;
  }
  if (ex !== undefined && ex.stoppedEarly === undefined) {
    const others = ex.ignored.length + ex.released.length;
    out.push(
      `Pods: ${ex.pods.length} of this Job${others > 0 ? `, ${others} ignored (not controlled by it and not matching its selector${ex.released.length > 0 ? `; ${ex.released.length} released` : ''})` : ''}`,
    );
    out.push(...podClasses(ex, allPods).map((l) => `  ${l}`));
    out.push('');
    out.push('Limits:');
    out.push(...limits(job, ex).map((l) => `  ${l}`));
    out.push('');
    if (backoff !== undefined && backoff.failuresAfterLastSuccess > 0) {
      const wait = ex.requeues.find((r) => r.cause === 'podBackoff');
      out.push(
        `Back-off memory (rebuilt from ${backoff.failuresAfterLastSuccess} counted failure(s) after the last counted success, last at ${backoff.lastFailureTime}): ${wait !== undefined ? `${formatDuration(wait.afterMs)} of pod-recreation back-off left` : 'no wait before the next pod'}`,
      );
      out.push('');
    }
  } else if (ex?.stoppedEarly !== undefined) {
    out.push(`Pods: not looked at: ${ex.stoppedEarly}`);
    out.push('');
  }
  out.push(`Decision (${result.actions.length} action${result.actions.length === 1 ? '' : 's'}):`);
  if (result.actions.length === 0) out.push(ex?.stoppedEarly !== undefined ? `  nothing to do: ${ex.stoppedEarly}` : '  nothing to do');
  let written = job.status;
  for (const action of result.actions) {
    out.push(`  ${actionText(action, job, written)}`);
    if (action.type === 'UpdateJobStatus') written = action.status;
  }
  const changes = statusChanges(job.status, result.status);
  if (changes.length > 0) out.push(`  status after the pass: ${changes.join(', ')}`);
  for (const c of result.status.conditions ?? []) {
    if (conditions.some((o) => o.type === c.type && o.status === c.status)) continue;
    if (c.reason !== undefined && limitText[c.reason] !== undefined) out.push(`  why ${c.type}: ${limitText[c.reason]}`);
  }
  if (ex?.finishing !== undefined && ex.finishingHeldBack !== undefined) {
    out.push(`  decided ${ex.finishing.type} (${ex.finishing.reason ?? ''}), not written yet: ${heldBackText[ex.finishingHeldBack]}`);
  }
  const next = ex?.requeues[0];
  if (result.requeueAfterMs !== undefined)
    out.push(`  requeue after ${formatDuration(result.requeueAfterMs)}${next !== undefined ? ` (${requeueText[next.cause]})` : ''}`);
  if (result.error !== undefined) out.push(`  the pass returns an error (retried with back-off 1s..60s): ${result.error}`);
  out.push('');
  out.push(
    flags.freshController
      ? 'Note: controller memory is not part of the objects; this pass assumes a freshly started controller: expectations satisfied, no finalizer removals in flight, no pod-recreation back-off record.'
      : 'Note: controller memory is not part of the objects; this pass assumes expectations satisfied and no finalizer removals in flight, and rebuilds the pod-recreation back-off record from the pods already counted (pods deleted since are not seen).',
  );
  io.stdout.write(`${out.join('\n')}\n`);
  return ExitCode.Ok;
}

const heldBackText: Record<NonNullable<PassExplanation['finishingHeldBack']>, string> = {
  expectations: 'pod creations or deletions the controller made are not observed yet',
  uncounted: 'finished pods are still being counted (uncountedTerminatedPods)',
  terminating: 'pods are still terminating',
};

const requeueText: Record<RequeueCause, string> = {
  activeDeadline: 'to check activeDeadlineSeconds',
  podBackoff: 'pod-recreation back-off after failures',
  indexBackoff: 'per-index pod-recreation back-off',
};

function parseNow(text: string): Date {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new InputError(`--now ${text}: expected an RFC 3339 time such as 2026-01-01T00:00:00Z`);
  return new Date(ms);
}

const classText = (p: PodExplanation): string => {
  if (p.class === 'active') return p.ready ? 'active, ready' : 'active';
  if (p.class === 'terminating')
    return p.countsAsFailed ? 'terminating (counts as failed: TerminatingOrFailed)' : 'terminating (not failed until phase Failed)';
  return p.class;
};

const trackingText: Record<NonNullable<PodExplanation['tracking']>, string> = {
  counted: 'counted (finalizer removed)',
  uncounted: 'in uncountedTerminatedPods',
  new: 'new: not yet counted',
  removalPending: 'finalizer removal in flight',
  outOfRange: 'not counted: no valid completion index',
};

function podClasses(ex: PassExplanation, listed: readonly Pod[]): string[] {
  if (ex.pods.length === 0) return ['none'];
  const byUid = new Map(listed.map((p) => [p.metadata.uid ?? '', p]));
  const rows = ex.pods.map((p) => {
    const pod = byUid.get(p.uid);
    let failure = '';
    if (p.countsAsFailed) {
      if (p.failurePolicy !== undefined) {
        failure =
          p.failurePolicy.action !== undefined
            ? `podFailurePolicy rule ${p.failurePolicy.rule}: ${p.failurePolicy.action}${p.failurePolicy.countFailed ? '' : ' (not counted)'}`
            : 'no podFailurePolicy rule matched: counted';
      }
      const codes = (pod?.status?.containerStatuses ?? []).map((s) => s.state?.terminated?.exitCode).filter((c) => c !== undefined);
      if (codes.length > 0) failure = `exit ${codes.join(',')}${failure ? `; ${failure}` : ''}`;
      const disruption = pod?.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
      if (disruption) failure = `DisruptionTarget (${disruption.reason ?? ''})${failure ? `; ${failure}` : ''}`;
    }
    const index = p.index === undefined ? '-' : p.index < 0 ? '?' : String(p.index);
    return [p.name, index, p.phase, classText(p), p.tracking !== undefined ? trackingText[p.tracking] : '-', failure];
  });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r[3]!, (counts.get(r[3]!) ?? 0) + 1);
  return [[...counts].map(([k, n]) => `${n} ${k}`).join(', '), ...table(['Pod', 'Index', 'Phase', 'Class', 'Tracking', 'Failure'], rows)];
}

function limits(job: Job, ex: PassExplanation): string[] {
  const s = job.spec;
  const st = job.status ?? {};
  const lines: string[] = [];
  lines.push(
    `backoffLimit ${ex.backoffLimit}: ${ex.counts.failed} counted failure(s) this pass (status.failed ${st.failed ?? 0}; the Job fails when the count exceeds the limit)`,
  );
  if (ex.onFailureRestarts !== undefined)
    lines.push(`restartPolicy OnFailure: ${ex.onFailureRestarts} container restart(s) in active pods count against backoffLimit`);
  if (s.activeDeadlineSeconds !== undefined) {
    lines.push(
      ex.activeDeadlineRemainingMs === undefined
        ? `activeDeadlineSeconds ${s.activeDeadlineSeconds}: not running (no status.startTime, or suspended)`
        : `activeDeadlineSeconds ${s.activeDeadlineSeconds}: ${ex.activeDeadlineRemainingMs > 0 ? `${formatDuration(ex.activeDeadlineRemainingMs)} left` : 'passed'}`,
    );
  }
  if (s.completions !== undefined)
    lines.push(
      `completions ${s.completions}: ${ex.counts.succeeded} succeeded${s.completionMode === 'Indexed' ? ` (indexes "${st.completedIndexes ?? ''}" before this pass)` : ''}`,
    );
  if (s.backoffLimitPerIndex !== undefined)
    lines.push(
      `backoffLimitPerIndex ${s.backoffLimitPerIndex}: failed indexes "${st.failedIndexes ?? ''}"${s.maxFailedIndexes !== undefined ? ` (maxFailedIndexes ${s.maxFailedIndexes})` : ''}`,
    );
  lines.push(`parallelism ${s.parallelism ?? 0}: at most this many active pods`);
  return lines;
}

function actionText(action: Action, job: Job, written: Job['status']): string {
  switch (action.type) {
    case 'CreatePod':
      return `create pod ${action.pod.metadata.generateName ?? ''}*${action.index !== undefined ? ` for index ${action.index}` : ''}`;
    case 'DeletePod':
      return `delete pod ${action.name}${job.spec.suspend ? ' (Job suspended)' : ''}`;
    case 'RemovePodFinalizer':
      return action.release === true
        ? `release ${action.name}: it no longer matches the selector (drop the controller reference and the tracking finalizer, uncounted)`
        : `remove the tracking finalizer from ${action.name} (the pod is accounted for in status)`;
    case 'AdoptPod':
      return `adopt ${action.name}: an orphan matching the selector (controller reference to the Job, tracking finalizer)`;
    case 'UpdateJobStatus':
      return `write status: ${statusChanges(written, action.status).join(', ') || 'fields set, no change in counters or conditions'}`;
    case 'RecordEvent':
      return `event ${action.eventType} ${action.reason}: ${action.message}`;
  }
}
