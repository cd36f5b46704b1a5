// `-o json|yaml|name|wide`: kubectl's printers for the objects a command produces. The default
// (no -o) is each command's own human output; these are for scripts and kubectl habits.
import type { Job, LabelSelector } from '@jobkit/api';
import { selectorError } from '@jobkit/api';
import { stringify as toYaml } from 'yaml';
import { humanDuration } from './duration.js';
import { getLayout, tabwrite } from './tabwriter.js';

/** What `-o` takes, sorted as kubectl lists them in its error. */
export const outputFormats = ['json', 'name', 'wide', 'yaml'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export const isOutputFormat = (value: string): value is OutputFormat => (outputFormats as readonly string[]).includes(value);

/** kubectl's wording (cli-runtime NoCompatiblePrinterError), without its "error: " prefix. */
export const noPrinterMessage = (value: string): string =>
  `unable to match a printer suitable for the output format ${JSON.stringify(value)}, allowed formats are: ${outputFormats.join(',')}`;

/**
 * A label selector as labels.Selector's String() writes it (apimachinery pkg/labels, through
 * metav1.LabelSelectorAsSelector): requirements sorted by key, `k=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`, joined by commas; "" for an absent or empty selector.
 */
export function selectorText(selector: LabelSelector | undefined): string {
  if (selector === undefined) return '';
  const requirements: { key: string; text: string }[] = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, text: `${key}=${value}` })),
    ...(selector.matchExpressions ?? []).map((r) => {
      const values = [...(r.values ?? [])].sort().join(',');
      const text =
        r.operator === 'In'
          ? `${r.key} in (${values})`
          : r.operator === 'NotIn'
            ? `${r.key} notin (${values})`
            : r.operator === 'DoesNotExist'
              ? `!${r.key}`
              : r.key;
      return { key: r.key, text };
    }),
  ];
  return requirements
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: "<none>" when empty, "<error>" when it does not convert. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (selectorError(selector) !== undefined) return '<error>';
  return selectorText(selector) || '<none>';
}

/** `-o name`: kubectl's resource/name (cli-runtime NamePrinter: kind.group/name). */
export const jobResourceName = (job: Job): string => `job.batch/${job.metadata.name ?? ''}`;

const hasCondition = (job: Job, type: string): boolean => job.status?.conditions?.find((c) => c.type === type)?.status === 'True';

/** printJob's STATUS (pkg/printers/internalversion/printers.go): the first that holds. */
export function jobStatusText(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp !== undefined) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

const sinceText = (time: string | undefined, nowMs: number): string => {
  const t = time === undefined ? NaN : Date.parse(time);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(nowMs - t);
};

/** One row of `kubectl get jobs` (printJob): NAME STATUS COMPLETIONS DURATION AGE, and with wide CONTAINERS IMAGES SELECTOR. */
export function jobRow(job: Job, nowMs: number, wide: boolean): string[] {
  const succeeded = job.status?.succeeded ?? 0;
  const completions =
    job.spec.completions !== undefined
      ? `${succeeded}/${job.spec.completions}`
      : (job.spec.parallelism ?? 0) > 1
        ? `${succeeded}/1 of ${job.spec.parallelism}`
        : `${succeeded}/1`;
  const start = job.status?.startTime;
  const end = job.status?.completionTime;
  const duration = start === undefined ? '' : end === undefined ? sinceText(start, nowMs) : humanDuration(Date.parse(end) - Date.parse(start));
  const row = [job.metadata.name ?? '', jobStatusText(job), completions, duration, sinceText(job.metadata.creationTimestamp, nowMs)];
  if (!wide) return row;
  const containers = job.spec.template.spec?.containers ?? [];
  return [...row, containers.map((c) => c.name ?? '').join(','), containers.map((c) => c.image ?? '').join(','), formatLabelSelector(job.spec.selector)];
}

const jobColumns = ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'];
const wideJobColumns = [...jobColumns, 'CONTAINERS', 'IMAGES', 'SELECTOR'];

/** `kubectl get jobs [-o wide]`: the header and one row per Job, laid out by kubectl's tabwriter. */
export function jobTable(jobs: readonly Job[], nowMs: number, wide: boolean): string {
  const rows = [wide ? wideJobColumns : jobColumns, ...jobs.map((j) => jobRow(j, nowMs, wide))];
  return tabwrite(`${rows.map((r) => r.join('\t')).join('\n')}\n`, getLayout);
}

/**
 * What `-o FORMAT` prints for a command whose result is `job` (name, wide) and `document` (json,
 * yaml: the command's whole result as data). Ends with a newline.
 */
export function printOutput(format: OutputFormat, job: Job, document: unknown, nowMs: number): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(document, null, 2)}\n`;
    case 'yaml':
      // As kubectl's (go-yaml): YAML 1.1 quoting, so "2026-01-01T00:00:00Z", "on" or "0755" stay
      // strings for 1.1 readers; no folding of long strings; sequences not indented under their
      // key; no anchors where the document shares an object (a pod's spec and the template's).
      return toYaml(document, { version: '1.1', lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false });
    case 'name':
      return `${jobResourceName(job)}\n`;
    case 'wide':
      return jobTable([job], nowMs, true);
  }
}
