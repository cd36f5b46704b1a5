// jobkit as the Job controller of a real cluster, for the Jobs whose `.spec.managedBy` names it:
// informers for Jobs and pods, upstream's work queue (@jobkit/loop WorkQueue), expectations,
// the read-your-writes check, and per key one pass of syncJob whose actions applyPass makes
// through the API (job_controller.go's loop around syncJob; ../shared/upstream/controller-io.md).
import {
  JobConditionTypes,
  JobControllerName,
  SyncJobBatchPeriodMs,
  finishedCondition,
  isJobFinished,
  trackingFinalizerFor,
  type Job,
  type Pod,
} from '@jobkit/api';
import { backoffFromCountedPods, type BackoffRecord } from '@jobkit/backoff';
import { finishedPods, orphanPodActions, syncJob, ttlAfterFinished, type Action, type CallFailures, type SyncOptions } from '@jobkit/core';
import { FinalizerExpectations, PodExpectations, WorkQueue } from '@jobkit/loop';
import { RealScheduler } from '@jobkit/runner';
import { applyPass } from './apply.js';
import { eventRecorder } from './events.js';
import { apiError, connect, keyOf, type ApiClient, type CachedInformer } from './kube.js';
import { jsonLogger, type Logger } from './log.js';
import { electLeader, type LeaderElector } from './lease.js';
import { newMetrics, type Metrics } from './metrics.js';
import { serveEndpoints, type HttpEndpoint } from './server.js';

export interface ControllerOptions {
  /** The name the Jobs carry in `.spec.managedBy`: the controller acts on those Jobs only. */
  readonly managedBy: string;
  /** Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster). */
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Watch one namespace only (default: all). */
  readonly namespace?: string;
  /** Keys synced at once (default 5, as kube-controller-manager's --concurrent-job-syncs). */
  readonly workers?: number;
  /** The pods' tracking finalizer (default for an external controller: jobkit.io/job-tracking). */
  readonly trackingFinalizer?: string;
  /** The component named in Events and the user agent (default jobkit-controller). */
  readonly component?: string;
  /** This replica's identity (default hostname_pid). */
  readonly identity?: string;
  readonly log?: Logger;
  /** Delay of a sync triggered by a pod change or a same-generation Job update (default 1 s). */
  readonly batchPeriodMs?: number;
  /** Act only while holding a Lease (several replicas: one acts, another takes over). */
  readonly leaderElect?: boolean;
  /** The Lease's namespace and name (default: `default`, `jobkit-` + managedBy as a name: leaseNameFor). */
  readonly leaseNamespace?: string;
  readonly leaseName?: string;
  /** Lease timings (default 15 s / 10 s / 2 s, kube-controller-manager's). */
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  /** HOST:PORT for /metrics, /healthz and /readyz (default: none). */
  readonly metricsAddr?: string;
  /**
   * Delete the managed Jobs whose ttlSecondsAfterFinished has run out, as upstream's
   * TTL-after-finished controller does (default off: kube-controller-manager's own TTL controller
   * deletes any finished Job it sees, whatever its managedBy).
   */
  readonly ttlAfterFinished?: boolean;
}

export interface ControllerHandle {
  /** Resolves once both informers have listed and the workers run (with leader election: once leading). */
  readonly ready: Promise<void>;
  /** Resolves when the controller stops on its own: leadership lost (it then stops acting). */
  readonly lost: Promise<void>;
  /** The bound metrics address, when serving. */
  readonly metricsAddress?: string;
  /** Stops taking work, waits for the passes in flight, stops the informers. */
  stop(): Promise<void>;
  readonly metrics: Metrics;
  /** Status writes the API server refused other than with 409 (each one is a jobkit bug). */
  readonly rejectedStatusWrites: readonly { readonly job: string; readonly code: number; readonly message: string }[];
}

/** The Job key a pod's controller reference points to, if it is a batch/v1 Job. */
function ownerKey(p: Pod): { key: string; uid: string } | undefined {
  const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (ref === undefined || ref.kind !== 'Job' || !(ref.apiVersion ?? '').startsWith('batch/')) return undefined;
  return { key: keyOf(p.metadata.namespace, ref.name), uid: ref.uid };
}

