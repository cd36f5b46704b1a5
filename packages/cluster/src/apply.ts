// A pass's actions as upstream's I/O makes them (../shared/upstream/controller-io.md): creates in
// slow-start batches (1, 2, 4, …; parallel within a batch; stop after a batch with a failure),
// finalizer removals and deletes in parallel (a removal right before its pod's delete is
// manageJob's scale-down; a removal failure there leaves the pod undeleted), status writes as a
// PUT of the whole object with the resourceVersion last seen, events with the real pod name.
// Expectations are set before the calls and lowered for failed or skipped ones.
//
// The statuses in a pass's actions assume every call succeeds. When pod calls fail, applyPass
// stops after their group and reports the failures (`callFailures`, `resumeAt`): the controller
// runs the same pass again with them and applies the rest, as upstream's pass goes on with
// corrected numbers. A failed status write or adoption ends the pass (upstream returns there too).
import type { Job, Pod } from '@jobkit/api';
import type { Action, CallFailures } from '@jobkit/core';
import type { FinalizerExpectations, PodExpectations } from '@jobkit/loop';
import type { EventRecorder } from './events.js';
import { apiError, type ApiClient } from './kube.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

export interface ApplyContext {
  readonly api: ApiClient;
  readonly key: string;
  readonly podExpectations: PodExpectations;
  readonly finalizerExpectations: FinalizerExpectations;
  readonly events: EventRecorder;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly trackingFinalizer: string;
  /** The Job's uid, for release patches. */
  readonly jobUid: string;
  readonly now: () => number;
}

export interface Applied {
  /** Every action was applied. */
  readonly ok: boolean;
  /** The Job as the last status write returned it (else as given). */
  readonly job: Job;
  /** The resourceVersion of the last status write, if any (read-your-writes). */
  readonly writtenResourceVersion?: string;
  readonly error?: string;
  /** Status writes the server refused with 409 (a second writer) or 422 (a jobkit bug). */
  readonly rejectedWrite?: { readonly code: number; readonly message: string };
  /** Pod calls of one group failed: run the pass again with these and apply it from `resumeAt`. */
  readonly callFailures?: CallFailures;
  readonly resumeAt?: number;
}

const jobPath = (j: Job): string => `/apis/batch/v1/namespaces/${j.metadata.namespace}/jobs/${j.metadata.name}`;
const podPath = (ns: string, name: string): string => `/api/v1/namespaces/${ns}/pods/${name}`;

/** Runs `fs` with at most `limit` in flight; resolves with every result. */
async function parallel<T>(fs: readonly (() => Promise<T>)[], limit = 32): Promise<T[]> {
  const out: T[] = new Array(fs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < fs.length) {
      const i = next++;
      out[i] = await fs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, fs.length) }, worker));
  return out;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const isEvent = (a: Action, reason: string): boolean => a.type === 'RecordEvent' && a.reason === reason;

