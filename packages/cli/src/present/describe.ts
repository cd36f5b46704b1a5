// `kubectl describe job` for the end of `jobkit run` and `jobkit simulate`: a port of describeJob
// (k8s.io/kubectl pkg/describe/describe.go, v0.37.2) — its fields, order, wording, RFC 1123
// times, kubectl's ages and its tabwriter alignment — plus what jobkit has and kubectl does not
// print for a Job: Backoff Limit Per Index, Max Failed Indexes, Failed Indexes, the conditions and
// one line per pod (before "Pod Template:", so the tail reads as kubectl's).
import type { Job, Pod } from '@jobkit/api';
import { selectorError } from '@jobkit/api';
import { podCompletionIndex } from '@jobkit/sim';
import { type RecordedEvent } from '@jobkit/loop';
import { humanDuration } from './duration.js';
import { putAnnotations, putLabels, putPodTemplate, type Put } from './podTemplate.js';
import { selectorText } from './printers.js';
import { describeLayout, tabwrite } from './tabwriter.js';

export interface DescribeInput {
  readonly job: Job;
  readonly pods: readonly Pod[];
  readonly events: readonly RecordedEvent[];
  /** Time the description is made, for the events' ages (ms since the epoch). */
  readonly nowMs: number;
  /** Job creation (ms since the epoch): events are recorded as offsets from it. */
  readonly startMs: number;
  /**
   * Minutes east of UTC at an instant, for Start Time and Completed At. Default: this machine's
   * time zone, as kubectl prints them (TZ=UTC gives +0000).
   */
  readonly utcOffsetMinutes?: (ms: number) => number;
}

const localOffset = (ms: number): number => -new Date(ms).getTimezoneOffset();

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700", in the zone `offsetMinutes` east of UTC. */
export function rfc1123z(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const abs = Math.abs(offsetMinutes);
  return (
    `${weekdays[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${months[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, '0')} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`
  );
}

/** capIndexesListOrNone: an index list cut after the interval that passes 50 characters. */
export function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma === -1 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

// kubectl's PrefixWriter escapes what could drive the terminal (printers.WriteEscaped).
// A line break inside a cell of jobkit's own tables would split its row.
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

/** The Job, its pods and events as `kubectl describe job` lays them out. */
export function describeJob({ job, pods, events, nowMs, startMs, utcOffsetMinutes = localOffset }: DescribeInput): string {
  const spec = job.spec;
  const status = job.status ?? {};
  let lines: string[] = [];
  const put: Put = (level, text) => lines.push(`${'  '.repeat(level)}${escapeTerminal(text)}`);
  const time = (t: string): string => {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? t : rfc1123z(ms, utcOffsetMinutes(ms));
  };

  put(0, `Name:\t${job.metadata.name ?? ''}`);
  put(0, `Namespace:\t${job.metadata.namespace ?? ''}`);
  const badSelector = selectorError(spec.selector);
  put(0, badSelector === undefined ? `Selector:\t${selectorText(spec.selector)}` : `Selector:\tFailed to get selector: ${badSelector}`);
  putLabels(put, 'Labels', job.metadata.labels);
  putAnnotations(put, 'Annotations', job.metadata.annotations);
  const controller = job.metadata.ownerReferences?.find((r) => r.controller === true);
  if (controller !== undefined) put(0, `Controlled By:\t${controller.kind}/${controller.name}`);
  if (spec.parallelism !== undefined) put(0, `Parallelism:\t${spec.parallelism}`);
  put(0, `Completions:\t${spec.completions ?? '<unset>'}`);
  if (spec.completionMode !== undefined) put(0, `Completion Mode:\t${spec.completionMode}`);
  if (spec.suspend !== undefined) put(0, `Suspend:\t${spec.suspend}`);
  if (spec.backoffLimit !== undefined) put(0, `Backoff Limit:\t${spec.backoffLimit}`);
  if (spec.backoffLimitPerIndex !== undefined) put(0, `Backoff Limit Per Index:\t${spec.backoffLimitPerIndex}`);
  if (spec.maxFailedIndexes !== undefined) put(0, `Max Failed Indexes:\t${spec.maxFailedIndexes}`);
  if (spec.ttlSecondsAfterFinished !== undefined) put(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}`);
  if (status.startTime !== undefined) put(0, `Start Time:\t${time(status.startTime)}`);
  if (status.completionTime !== undefined) put(0, `Completed At:\t${time(status.completionTime)}`);
  if (status.startTime !== undefined && status.completionTime !== undefined)
    put(0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}`);
  if (spec.activeDeadlineSeconds !== undefined) put(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s`);
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  put(0, `Pods Statuses:\t${status.active ?? 0} Active${status.ready !== undefined ? ` (${status.ready} Ready)` : ''} / ${counts}`);
  if (spec.completionMode === 'Indexed') put(0, `Completed Indexes:\t${capIndexes(status.completedIndexes)}`);
  if (spec.backoffLimitPerIndex !== undefined) put(0, `Failed Indexes:\t${capIndexes(status.failedIndexes)}`);

  // jobkit's: the conditions (as kubectl's Deployment describer lists them) and the pods.
  const conditions = status.conditions ?? [];
  if (conditions.length === 0) put(0, 'Conditions:\t<none>');
  else {
    put(0, 'Conditions:');
    put(1, 'Type\tStatus\tReason\tMessage');
    put(1, '----\t------\t------\t-------');
    for (const c of conditions) put(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${oneLine(c.message ?? '')}`);
  }
  if (pods.length === 0) put(0, 'Pods:\t<none>');
  else {
    put(0, 'Pods:');
    put(1, 'Name\tIndex\tPhase\tExit Codes\tRestarts\tNotes');
    put(1, '----\t-----\t-----\t----------\t--------\t-----');
    for (const p of pods) put(1, podRow(p).join('\t'));
  }

  putPodTemplate(put, spec.template);

  // DescribeEvents: with events the writer is flushed first, so the table is aligned on its own;
  // "Events:\t<none>" stays in the block above it.
  if (events.length === 0) {
    put(0, 'Events:\t<none>');
    return tabwrite(lines.join('\n'), describeLayout);
  }
  const head = tabwrite(lines.join('\n'), describeLayout);
  lines = [];
  put(0, 'Events:');
  put(1, 'Type\tReason\tAge\tFrom\tMessage');
  put(1, '----\t------\t----\t----\t-------');
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    put(1, `${e.eventType}\t${e.reason}\t${humanDuration(nowMs - startMs - e.at)}\tjob-controller\t${e.message.trim()}`);
  }
  return `${head}\n${tabwrite(lines.join('\n'), describeLayout)}`;
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
    oneLine(notes.join('; ')),
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
