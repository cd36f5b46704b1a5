// What `jobkit logs` shows, chosen as kubectl chooses: which run of the Job, which pod (kubectl's
// ByLogging order when none is named), which container (the default-container annotation, else
// the first), which run of that container (--previous: the one before the last restart). Pure:
// commands/logs.ts reads the folders and prints.
import type { Pod } from '@jobkit/api';
import { compareRunIds, LatestRun } from '@jobkit/runner';

/** A refusal naming what is missing; `jobkit logs` prints it as `error: …` and exits 2. */
export class LogsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogsError';
  }
}

/** One pod folder of a run: its record (pod.json, when readable) and its container logs. */
export interface PodLogs {
  readonly name: string;
  readonly pod?: Pod;
  /** Per container, the restarts that have a log (0: its first run), ascending. */
  readonly runs: ReadonlyMap<string, readonly number[]>;
}

/** kubectl's annotation naming the container `kubectl logs` and `exec` default to. */
export const DefaultContainerAnnotation = 'kubectl.kubernetes.io/default-container';

/** `wanted` (a run id, or latest / undefined for the newest) among the Job's runs. */
export function pickRun(runs: readonly string[], wanted: string | undefined, job: string, where: string): string {
  const sorted = [...runs].sort(compareRunIds);
  if (sorted.length === 0) throw new LogsError(`no runs of job "${job}" in ${where} (jobkit run writes them there)`);
  if (wanted === undefined || wanted === LatestRun) return sorted[sorted.length - 1]!;
  if (sorted.includes(wanted)) return wanted;
  const recent = sorted.slice(-5).reverse();
  throw new LogsError(
    `run "${wanted}" of job "${job}" not found in ${where} (newest first: ${recent.join(', ')}${sorted.length > recent.length ? ', …' : ''})`,
  );
}

/**
 * The pod named (`NAME` or `pod/NAME`), or the one kubectl would pick for `kubectl logs
 * job/NAME` — with a notice, as kubectl's `Found N pods, using pod/NAME`, when there are several.
 */
export function pickPod(pods: readonly PodLogs[], wanted: string | undefined, context: string): { readonly pod: PodLogs; readonly notice?: string } {
  if (wanted !== undefined) {
    const name = wanted.replace(/^pods?\//, '');
    const pod = pods.find((p) => p.name === name);
    if (pod === undefined) throw new LogsError(`pod "${name}" not found in ${context}${pods.length > 0 ? ` (pods: ${listed(pods.map((p) => p.name))})` : ''}`);
    return { pod };
  }
  if (pods.length === 0) throw new LogsError(`no pods in ${context}`);
  // The API server lists pods by name; the sort keeps that order among equals.
  const sorted = [...pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).sort(byLogging);
  const pod = sorted[0]!;
  return pods.length > 1 ? { pod, notice: `Found ${pods.length} pods, using pod/${pod.name}` } : { pod };
}

/**
 * kubectl's ByLogging (k8s.io/kubectl/pkg/util/podutils): assigned before unassigned, Running
 * (and, as Go's map lookup gives 0, Succeeded and Failed) before Unknown before Pending, ready
 * before not, longer ready first, more container restarts first, older first.
 */
export function byLogging(a: PodLogs, b: PodLogs): number {
  const pa = a.pod;
  const pb = b.pod;
  const nodeA = pa?.spec?.nodeName ?? '';
  const nodeB = pb?.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA !== '' ? -1 : 1;
  const rank = (p: Pod | undefined): number => ({ Running: 0, Unknown: 1, Pending: 2 })[p?.status?.phase ?? ''] ?? 0;
  if (rank(pa) !== rank(pb)) return rank(pa) - rank(pb);
  const readyA = readySince(pa);
  const readyB = readySince(pb);
  if ((readyA !== undefined) !== (readyB !== undefined)) return readyA !== undefined ? -1 : 1;
  if (readyA !== undefined && readyB !== undefined && readyA !== readyB) return olderFirst(readyA, readyB);
  const restarts = (p: Pod | undefined): number => Math.max(0, ...(p?.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  if (restarts(pa) !== restarts(pb)) return restarts(pb) - restarts(pa);
  const createdA = timeMs(pa?.metadata.creationTimestamp);
  const createdB = timeMs(pb?.metadata.creationTimestamp);
  return createdA !== createdB ? olderFirst(createdA, createdB) : 0;
}

/** Earlier first, a missing time (0) last: kubectl's afterOrZero. */
function olderFirst(a: number, b: number): number {
  if (a === 0 || b === 0) return a === 0 ? 1 : -1;
  return a - b;
}

function readySince(pod: Pod | undefined): number | undefined {
  const ready = pod?.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.status === 'True' ? timeMs(ready.lastTransitionTime) : undefined;
}

function timeMs(time: string | null | undefined): number {
  const ms = typeof time === 'string' ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * The container named with -c, else the pod's default: its default-container annotation, else
 * its first container, with kubectl's `Defaulted container "x" out of: x, y, z (init)` when it
 * has others.
 */
export function pickContainer(entry: PodLogs, wanted: string | undefined): { readonly container: string; readonly notices: readonly string[] } {
  const spec = entry.pod?.spec;
  // Without a readable pod.json: the containers that left logs.
  const app = spec ? (spec.containers ?? []).map((c, i) => c.name ?? `container-${i}`) : [...entry.runs.keys()].sort();
  const init = spec ? (spec.initContainers ?? []).map((c, i) => c.name ?? `init-${i}`) : [];
  const all = [...app, ...init.map((n) => `${n} (init)`)].join(', ');
  if (wanted !== undefined) {
    if (!app.includes(wanted) && !init.includes(wanted)) throw new LogsError(`container "${wanted}" is not valid for pod "${entry.name}" out of: ${all}`);
    return { container: wanted, notices: [] };
  }
  if (app.length === 0) throw new LogsError(`pod "${entry.name}" has no containers`);
  const notices: string[] = [];
  const annotated = entry.pod?.metadata.annotations?.[DefaultContainerAnnotation];
  if (annotated !== undefined && annotated !== '') {
    if (app.includes(annotated) || init.includes(annotated)) return { container: annotated, notices };
    notices.push(`Default container name "${annotated}" not found in pod ${entry.name}`);
  }
  const container = app[0]!;
  if (app.length > 1 || init.length > 0) notices.push(`Defaulted container "${container}" out of: ${all}`);
  return { container, notices };
}

/**
 * Which run of the container to print: its last, or with --previous the one before (the
 * kubelet's "previous terminated container"). Refuses, as the API server does, when there is none.
 */
export function pickRestart(entry: PodLogs, container: string, previous: boolean): number {
  const runs = entry.runs.get(container) ?? [];
  if (previous) {
    if (runs.length < 2) throw new LogsError(`previous terminated container "${container}" in pod "${entry.name}" not found`);
    return runs[runs.length - 2]!;
  }
  if (runs.length === 0) {
    const status = [...(entry.pod?.status?.containerStatuses ?? []), ...(entry.pod?.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
    const waiting = status?.state?.waiting?.reason;
    throw new LogsError(`container "${container}" in pod "${entry.name}" ${waiting ? `is waiting to start: ${waiting}` : 'has not started: no logs'}`);
  }
  return runs[runs.length - 1]!;
}

function listed(names: readonly string[]): string {
  return names.length > 10 ? `${names.slice(0, 10).join(', ')}, … ${names.length - 10} more` : names.join(', ');
}