/** Applies `actions` from index `from` (a resumed pass: the earlier ones were made). */
export async function applyPass(ctx: ApplyContext, job: Job, actions: readonly Action[], from = 0): Promise<Applied> {
  const ns = job.metadata.namespace ?? 'default';
  let current = job;
  let written: string | undefined;
  const createdNames: string[] = [];
  for (let i = from; i < actions.length;) {
    const a = actions[i]!;
    if (a.type === 'CreatePod') {
      // One slow-start group: the pass's creates with their SuccessfulCreate events between them
      // (recorded for the pods created, with their real names, as pod control records them).
      let j = i;
      while (j < actions.length && (actions[j]!.type === 'CreatePod' || isEvent(actions[j]!, 'SuccessfulCreate'))) j++;
      const creates = actions.slice(i, j).filter((x): x is Extract<Action, { type: 'CreatePod' }> => x.type === 'CreatePod');
      const { error, notCreated } = await createPods(ctx, current, ns, creates, createdNames);
      for (const name of createdNames.splice(0)) void ctx.events.record(current, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`);
      if (error !== undefined) {
        return {
          ok: false,
          job: current,
          ...(written !== undefined ? { writtenResourceVersion: written } : {}),
          error,
          callFailures: { creates: notCreated },
          resumeAt: j,
        };
      }
      i = j;
    } else if (a.type === 'RemovePodFinalizer' || a.type === 'DeletePod') {
      // One parallel group: finalizer removals and deletes, with the SuccessfulDelete events
      // between them (recorded for the deletes that went).
      let j = i;
      while (j < actions.length && (actions[j]!.type === 'RemovePodFinalizer' || actions[j]!.type === 'DeletePod' || isEvent(actions[j]!, 'SuccessfulDelete')))
        j++;
      const group = actions.slice(i, j);
      const writes = group.filter(
        (x): x is Extract<Action, { type: 'RemovePodFinalizer' | 'DeletePod' }> => x.type === 'RemovePodFinalizer' || x.type === 'DeletePod',
      );
      const { error, failures, notDeleted } = await podWrites(ctx, current, ns, writes);
      for (const x of group) {
        if (x.type !== 'RecordEvent') continue;
        const name = x.message.startsWith('Deleted pod: ') ? x.message.slice('Deleted pod: '.length) : undefined;
        if (name === undefined || !notDeleted.has(name)) void ctx.events.record(current, x.eventType, x.reason, x.message);
      }
      if (error !== undefined) {
        return { ok: false, job: current, ...(written !== undefined ? { writtenResourceVersion: written } : {}), error, callFailures: failures, resumeAt: j };
      }
      i = j;
    } else if (a.type === 'AdoptPod') {
      let j = i;
      while (j < actions.length && actions[j]!.type === 'AdoptPod') j++;
      const error = await adoptPods(ctx, current, ns, actions.slice(i, j) as Extract<Action, { type: 'AdoptPod' }>[]);
      if (error !== undefined) return { ok: false, job: current, ...(written !== undefined ? { writtenResourceVersion: written } : {}), error };
      i = j;
    } else if (a.type === 'UpdateJobStatus') {
      const body = { ...current, apiVersion: 'batch/v1', kind: 'Job', status: a.status };
      let res;
      try {
        res = await ctx.api.request<Job>('PUT', `${jobPath(current)}/status`, body);
      } catch (e) {
        return { ok: false, job: current, error: `status write: ${message(e)}` };
      }
      if (res.status !== 200) {
        const msg = apiError(res);
        ctx.log(res.status === 409 ? 'info' : 'error', 'status write refused', { job: ctx.key, code: res.status, error: msg });
        return {
          ok: false,
          job: current,
          ...(written !== undefined ? { writtenResourceVersion: written } : {}),
          error: `status write: ${msg}`,
          rejectedWrite: { code: res.status, message: msg },
        };
      }
      current = res.body;
      written = current.metadata.resourceVersion;
      i++;
    } else {
      void ctx.events.record(current, a.eventType, a.reason, a.message);
      i++;
    }
  }
  return { ok: true, job: current, ...(written !== undefined ? { writtenResourceVersion: written } : {}) };
}

async function createPods(
  ctx: ApplyContext,
  job: Job,
  ns: string,
  creates: readonly Extract<Action, { type: 'CreatePod' }>[],
  createdNames: string[],
): Promise<{ error?: string; notCreated: number }> {
  ctx.podExpectations.expectCreations(ctx.key, creates.length, ctx.now());
  const replacement = (job.status?.failed ?? 0) > 0 || (job.status?.terminating ?? 0) > 0;
  const reason = !replacement ? 'new' : job.spec.podReplacementPolicy === 'Failed' ? 'recreate_failed' : 'recreate_terminating_or_failed';
  let done = 0;
  let batch = 1;
  while (done < creates.length) {
    const size = Math.min(batch, creates.length - done);
    const results = await parallel(
      creates.slice(done, done + size).map((c) => async (): Promise<{ name?: string; error?: string }> => {
        try {
          const res = await ctx.api.request<Pod>('POST', `/api/v1/namespaces/${ns}/pods`, { apiVersion: 'v1', kind: 'Pod', ...c.pod });
          if (res.status === 201 || res.status === 200) return { name: res.body.metadata.name ?? '' };
          return { error: apiError(res) };
        } catch (e) {
          return { error: message(e) };
        }
      }),
    );
    done += size;
    let failure: string | undefined;
    for (const r of results) {
      if (r.error === undefined) {
        createdNames.push(r.name!);
        ctx.metrics.jobPodsCreation.inc({ reason, status: 'succeeded' });
        continue;
      }
      failure ??= r.error;
      ctx.podExpectations.creationObserved(ctx.key);
      ctx.metrics.jobPodsCreation.inc({ reason, status: 'failed' });
      // Upstream records no event while the namespace is being torn down.
      if (!/because it is being terminated/.test(r.error)) void ctx.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${r.error}`);
    }
    if (failure !== undefined) {
      ctx.podExpectations.creationObserved(ctx.key, creates.length - done);
      ctx.log('warn', 'pod creation failed', { job: ctx.key, error: failure, skipped: creates.length - done });
      const created = results.filter((r) => r.error === undefined).length + done - size;
      return { error: `create pod: ${failure}`, notCreated: creates.length - created };
    }
    batch *= 2;
  }
  return { notCreated: 0 };
}