/** resourceVersion a is older than b (etcd's are integers; KEP-5647 compares them so). */
function olderThan(a: string | undefined, b: string): boolean {
  if (a === undefined || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return a.length < b.length || (a.length === b.length && a < b);
}

export async function startController(options: ControllerOptions): Promise<ControllerHandle> {
  const log = options.log ?? jsonLogger();
  const component = options.component ?? 'jobkit-controller';
  const identity = options.identity ?? `${(await import('node:os')).hostname()}_${process.pid}`;
  const managedBy = options.managedBy;
  if (managedBy === JobControllerName) throw new Error(`--managed-by ${JobControllerName} is kube-controller-manager's own Job controller`);
  const trackingFinalizer = options.trackingFinalizer ?? trackingFinalizerFor(managedBy);
  const api: ApiClient = connect({
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context !== undefined ? { context: options.context } : {}),
    userAgent: `${component}/${identity}`,
  });
  const scheduler = new RealScheduler();
  const metrics = newMetrics();
  const events = eventRecorder(api, { component, instance: identity, log, now: () => scheduler.now() });
  const podExpectations = new PodExpectations();
  const finalizerExpectations = new FinalizerExpectations();
  const backoffs = new Map<string, BackoffRecord>();
  const lastWritten = new Map<string, string>();
  const rejected: { job: string; code: number; message: string }[] = [];
  const batch = options.batchPeriodMs ?? SyncJobBatchPeriodMs;

  // Pods, as the informer last showed them, indexed by controller UID (FilterPodsByOwner) and,
  // for adoption, the orphans per namespace.
  const podsByUid = new Map<string, Pod>();
  const byOwner = new Map<string, Set<string>>();
  const orphans = new Map<string, Set<string>>();
  const indexOf = (p: Pod): Map<string, Set<string>> | undefined => (ownerKey(p) !== undefined ? byOwner : orphans);
  const bucket = (p: Pod): string => ownerKey(p)?.uid ?? p.metadata.namespace ?? 'default';
  const index = (p: Pod): void => {
    const m = indexOf(p)!;
    let s = m.get(bucket(p));
    if (s === undefined) m.set(bucket(p), (s = new Set()));
    s.add(p.metadata.uid!);
  };
  const unindex = (p: Pod): void => {
    const m = indexOf(p)!;
    const s = m.get(bucket(p));
    s?.delete(p.metadata.uid!);
    if (s?.size === 0) m.delete(bucket(p));
  };
  const podsOf = (job: Job): Pod[] => {
    const out: Pod[] = [];
    for (const uid of byOwner.get(job.metadata.uid ?? '') ?? []) out.push(podsByUid.get(uid)!);
    for (const uid of orphans.get(job.metadata.namespace ?? 'default') ?? []) out.push(podsByUid.get(uid)!);
    return out;
  };

  const jobsPath = options.namespace !== undefined ? `/apis/batch/v1/namespaces/${options.namespace}/jobs` : '/apis/batch/v1/jobs';
  const podsPath = options.namespace !== undefined ? `/api/v1/namespaces/${options.namespace}/pods` : '/api/v1/pods';
  const jobs: CachedInformer<Job> = api.informer(jobsPath);
  const pods: CachedInformer<Pod> = api.informer(podsPath);
  const ours = (j: Job | undefined): j is Job => j !== undefined && j.spec?.managedBy === managedBy;

  // Both informers have listed and the workers run (readiness; the orphan sweep waits for it).
  let running = false;

  const sync = async (key: string): Promise<void> => {
    const slash = key.indexOf('/');
    const job = jobs.get(key.slice(slash + 1), key.slice(0, slash));
    if (job === undefined) {
      podExpectations.delete(key);
      finalizerExpectations.delete(key);
      backoffs.delete(key);
      lastWritten.delete(key);
      return;
    }
    if (!ours(job)) return;
    const written = lastWritten.get(key);
    if (written !== undefined) {
      if (olderThan(job.metadata.resourceVersion, written)) {
        metrics.staleSyncSkips.inc({ reason: 'job' });
        // The informer's update event for our own write enqueues the key again.
        return;
      }
      lastWritten.delete(key);
    }
    const started = scheduler.now();
    const now = new Date(started);
    const expectationsSatisfied = podExpectations.satisfied(key, started);
    const listed = podsOf(job);
    // After a restart the backoff record is rebuilt from the pods already counted (upstream loses it).
    const backoff = backoffs.get(key) ?? backoffFromCountedPods(listed, trackingFinalizer);
    const syncOptions: SyncOptions = {
      controllerName: managedBy,
      trackingFinalizer,
      expectationsSatisfied,
      finalizerRemovalsPending: finalizerExpectations.pending(key),
      backoff,
    };
    let result = syncJob(job, listed, now, syncOptions);
    const applyCtx = {
      api,
      key,
      podExpectations,
      finalizerExpectations,
      events,
      log,
      metrics,
      trackingFinalizer,
      jobUid: job.metadata.uid ?? '',
      now: () => scheduler.now(),
    };
    let applied = await applyPass(applyCtx, job, result.actions);
    // Failed pod calls: the same pass again with them gives upstream's later decisions (fewer
    // active pods, partial counts, no finish yet); its actions up to the failed group are the
    // ones already made, so the rest is applied from there.
    let failures: CallFailures = {};
    for (let round = 0; applied.callFailures !== undefined && applied.resumeAt !== undefined && round < 8; round++) {
      failures = mergeFailures(failures, applied.callFailures);
      const again = syncJob(job, listed, now, { ...syncOptions, callFailures: failures });
      if (!samePrefix(result.actions, again.actions, applied.resumeAt)) {
        log('warn', 'replay after failed calls diverged; requeued', { job: key });
        break;
      }
      result = again;
      const rest = await applyPass(applyCtx, applied.job, result.actions, applied.resumeAt);
      const writtenRv = rest.writtenResourceVersion ?? applied.writtenResourceVersion;
      applied = { ...rest, ...(writtenRv !== undefined ? { writtenResourceVersion: writtenRv } : {}), error: rest.error ?? applied.error };
    }
    backoffs.set(key, result.backoff);
    if (applied.writtenResourceVersion !== undefined) lastWritten.set(key, applied.writtenResourceVersion);
    if (applied.rejectedWrite !== undefined && applied.rejectedWrite.code !== 409) rejected.push({ job: key, ...applied.rejectedWrite });
    const mode = job.spec.completionMode ?? 'NonIndexed';
    const action = result.actions.some((a) => a.type === 'CreatePod')
      ? 'pods_created'
      : result.actions.some((a) => a.type === 'DeletePod')
        ? 'pods_deleted'
        : result.actions.some((a) => a.type === 'RemovePodFinalizer' || a.type === 'UpdateJobStatus')
          ? 'tracking'
          : 'reconciling';
    const error = applied.error ?? result.error;
    const outcome = error === undefined ? 'success' : 'error';
    metrics.jobSyncs.inc({ completion_mode: mode, result: outcome, action });
    metrics.jobSyncDuration.observe({ completion_mode: mode, result: outcome, action }, (scheduler.now() - started) / 1000);
    if (applied.ok) countFinished(job, applied.job, mode);
    // Upstream adds these once the pass's first status write (if any) went through.
    if (applied.writtenResourceVersion !== undefined || !result.actions.some((a) => a.type === 'UpdateJobStatus')) {
      for (const [a, n] of Object.entries(result.podFailurePolicyActions ?? {})) metrics.podFailuresHandledByFailurePolicy.inc({ action: a }, n);
    }
    if (result.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
    if (error !== undefined) {
      log('info', 'sync error, requeued', { job: key, error, retryInMs: queue.nextDelayMs(key) });
      throw new Error(error);
    }
    queue.forget(key);
    // A finished Job's pods: leftover finalizers are the orphan sweep's.
    if (isJobFinished(applied.job)) {
      sweepOrphans(applied.job);
      if (options.ttlAfterFinished === true) await expireJob(key, applied.job);
    }
  };

  // TTL-after-finished (ttlafterfinished_controller.go processJob): on the cached Job, then once
  // more on a fresh GET (the TTL may have changed), a foreground delete with a UID precondition.
  const expireJob = async (key: string, cached: Job): Promise<void> => {
    const decide = (j: Job): ReturnType<typeof ttlAfterFinished> => {
      const d = ttlAfterFinished(j, new Date(scheduler.now()));
      if (d.kind === 'wait') queue.addAfter(key, d.afterMs);
      if (d.kind === 'error') log('warn', 'ttl after finished', { job: key, error: d.message });
      return d;
    };
    if (decide(cached).kind !== 'delete') return;
    const path = `/apis/batch/v1/namespaces/${cached.metadata.namespace}/jobs/${cached.metadata.name}`;
    const fresh = await api.request<Job>('GET', path);
    if (fresh.status === 404) return;
    if (fresh.status !== 200) throw new Error(`ttl after finished: get: ${apiError(fresh)}`);
    const d = decide(fresh.body);
    if (d.kind !== 'delete') return;
    const res = await api.request('DELETE', path, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Foreground',
      preconditions: { uid: fresh.body.metadata.uid },
    });
    if (res.status === 404 || res.status === 409) return; // gone, or another Job of that name now
    if (res.status !== 200 && res.status !== 202) throw new Error(`ttl after finished: delete: ${apiError(res)}`);
    metrics.jobDeletionDuration.observe(Math.max(0, scheduler.now() - d.expiresAt) / 1000);
    log('info', 'job deleted after its ttl', { job: key, ttlSecondsAfterFinished: fresh.body.spec.ttlSecondsAfterFinished });
  };

  const countFinished = (before: Job, after: Job, mode: string): void => {
    const d = finishedPods(after, before.status ?? {});
    if (d.succeeded > 0) metrics.jobPodsFinished.inc({ completion_mode: mode, result: 'succeeded' }, d.succeeded);
    if (d.failed > 0) metrics.jobPodsFinished.inc({ completion_mode: mode, result: 'failed' }, d.failed);
    if (d.indexes !== undefined) {
      if (d.indexes.succeeded > 0) metrics.jobFinishedIndexes.inc({ status: 'succeeded', backoffLimit: d.indexes.backoffLimit }, d.indexes.succeeded);
      if (d.indexes.failed > 0) metrics.jobFinishedIndexes.inc({ status: 'failed', backoffLimit: d.indexes.backoffLimit }, d.indexes.failed);
    }
    const done = finishedCondition(after);
    if (done !== undefined && finishedCondition(before) === undefined) {
      metrics.jobsFinished.inc({ completion_mode: mode, result: done.type === JobConditionTypes.Complete ? 'succeeded' : 'failed', reason: done.reason ?? '' });
      log('info', 'job finished', { job: keyOf(after.metadata.namespace, after.metadata.name), condition: done.type, reason: done.reason });
    }
  };

  // Pods still carrying our finalizer whose Job is gone or finished (upstream's orphan worker;
  // for an external controller the finalizers of its Jobs' pods are its own to remove).
  const sweeping = new Set<string>();
  const sweepOrphans = (job: Job | undefined, candidates?: readonly Pod[]): void => {
    // Before both caches have listed, a pod's Job may only be missing from the cache: the first
    // sweep waits for them (upstream's orphan worker starts after WaitForCacheSync too).
    if (!running) return;
    const list = candidates ?? (job !== undefined ? podsOf(job) : []);
    const todo = list.filter((p) => (p.metadata.finalizers ?? []).includes(trackingFinalizer) && !sweeping.has(p.metadata.uid!));
    if (todo.length === 0) return;
    const { actions, error } = orphanPodActions(job, todo, { controllerName: managedBy, trackingFinalizer });
    if (error !== undefined) {
      log('warn', 'orphan sweep refused its input', { error });
      return;
    }
    for (const a of actions) {
      if (a.type !== 'RemovePodFinalizer') continue;
      const p = podsByUid.get(a.uid);
      if (p === undefined) continue;
      sweeping.add(a.uid);
      void api
        .request(
          'PATCH',
          `/api/v1/namespaces/${p.metadata.namespace}/pods/${a.name}`,
          { metadata: { '$deleteFromPrimitiveList/finalizers': [trackingFinalizer] } },
          'strategic',
        )
        .then((res) => {
          if (res.status !== 200 && res.status !== 404) log('warn', 'orphan finalizer removal failed', { pod: a.name, error: apiError(res) });
        })
        .catch((e: unknown) => log('warn', 'orphan finalizer removal failed', { pod: a.name, error: String(e) }))
        .finally(() => sweeping.delete(a.uid));
    }
  };

  const queue = new WorkQueue({ scheduler, workers: options.workers ?? 5, process: sync });

  // Informer events → expectations and the queue (job_controller.go addPod/updatePod/deletePod,
  // addJob/updateJob/deleteJob).
  const enqueueOwner = (p: Pod): void => {
    const owner = ownerKey(p);
    if (owner !== undefined) {
      const slash = owner.key.indexOf('/');
      const job = jobs.get(owner.key.slice(slash + 1), owner.key.slice(0, slash));
      if (ours(job) && job.metadata.uid === owner.uid) queue.addAfter(owner.key, batch);
      else if (job === undefined || job.metadata.uid !== owner.uid) sweepOrphans(undefined, [p]);
      return;
    }
    // An orphan: every Job of ours in the namespace may adopt it.
    for (const j of jobs.list(p.metadata.namespace)) if (ours(j)) queue.addAfter(keyOf(j.metadata.namespace, j.metadata.name), batch);
  };
  const hasFinalizer = (p: Pod): boolean => (p.metadata.finalizers ?? []).includes(trackingFinalizer);
  pods.on('add', (p) => {
    podsByUid.set(p.metadata.uid!, p);
    index(p);
    const owner = ownerKey(p);
    if (owner !== undefined) {
      if (p.metadata.deletionTimestamp != null) podExpectations.deletionObserved(owner.key);
      else podExpectations.creationObserved(owner.key);
    }
    enqueueOwner(p);
  });
  pods.on('update', (p) => {
    const old = podsByUid.get(p.metadata.uid!);
    if (old !== undefined) unindex(old);
    podsByUid.set(p.metadata.uid!, p);
    index(p);
    const owner = ownerKey(p);
    if (owner !== undefined) {
      if (old !== undefined && old.metadata.deletionTimestamp == null && p.metadata.deletionTimestamp != null) podExpectations.deletionObserved(owner.key);
      if (!hasFinalizer(p)) finalizerExpectations.removalObserved(owner.key, p.metadata.uid!);
    }
    if (old !== undefined && ownerKey(old)?.key !== owner?.key) enqueueOwner(old);
    enqueueOwner(p);
  });
  pods.on('delete', (p) => {
    const old = podsByUid.get(p.metadata.uid!) ?? p;
    unindex(old);
    podsByUid.delete(p.metadata.uid!);
    const owner = ownerKey(old);
    if (owner !== undefined) {
      if (old.metadata.deletionTimestamp == null) podExpectations.deletionObserved(owner.key);
      finalizerExpectations.removalObserved(owner.key, p.metadata.uid!);
    }
    enqueueOwner(old);
  });
  const generations = new Map<string, number | undefined>();
  jobs.on('add', (j) => {
    const key = keyOf(j.metadata.namespace, j.metadata.name);
    generations.set(key, j.metadata.generation);
    if (ours(j)) queue.add(key);
    else metrics.jobsByExternalController.inc({ controller_name: (j as Job).spec?.managedBy ?? JobControllerName });
  });
  jobs.on('update', (j) => {
    const key = keyOf(j.metadata.namespace, j.metadata.name);
    const spec = generations.get(key) !== j.metadata.generation;
    generations.set(key, j.metadata.generation);
    if (!ours(j)) return;
    if (spec) queue.add(key);
    else queue.addAfter(key, batch);
  });
  jobs.on('delete', (j) => {
    const key = keyOf(j.metadata.namespace, j.metadata.name);
    generations.delete(key);
    queue.add(key);
    sweepOrphans(undefined, podsOf(j));
  });

  // An informer stops on errors other than 410 (it resumes from its last resourceVersion, or
  // relists): start it again after a pause, until the controller stops.
  let stopping = false;
  const restartMs = 2000;
  for (const [what, inf] of [
    ['jobs', jobs],
    ['pods', pods],
  ] as const) {
    inf.on('error', (err?: unknown) => {
      if (stopping) return;
      log('warn', `informer stopped, restarting in ${restartMs / 1000}s`, { informer: what, error: err instanceof Error ? err.message : String(err) });
      setTimeout(() => {
        if (!stopping) void inf.start().catch(() => undefined);
      }, restartMs);
    });
  }
  /** Starts `inf` and resolves once it has listed (retries go through the error handler above). */
  const synced = async (inf: CachedInformer<unknown>): Promise<void> => {
    await inf.start();
    while (!inf.hasSynced() && !stopping) await new Promise((r) => setTimeout(r, 200));
  };

  const endpoint: HttpEndpoint | undefined =
    options.metricsAddr !== undefined ? await serveEndpoints(options.metricsAddr, metrics.registry, () => running) : undefined;
  const elector: LeaderElector | undefined = options.leaderElect
    ? electLeader(api, {
        namespace: options.leaseNamespace ?? 'default',
        name: options.leaseName ?? leaseNameFor(managedBy),
        identity,
        log,
        ...(options.leaseDurationMs !== undefined ? { leaseDurationMs: options.leaseDurationMs } : {}),
        ...(options.renewDeadlineMs !== undefined ? { renewDeadlineMs: options.renewDeadlineMs } : {}),
        ...(options.retryPeriodMs !== undefined ? { retryPeriodMs: options.retryPeriodMs } : {}),
      })
    : undefined;
  let stopPromise: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopPromise ??= (async () => {
      stopping = true;
      await queue.shutdown();
      await Promise.allSettled([jobs.stop(), pods.stop()]);
      await elector?.stop();
      await endpoint?.close();
      log('info', 'controller stopped', { identity });
    })());
  const lost = elector !== undefined ? elector.lost.then(() => stop()) : new Promise<void>(() => undefined);

  // Pods first, so that the first pass of each Job sees its pods.
  const ready = (async () => {
    if (elector !== undefined) {
      log('info', 'waiting for the lease', { identity });
      await Promise.race([elector.acquired, lost]);
      if (stopping) return;
    }
    await synced(pods as CachedInformer<unknown>);
    await synced(jobs as CachedInformer<unknown>);
    if (stopping) return;
    running = true;
    // The pods whose Job the pod events could not find while the Jobs were still listing.
    for (const p of podsByUid.values()) {
      const owner = ownerKey(p);
      if (owner === undefined || !hasFinalizer(p)) continue;
      const slash = owner.key.indexOf('/');
      const job = jobs.get(owner.key.slice(slash + 1), owner.key.slice(0, slash));
      if (job === undefined || job.metadata.uid !== owner.uid) sweepOrphans(undefined, [p]);
    }
    log('info', 'controller started', { managedBy, trackingFinalizer, namespace: options.namespace ?? '(all)', workers: options.workers ?? 5, identity });
  })();

  return {
    ready,
    lost,
    metrics,
    ...(endpoint !== undefined ? { metricsAddress: endpoint.address } : {}),
    rejectedStatusWrites: rejected,
    stop,
  };
}

function mergeFailures(a: CallFailures, b: CallFailures): CallFailures {
  return {
    creates: (a.creates ?? 0) + (b.creates ?? 0),
    deletes: [...(a.deletes ?? []), ...(b.deletes ?? [])],
    finalizerRemovals: [...(a.finalizerRemovals ?? []), ...(b.finalizerRemovals ?? [])],
  };
}

/** Whether two passes' first `n` actions are the same calls (the replay made no other decision before the failures). */
function samePrefix(a: readonly Action[], b: readonly Action[], n: number): boolean {
  if (a.length < n || b.length < n) return false;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.type !== y.type) return false;
    if ('uid' in x && 'uid' in y && x.uid !== y.uid) return false;
    if (x.type === 'UpdateJobStatus' && JSON.stringify(x.status) !== JSON.stringify((y as typeof x).status)) return false;
  }
  return true;
}

/** A Lease name from a managedBy value (a DNS subdomain: lower case, digits, '-', '.'). */
export function leaseNameFor(managedBy: string): string {
  const base = managedBy
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `jobkit-${base}`.slice(0, 253).replace(/[-.]+$/, '');
}
