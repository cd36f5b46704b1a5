// `jobkit explain --job JOB.json --pods PODS.json [--now T]`: one pass of the controller over a
// real cluster's objects, and why it decides what it does.
import { JobTrackingFinalizer, type Job, type LabelSelector, type Pod } from '@jobkit/api';
import { newBackoffRecord, remainingBackoffMs, type BackoffRecord } from '@jobkit/backoff';
import { matchPodFailurePolicy } from '@jobkit/policy';
import type { Action } from '@jobkit/core';
import { conditionText, formatDuration, podCompletionIndex, statusChanges, table, type Controller } from '@jobkit/sim';
import { ExitCode, type Io } from '../io.js';
import { InputError, loadJob, loadPods } from '../manifest.js';

export interface ExplainFlags {
  readonly job: string;
  readonly pods?: string;
  readonly now?: string;
  /** Assume a freshly started controller (no backoff memory) instead of rebuilding it from the pods. */
  readonly freshController?: boolean;
}

const limitText: Record<string, string> = {
  BackoffLimitExceeded: 'backoffLimit exceeded: counted pod failures are more than spec.backoffLimit (or, with restartPolicy OnFailure, container restarts reached it)',
  DeadlineExceeded: 'activeDeadlineSeconds passed since status.startTime',
  PodFailurePolicy: 'a podFailurePolicy FailJob rule matched a failed pod',
  MaxFailedIndexesExceeded: 'more failed indexes than spec.maxFailedIndexes',
  FailedIndexes: 'every index has either succeeded or failed, and some failed (backoffLimitPerIndex)',
  SuccessPolicy: 'a successPolicy rule matched the succeeded indexes',
  CompletionsReached: 'succeeded pods reached spec.completions',
};

export function explainCommand(flags: ExplainFlags, controller: Controller, io: Io): number {
  const job = loadJob(flags.job);
  const allPods = flags.pods !== undefined ? loadPods(flags.pods) : [];
  const now = flags.now !== undefined ? parseNow(flags.now) : new Date();
  const { owned, ignored } = podsOfJob(job, allPods);
  const out: string[] = [];
  const spec = job.spec;
  out.push(`Job ${job.metadata.namespace ?? 'default'}/${job.metadata.name} at ${now.toISOString()}`);
  out.push(`  ${spec.completionMode ?? 'NonIndexed'}, completions ${spec.completions ?? '<unset: work queue>'}, parallelism ${spec.parallelism ?? '<unset>'}, backoffLimit ${spec.backoffLimit ?? '<unset>'}` +
    `${spec.backoffLimitPerIndex !== undefined ? `, backoffLimitPerIndex ${spec.backoffLimitPerIndex}` : ''}${spec.maxFailedIndexes !== undefined ? `, maxFailedIndexes ${spec.maxFailedIndexes}` : ''}` +
    `, podReplacementPolicy ${spec.podReplacementPolicy ?? '<unset>'}${spec.suspend ? ', suspended' : ''}`);
  const conditions = job.status?.conditions ?? [];
  if (conditions.length > 0) out.push(`  conditions: ${conditions.map(conditionText).join(', ')}`);
  out.push('');
  out.push(`Pods: ${owned.length} of this Job${ignored.length > 0 ? `, ${ignored.length} ignored (not controlled by it and not matching its selector)` : ''}`);
  out.push(...podClasses(job, owned).map((l) => `  ${l}`));
  out.push('');
  out.push('Limits:');
  out.push(...limits(job, owned, now).map((l) => `  ${l}`));
  out.push('');
  const backoff = flags.freshController ? undefined : backoffFromCountedPods(owned);
  if (backoff !== undefined && backoff.failuresAfterLastSuccess > 0) {
    const remaining = remainingBackoffMs(backoff, now);
    out.push(`Back-off memory (rebuilt from ${backoff.failuresAfterLastSuccess} counted failure(s) after the last counted success, last at ${backoff.lastFailureTime}): ${remaining > 0 ? `${formatDuration(remaining)} of pod-recreation back-off left` : 'expired'}`);
    out.push('');
  }
  const result = controller.syncJob(job, owned, now, { expectationsSatisfied: true, finalizerRemovalsPending: [], ...(backoff !== undefined ? { backoff } : {}) });
  out.push(`Decision (${result.actions.length} action${result.actions.length === 1 ? '' : 's'}):`);
  const finished = conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (result.actions.length === 0) {
    out.push(finished !== undefined
      ? `  nothing to do: the Job is finished (${conditionText(finished)}); leftover pod finalizers are the orphan-pod worker's job`
      : '  nothing to do');
  }
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
  if (result.requeueAfterMs !== undefined) out.push(`  requeue after ${formatDuration(result.requeueAfterMs)} (${requeueWhy(job, result.requeueAfterMs, now)})`);
  if (result.error !== undefined) out.push(`  the pass returns an error (retried with back-off 1s..60s): ${result.error}`);
  out.push('');
  out.push(flags.freshController
    ? 'Note: controller memory is not part of the objects; this pass assumes a freshly started controller: expectations satisfied, no finalizer removals in flight, no pod-recreation back-off record.'
    : 'Note: controller memory is not part of the objects; this pass assumes expectations satisfied and no finalizer removals in flight, and rebuilds the pod-recreation back-off record from the pods already counted (pods deleted since are not seen).');
  io.stdout.write(`${out.join('\n')}\n`);
  return ExitCode.Ok;
}