/**
 * ClaimPods' adoptions: first a fresh read of the Job (RecheckDeletionTimestamp: no adoption by a
 * Job that is gone, replaced or being deleted), then per pod ownerRefControllerPatch — the Job as
 * controller reference, the tracking finalizer added, the pod's uid as a precondition. A pod gone
 * meanwhile is skipped (upstream ignores NotFound); any other failure ends the pass.
 */
async function adoptPods(ctx: ApplyContext, job: Job, ns: string, adopts: readonly Extract<Action, { type: 'AdoptPod' }>[]): Promise<string | undefined> {
  let fresh;
  try {
    fresh = await ctx.api.request<Job>('GET', jobPath(job));
  } catch (e) {
    return `adopt pods: ${message(e)}`;
  }
  if (fresh.status !== 200) return `adopt pods: get Job: ${apiError(fresh)}`;
  if (fresh.body.metadata.uid !== job.metadata.uid)
    return `adopt pods: original Job ${ctx.key} is gone: got uid ${fresh.body.metadata.uid}, wanted ${job.metadata.uid}`;
  if (fresh.body.metadata.deletionTimestamp != null) return `adopt pods: ${ctx.key} has just been deleted at ${fresh.body.metadata.deletionTimestamp}`;
  const ref = { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true };
  const errors = await parallel(
    adopts.map((a) => async (): Promise<string | undefined> => {
      try {
        const res = await ctx.api.request(
          'PATCH',
          podPath(ns, a.name),
          { metadata: { ownerReferences: [ref], uid: a.uid, finalizers: [ctx.trackingFinalizer] } },
          'strategic',
        );
        return res.status === 200 || res.status === 404 ? undefined : `adopt pod ${a.name}: ${apiError(res)}`;
      } catch (e) {
        return `adopt pod ${a.name}: ${message(e)}`;
      }
    }),
  );
  const first = errors.find((e) => e !== undefined);
  if (first !== undefined) ctx.log('warn', 'pod adoption failed', { job: ctx.key, error: first });
  return first;
}

