// A MultiKueue-style manager: the manager cluster's Jobs whose spec.managedBy names it are run as
// copies on worker clusters (where the built-in Job controller runs them) and their status is
// mirrored back with @jobkit/multikueue's mirrorStatus, so that the manager's API server accepts
// every write, also across a change of worker. One reconcile round per period, over lists (a
// manager handles few Jobs per worker; lists keep restarts and lost workers simple):
//   - a Job never dispatched goes to the reachable worker with the fewest unfinished copies
//     (ties: round robin);
//   - its status is mirrored; the mirror record is persisted on the manager's Job (annotation)
//     before the first status write from a new remote, so a restart cannot add counters twice;
//   - suspend and resume are copied to the remote; a finished or deleted manager Job deletes its
//     remote (propagation Background, only copies whose origin label is this manager's);
//   - a worker unreachable for longer than `lostAfterMs` loses its Jobs: they are dispatched again
//     to another worker (unless an interim or terminal condition forbids it: then the Job is
//     finished on the manager); its old copy is deleted when it comes back.
import {
  MirrorRecordAnnotation,
  MultiKueueOriginLabel,
  encodeMirrorRecord,
  mirrorRecordOf,
  mirrorStatus,
  remoteJobFor,
  type MirrorRecord,
} from '@jobkit/multikueue';
import { finishedCondition, type Job } from '@jobkit/api';
import { apiError, connect, keyOf, type ApiClient } from './kube.js';
import { jsonLogger, type Logger } from './log.js';

export interface MultiKueueWorker {
  readonly name: string;
  readonly kubeconfig: string;
}

export interface MultiKueueOptions {
  /** The manager cluster's kubeconfig. */
  readonly manager: string;
  readonly workers: readonly MultiKueueWorker[];
  /** The manager Jobs' spec.managedBy. */
  readonly managedBy: string;
  /** The origin label's value on the workers' copies (default: derived from managedBy). */
  readonly origin?: string;
  readonly namespace?: string;
  /** Time between rounds (default 1000 ms). */
  readonly periodMs?: number;
  /** A worker unreachable this long is lost: its Jobs are dispatched again (default 30 s). */
  readonly lostAfterMs?: number;
  readonly log?: Logger;
  /** The manager's user agent (default jobkit-multikueue). */
  readonly component?: string;
}

export interface MultiKueueHandle {
  /** Resolves after the first complete round. */
  readonly ready: Promise<void>;
  /** Status writes the manager's API server refused other than with 409 (each a jobkit bug). */
  readonly rejected: readonly { readonly job: string; readonly code: number; readonly message: string }[];
  /** Status writes made so far. */
  readonly writes: () => number;
  stop(): Promise<void>;
}

/** A label value from managedBy: `example.com/mk` → `example.com_mk` (≤ 63, alphanumeric ends). */
export function originFor(managedBy: string): string {
  const v = managedBy
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return v === '' ? 'jobkit-multikueue' : v;
}

interface WorkerState {
  readonly name: string;
  readonly api: ApiClient;
  reachable: boolean;
  lastOkMs: number;
  /** This manager's copies on the worker, by namespace/name (last successful list). */
  jobs: Map<string, Job>;
}