function parseNow(text: string): Date {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new InputError(`--now ${text}: expected an RFC 3339 time such as 2026-01-01T00:00:00Z`);
  return new Date(ms);
}

/** Pods the controller would consider: controlled by the Job, or orphans its selector adopts. */
export function podsOfJob(job: Job, pods: readonly Pod[]): { owned: Pod[]; ignored: Pod[] } {
  const owned: Pod[] = [];
  const ignored: Pod[] = [];
  for (const pod of pods) {
    const controller = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    const mine = controller !== undefined
      ? job.metadata.uid === undefined || controller.uid === job.metadata.uid
      : job.spec.selector === undefined || selectorMatches(job.spec.selector, pod.metadata.labels ?? {});
    (mine ? owned : ignored).push(pod);
  }
  return { owned, ignored };
}

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const inValues = has && (r.values ?? []).includes(labels[r.key]!);
    const ok = r.operator === 'In' ? inValues : r.operator === 'NotIn' ? !inValues : r.operator === 'Exists' ? has : r.operator === 'DoesNotExist' ? !has : false;
    if (!ok) return false;
  }
  return true;
}

function podClasses(job: Job, pods: readonly Pod[]): string[] {
  if (pods.length === 0) return ['none'];
  const uncounted = new Set([...(job.status?.uncountedTerminatedPods?.succeeded ?? []), ...(job.status?.uncountedTerminatedPods?.failed ?? [])]);
  const onlyFailed = job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;
  const rows = pods.map((pod) => {
    const phase = pod.status?.phase ?? 'Pending';
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const deleting = pod.metadata.deletionTimestamp != null;
    const finalizer = (pod.metadata.finalizers ?? []).includes(JobTrackingFinalizer);
    const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    let klass: string;
    if (!terminal && !deleting) klass = ready ? 'active, ready' : 'active';
    else if (!terminal) klass = onlyFailed ? 'terminating (not failed until phase Failed)' : 'terminating (counts as failed: TerminatingOrFailed)';
    else klass = phase === 'Succeeded' ? 'succeeded' : 'failed';
    let tracking = '-';
    if (terminal || (deleting && !onlyFailed)) {
      tracking = !finalizer ? 'counted (finalizer removed)' : uncounted.has(pod.metadata.uid ?? '') ? 'in uncountedTerminatedPods' : 'new: not yet counted';
    }
    let rule = '';
    if (phase === 'Failed' || (deleting && !onlyFailed && !terminal)) {
      const match = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
      if (job.spec.podFailurePolicy !== undefined) {
        rule = match.action !== undefined ? `podFailurePolicy rule ${match.rule}: ${match.action}${match.countFailed ? '' : ' (not counted)'}` : 'no podFailurePolicy rule matched: counted';
      }
      const codes = (pod.status?.containerStatuses ?? []).map((s) => s.state?.terminated?.exitCode).filter((c) => c !== undefined);
      if (codes.length > 0) rule = `exit ${codes.join(',')}${rule ? `; ${rule}` : ''}`;
      const disruption = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
      if (disruption) rule = `DisruptionTarget (${disruption.reason ?? ''})${rule ? `; ${rule}` : ''}`;
    }
    const index = podCompletionIndex(pod);
    return [pod.metadata.name ?? '', index === undefined ? '-' : String(index), phase, klass, tracking, rule];
  });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r[3]!, (counts.get(r[3]!) ?? 0) + 1);
  return [
    [...counts].map(([k, n]) => `${n} ${k}`).join(', '),
    ...table(['Pod', 'Index', 'Phase', 'Class', 'Tracking', 'Failure'], rows),
  ];
}