async function podWrites(
  ctx: ApplyContext,
  job: Job,
  ns: string,
  ops: readonly Extract<Action, { type: 'RemovePodFinalizer' | 'DeletePod' }>[],
): Promise<{ error?: string; failures?: CallFailures; notDeleted: ReadonlySet<string> }> {
  // Per pod, its operations in order; pods in parallel.
  const byPod = new Map<string, (typeof ops)[number][]>();
  for (const op of ops) {
    const l = byPod.get(op.uid);
    if (l === undefined) byPod.set(op.uid, [op]);
    else l.push(op);
  }
  const scaleDown = [...byPod.values()].filter((l) => l.length > 1 && l[0]!.type === 'RemovePodFinalizer' && l[1]!.type === 'DeletePod');
  const plainRemovals = [...byPod.values()].filter((l) => l[0]!.type === 'RemovePodFinalizer' && !scaleDown.includes(l)).map((l) => l[0]!.uid);
  if (scaleDown.length > 0) ctx.podExpectations.expectDeletions(ctx.key, scaleDown.length, ctx.now());
  ctx.finalizerExpectations.expectRemovals(ctx.key, plainRemovals);
  // Upstream's removeTrackingFinalizerPatch (strategic merge); a release also deletes the owner
  // reference (GenerateDeleteOwnerRefStrategicMergeBytes, with the pod's uid as a precondition).
  const patchOf = (op: Extract<Action, { type: 'RemovePodFinalizer' }>): unknown =>
    op.release === true
      ? { metadata: { ownerReferences: [{ $patch: 'delete', uid: ctx.jobUid }], uid: op.uid, '$deleteFromPrimitiveList/finalizers': [ctx.trackingFinalizer] } }
      : { metadata: { '$deleteFromPrimitiveList/finalizers': [ctx.trackingFinalizer] } };
  type Failure = { readonly error: string; readonly uid: string; readonly name: string; readonly kind: 'delete' | 'finalizer' | 'release' };
  const fail = (op: (typeof ops)[number], error: string): Failure => ({
    error,
    uid: op.uid,
    name: op.name,
    kind: op.type === 'DeletePod' ? 'delete' : op.release === true ? 'release' : 'finalizer',
  });
  const errors = await parallel(
    [...byPod.values()].map((list) => async (): Promise<Failure | undefined> => {
      const isScaleDown = scaleDown.includes(list);
      for (const op of list) {
        try {
          if (op.type === 'RemovePodFinalizer') {
            const res = await ctx.api.request('PATCH', podPath(ns, op.name), patchOf(op), 'strategic');
            // A release the server finds invalid (the reference already gone) is done too, as upstream.
            if (op.release === true && res.status === 422) continue;
            if (res.status === 200 || res.status === 404) {
              if (res.status === 200) ctx.metrics.terminatedPodsTrackingFinalizer.inc({ event: 'delete' });
              continue;
            }
            if (isScaleDown) ctx.podExpectations.deletionObserved(ctx.key);
            else ctx.finalizerExpectations.removalObserved(ctx.key, op.uid);
            return fail(op, `remove finalizer of pod ${op.name}: ${apiError(res)}`);
          }
          const res = await ctx.api.request('DELETE', podPath(ns, op.name));
          if (res.status === 200 || res.status === 202 || res.status === 404) continue;
          if (isScaleDown) ctx.podExpectations.deletionObserved(ctx.key);
          // Pod control's event for a failed delete (RealPodControl.DeletePod).
          void ctx.events.record(job, 'Warning', 'FailedDelete', `Error deleting: ${apiError(res)}`);
          return fail(op, `delete pod ${op.name}: ${apiError(res)}`);
        } catch (e) {
          if (isScaleDown) ctx.podExpectations.deletionObserved(ctx.key);
          else if (op.type === 'RemovePodFinalizer') ctx.finalizerExpectations.removalObserved(ctx.key, op.uid);
          return fail(op, `${op.type === 'DeletePod' ? 'delete' : 'remove finalizer of'} pod ${op.name}: ${message(e)}`);
        }
      }
      return undefined;
    }),
  );
  const failed = errors.filter((e): e is Failure => e !== undefined);
  // A pod whose finalizer patch or delete failed was not deleted.
  const notDeleted = new Set(failed.map((f) => f.name));
  if (failed.length === 0) return { notDeleted };
  const first = failed[0]!.error;
  ctx.log('warn', 'pod write failed', { job: ctx.key, error: first, failed: failed.length });
  // A failed release ends the pass (upstream's ClaimPods returns the error before the pass).
  if (failed.some((f) => f.kind === 'release')) return { error: first, notDeleted };
  return {
    notDeleted,
    error: first,
    failures: {
      deletes: failed.filter((f) => f.kind === 'delete').map((f) => f.uid),
      finalizerRemovals: failed.filter((f) => f.kind === 'finalizer').map((f) => f.uid),
    },
  };
}
