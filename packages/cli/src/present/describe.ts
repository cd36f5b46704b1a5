// A `kubectl describe job`-like summary (staging/src/k8s.io/kubectl/pkg/describe/describe.go
// describeJob), plus one line per pod, for the end of `jobkit run` and `jobkit simulate`.
import type { Job, Pod } from '@jobkit/api';
import { podCompletionIndex } from '@jobkit/sim';
import { type RecordedEvent } from '@jobkit/loop';
import { formatDuration } from './duration.js';

export interface DescribeInput {
  readonly job: Job;
  readonly pods: readonly Pod[];
  readonly events: readonly RecordedEvent[];
  /** Time the description is made, for the events' ages (ms since the epoch). */
  readonly nowMs: number;
  /** Job creation (ms since the epoch), for event offsets. */
  readonly startMs: number;
}

/** The Job, its pods and events as `kubectl describe job` lays them out. */
export function describeJob({ job, pods, events, nowMs, startMs }: DescribeInput): string {
  const spec = job.spec;
  const status = job.status ?? {};
  const lines: string[] = [];
  const field = (name: string, value: string | number | undefined) => lines.push(`${`${name}:`.padEnd(22)}${value ?? '<unset>'}`);
  field('Name', job.metadata.name);
  field('Namespace', job.metadata.namespace);
  const selector = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  field('Selector', selector || '<none>');
  field('Parallelism', spec.parallelism);
  field('Completions', spec.completions ?? '<unset>');
  field('Completion Mode', spec.completionMode ?? 'NonIndexed');
  field('Suspend', String(spec.suspend ?? false));
  field('Backoff Limit', spec.backoffLimit);
  if (spec.backoffLimitPerIndex !== undefined) field('Backoff Limit/Index', spec.backoffLimitPerIndex);
  if (spec.maxFailedIndexes !== undefined) field('Max Failed Indexes', spec.maxFailedIndexes);
  if (spec.activeDeadlineSeconds !== undefined) field('Active Deadline', `${spec.activeDeadlineSeconds}s`);
  if (spec.ttlSecondsAfterFinished !== undefined)
    field('TTL After Finished', `${spec.ttlSecondsAfterFinished}s (enforced by the TTL-after-finished controller, not the Job controller)`);
  field('Start Time', status.startTime);
  if (status.completionTime !== undefined) field('Completed At', status.completionTime);
  if (status.startTime !== undefined) {
    const end = status.completionTime !== undefined ? Date.parse(status.completionTime) : nowMs;
    field('Duration', formatDuration(end - Date.parse(status.startTime)));
  }
  field(
    'Pods Statuses',
    `${status.active ?? 0} Active (${status.ready ?? 0} Ready) / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed${status.terminating ? ` / ${status.terminating} Terminating` : ''}`,
  );
  if (spec.completionMode === 'Indexed') {
    field('Completed Indexes', status.completedIndexes || '<none>');
    if (status.failedIndexes !== undefined) field('Failed Indexes', status.failedIndexes || '<none>');
  }
  lines.push('Conditions:');
  const conditions = status.conditions ?? [];
  if (conditions.length === 0) lines.push('  <none>');
  else {
    lines.push(
      ...table(
        ['Type', 'Status', 'Reason', 'Message'],
        conditions.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']),
        '  ',
      ),
    );
  }
  lines.push('Pods:');
  if (pods.length === 0) lines.push('  <none>');
  else {
    lines.push(
      ...table(
        ['Name', 'Index', 'Phase', 'Exit Codes', 'Restarts', 'Notes'],
        pods.map((p) => podRow(p)),
        '  ',
      ),
    );
  }
  lines.push('Events:');
  if (events.length === 0) lines.push('  <none>');
  else {
    lines.push(
      ...table(
        ['Type', 'Reason', 'Age', 'From', 'Message'],
        events.map((e) => [e.eventType, e.reason, formatDuration(Math.max(0, nowMs - startMs - e.at)), 'job-controller', e.message]),
        '  ',
      ),
    );
  }
  return lines.join('\n');
}

function podRow(pod: Pod): string[] {
  const index = podCompletionIndex(pod);
  const statuses = pod.status?.containerStatuses ?? [];
  const codes = statuses.map((s) => s.state?.terminated?.exitCode).filter((c): c is number => c !== undefined);
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const notes: string[] = [];
  if (pod.metadata.deletionTimestamp !== undefined) notes.push('deleted');
  const disruption = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
  if (disruption) notes.push(`DisruptionTarget: ${disruption.reason ?? ''}`);
  const startError = statuses.find((s) => s.state?.terminated?.reason === 'StartError');
  if (startError) notes.push(startError.state?.terminated?.message ?? 'StartError');
  return [
    pod.metadata.name ?? '',
    index === undefined ? '-' : String(index),
    pod.status?.phase ?? 'Pending',
    codes.length > 0 ? codes.join(',') : '-',
    String(restarts),
    notes.join('; '),
  ];
}

/** Left-aligned columns separated by two spaces, with a dashed underline like kubectl's. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(headers.map((h) => '-'.repeat(h.length))), ...rows.map(line)];
}