function limits(job: Job, pods: readonly Pod[], now: Date): string[] {
  const s = job.spec;
  const st = job.status ?? {};
  const lines: string[] = [];
  const newFailed = pods.filter((p) => p.status?.phase === 'Failed' && (p.metadata.finalizers ?? []).includes(JobTrackingFinalizer)).length;
  lines.push(`backoffLimit ${s.backoffLimit ?? 6}: status.failed ${st.failed ?? 0}, ${st.uncountedTerminatedPods?.failed?.length ?? 0} uncounted, ${newFailed} failed pod(s) with the tracking finalizer (the Job fails when the count exceeds the limit)`);
  if (s.template.spec?.restartPolicy === 'OnFailure') {
    const restarts = pods.filter((p) => p.status?.phase === 'Pending' || p.status?.phase === 'Running')
      .reduce((n, p) => n + [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].reduce((m, c) => m + (c.restartCount ?? 0), 0), 0);
    lines.push(`restartPolicy OnFailure: ${restarts} container restart(s) in active pods count against backoffLimit`);
  }
  if (s.activeDeadlineSeconds !== undefined) {
    if (st.startTime === undefined) lines.push(`activeDeadlineSeconds ${s.activeDeadlineSeconds}: not started (no status.startTime)`);
    else {
      const elapsed = now.getTime() - Date.parse(st.startTime);
      const left = s.activeDeadlineSeconds * 1000 - elapsed;
      lines.push(`activeDeadlineSeconds ${s.activeDeadlineSeconds}: ${formatDuration(Math.max(0, elapsed))} since startTime, ${left > 0 ? `${formatDuration(left)} left` : 'passed'}`);
    }
  }
  if (s.completions !== undefined) lines.push(`completions ${s.completions}: ${st.succeeded ?? 0} succeeded${s.completionMode === 'Indexed' ? ` (indexes "${st.completedIndexes ?? ''}")` : ''}`);
  if (s.backoffLimitPerIndex !== undefined) lines.push(`backoffLimitPerIndex ${s.backoffLimitPerIndex}: failed indexes "${st.failedIndexes ?? ''}"${s.maxFailedIndexes !== undefined ? ` (maxFailedIndexes ${s.maxFailedIndexes})` : ''}`);
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
      return `remove the tracking finalizer from ${action.name} (the pod is accounted for in status)`;
    case 'UpdateJobStatus':
      return `write status: ${statusChanges(written, action.status).join(', ') || 'fields set, no change in counters or conditions'}`;
    case 'RecordEvent':
      return `event ${action.eventType} ${action.reason}: ${action.message}`;
  }
}

function requeueWhy(job: Job, ms: number, now: Date): string {
  const s = job.spec;
  if (s.activeDeadlineSeconds !== undefined && job.status?.startTime !== undefined) {
    const left = s.activeDeadlineSeconds * 1000 - (now.getTime() - Date.parse(job.status.startTime));
    if (Math.abs(left - ms) < 1000) return 'to check activeDeadlineSeconds';
  }
  return 'pod-recreation back-off after failures';
}

/**
 * The backoff record a long-running controller would hold, from the pods it has already counted
 * (terminal, tracking finalizer removed): folding them in one step gives the same record as the
 * pass-by-pass folds (failures finishing after the latest success).
 */
export function backoffFromCountedPods(pods: readonly Pod[]): BackoffRecord {
  const counted = pods.filter((p) => !(p.metadata.finalizers ?? []).includes(JobTrackingFinalizer));
  return newBackoffRecord(undefined, counted.filter((p) => p.status?.phase === 'Succeeded'), counted.filter((p) => p.status?.phase === 'Failed'));
}