const jobKey = (j: Job): string => keyOf(j.metadata.namespace, j.metadata.name);
const jobsPath = (ns?: string, name?: string): string =>
  ns === undefined ? '/apis/batch/v1/jobs' : `/apis/batch/v1/namespaces/${ns}/jobs${name !== undefined ? `/${name}` : ''}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startMultiKueue(options: MultiKueueOptions): Promise<MultiKueueHandle> {
  const log = options.log ?? jsonLogger();
  const component = options.component ?? 'jobkit-multikueue';
  const origin = options.origin ?? originFor(options.managedBy);
  const periodMs = options.periodMs ?? 1000;
  const lostAfterMs = options.lostAfterMs ?? 30_000;
  if (options.workers.length === 0) throw new Error('multikueue needs at least one worker');
  const names = new Set<string>();
  for (const w of options.workers) {
    if (names.has(w.name)) throw new Error(`worker ${w.name} given twice`);
    names.add(w.name);
  }
  const manager = connect({ kubeconfig: options.manager, userAgent: `${component}/manager`, timeoutMs: 10_000 });
  const workers: WorkerState[] = options.workers.map((w) => ({
    name: w.name,
    api: connect({ kubeconfig: w.kubeconfig, userAgent: `${component}/${w.name}`, timeoutMs: 5_000 }),
    reachable: false,
    lastOkMs: Date.now(),
    jobs: new Map(),
  }));
  const byName = new Map(workers.map((w) => [w.name, w]));
  const rejected: { job: string; code: number; message: string }[] = [];
  let writes = 0;
  let rr = 0;
  let stopped = false;
  const selector = encodeURIComponent(`${MultiKueueOriginLabel}=${origin}`);

  const listWorker = async (w: WorkerState): Promise<void> => {
    try {
      const res = await w.api.request<{ items: Job[] }>('GET', `${jobsPath(options.namespace)}?labelSelector=${selector}`);
      if (res.status !== 200) throw new Error(apiError(res));
      w.jobs = new Map(res.body.items.map((j) => [jobKey(j), j]));
      if (!w.reachable) log('info', 'worker reachable', { worker: w.name });
      w.reachable = true;
      w.lastOkMs = Date.now();
    } catch (e) {
      if (w.reachable) log('warn', 'worker unreachable', { worker: w.name, error: e instanceof Error ? e.message : String(e) });
      w.reachable = false;
    }
  };
  const lost = (w: WorkerState): boolean => !w.reachable && Date.now() - w.lastOkMs >= lostAfterMs;

  const deleteRemote = async (w: WorkerState, remote: Job, why: string): Promise<void> => {
    if (remote.metadata.labels?.[MultiKueueOriginLabel] !== origin) return;
    const res = await w.api.request('DELETE', jobsPath(remote.metadata.namespace, remote.metadata.name), {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Background',
      ...(remote.metadata.uid !== undefined ? { preconditions: { uid: remote.metadata.uid } } : {}),
    });
    if (res.status === 200 || res.status === 202 || res.status === 404 || res.status === 409) {
      w.jobs.delete(jobKey(remote));
      log('info', 'remote deleted', { job: jobKey(remote), worker: w.name, why });
    } else log('warn', 'remote delete failed', { job: jobKey(remote), worker: w.name, error: apiError(res) });
  };

  const dispatch = async (local: Job, exclude: string | undefined): Promise<void> => {
    const candidates = workers.filter((w) => w.reachable && w.name !== exclude);
    if (candidates.length === 0) return;
    const load = (w: WorkerState): number => [...w.jobs.values()].filter((j) => finishedCondition(j) === undefined).length;
    const least = Math.min(...candidates.map(load));
    const tied = candidates.filter((w) => load(w) === least);
    const w = tied[rr++ % tied.length]!;
    const ns = local.metadata.namespace ?? 'default';
    const remote = remoteJobFor(local, { origin });
    let res = await w.api.request<Job>('POST', jobsPath(ns), remote);
    if (res.status === 404) {
      // The namespace is not on the worker yet.
      await w.api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      res = await w.api.request<Job>('POST', jobsPath(ns), remote);
    }
    if (res.status === 201) {
      w.jobs.set(jobKey(res.body), res.body);
      log('info', 'dispatched', { job: jobKey(local), worker: w.name });
    } else if (res.status !== 409) log('warn', 'dispatch failed', { job: jobKey(local), worker: w.name, error: apiError(res) });
  };

  const reconcile = async (local0: Job): Promise<void> => {
    let local = local0;
    const key = jobKey(local);
    const decoded = mirrorRecordOf(local);
    if (!decoded.ok) {
      log('warn', 'mirror record unreadable; Job left alone', { job: key, annotation: MirrorRecordAnnotation, errors: decoded.errors });
      return;
    }
    const record: MirrorRecord | undefined = decoded.value;
    if (local.metadata.deletionTimestamp != null) {
      for (const w of workers) {
        const r = w.jobs.get(key);
        if (w.reachable && r !== undefined) await deleteRemote(w, r, 'the manager Job is being deleted');
      }
      return;
    }
    // Which remote the Job mirrors: the record's, else a copy found on a worker (a restart after
    // the create, before the record was written).
    let current = record?.cluster !== undefined ? byName.get(record.cluster) : undefined;
    if (current === undefined || lost(current) || (current.reachable && !current.jobs.has(key))) {
      // Re-dispatched (the record names the old worker until the first write from the new copy).
      current = workers.find((w) => w.reachable && w.jobs.has(key)) ?? current;
    }
    if (current !== undefined && !current.reachable && !lost(current)) return; // wait for it
    const remote = current !== undefined && current.reachable ? current.jobs.get(key) : undefined;
    // Copies elsewhere that are not the current remote (a lost worker come back): delete.
    for (const w of workers) {
      const r = w.jobs.get(key);
      if (w.reachable && r !== undefined && w !== current) await deleteRemote(w, r, 'another worker runs this Job');
    }
    const res = mirrorStatus({
      local,
      remote,
      ...(remote !== undefined ? { remoteCluster: current!.name } : {}),
      ...(record !== undefined ? { record } : {}),
      now: new Date(),
    });
    if (res.violations.length > 0 && res.status === undefined) {
      log('warn', 'mirror: no status written', { job: key, reason: res.reason, violations: res.violations.map((v) => `${v.field}: ${v.detail}`) });
    }
    if (res.recordChanged) {
      const p = await manager.request<Job>(
        'PATCH',
        jobsPath(local.metadata.namespace, local.metadata.name),
        { metadata: { resourceVersion: local.metadata.resourceVersion, annotations: { [MirrorRecordAnnotation]: encodeMirrorRecord(res.record) } } },
        'merge',
      );
      if (p.status !== 200) {
        if (p.status !== 409) log('warn', 'mirror record write failed', { job: key, error: apiError(p) });
        return;
      }
      local = p.body;
    }
    if (res.status !== undefined) {
      const w = await manager.request<Job>('PUT', `${jobsPath(local.metadata.namespace, local.metadata.name)}/status`, { ...local, status: res.status });
      if (w.status === 200) {
        writes++;
        local = w.body;
      } else {
        if (w.status !== 409) {
          rejected.push({ job: key, code: w.status, message: apiError(w) });
          log('error', 'status write rejected', { job: key, code: w.status, error: apiError(w), reason: res.reason });
        }
        return;
      }
    }
    const localFinished = finishedCondition(local) !== undefined;
    if (remote !== undefined) {
      if (localFinished) {
        if (res.status === undefined) await deleteRemote(current!, remote, 'the manager Job is finished');
      } else if ((local.spec.suspend ?? false) !== (remote.spec.suspend ?? false) && finishedCondition(remote) === undefined) {
        const p = await current!.api.request(
          'PATCH',
          jobsPath(remote.metadata.namespace, remote.metadata.name),
          { spec: { suspend: local.spec.suspend ?? false } },
          'merge',
        );
        if (p.status !== 200) log('warn', 'suspend of the remote failed', { job: key, worker: current!.name, error: apiError(p) });
      }
      return;
    }
    if (!localFinished && res.redispatchAllowed && res.status === undefined && !res.recordChanged) {
      await dispatch(local, current !== undefined && lost(current) ? current.name : undefined);
    }
  };

  const round = async (): Promise<void> => {
    await Promise.all(workers.map(listWorker));
    const res = await manager.request<{ items: Job[] }>('GET', jobsPath(options.namespace));
    if (res.status !== 200) {
      log('warn', 'manager list failed', { error: apiError(res) });
      return;
    }
    const locals = res.body.items.filter((j) => j.spec?.managedBy === options.managedBy);
    const localKeys = new Set(locals.map(jobKey));
    for (const j of locals) {
      try {
        await reconcile(j);
      } catch (e) {
        log('warn', 'reconcile failed', { job: jobKey(j), error: e instanceof Error ? e.message : String(e) });
      }
    }
    // Copies whose manager Job is gone.
    for (const w of workers) if (w.reachable) for (const [k, r] of w.jobs) if (!localKeys.has(k)) await deleteRemote(w, r, 'the manager Job is gone');
  };

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  const done = (async () => {
    let first = true;
    while (!stopped) {
      try {
        await round();
        if (first) {
          first = false;
          markReady();
          log('info', 'multikueue started', { managedBy: options.managedBy, origin, workers: workers.map((w) => w.name) });
        }
      } catch (e) {
        log('warn', 'round failed', { error: e instanceof Error ? e.message : String(e) });
      }
      if (!stopped) await sleep(periodMs);
    }
  })();
  return {
    ready,
    rejected,
    writes: () => writes,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
