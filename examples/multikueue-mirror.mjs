// A MultiKueue-style manager on one page: the user's Job lives on the manager (spec.managedBy
// names the manager, so the built-in controller leaves it alone); a copy runs on a worker,
// where the built-in controller (here: syncJob with a pretend kubelet) runs it; the manager
// mirrors the copy's status back with mirrorStatus. Worker 1 is lost after partial progress;
// the Job is dispatched again to worker 2 and completes there.
//   pnpm build && node examples/multikueue-mirror.mjs
import {
  MirrorRecordAnnotation,
  admitJob,
  applyActions,
  encodeMirrorRecord,
  mirrorRecordOf,
  mirrorStatus,
  parseJob,
  remoteJobFor,
  syncJob,
  validateJobStatusUpdate,
} from 'jobkit';

let clock = Date.parse('2026-01-01T00:00:00Z');
const now = () => new Date(clock);

// 1. The manager's API server stores the user's Job: suspended until admitted, managed by us.
const decoded = parseJob({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'render', namespace: 'default' },
  spec: {
    completionMode: 'Indexed',
    completions: 4,
    parallelism: 2,
    suspend: true,
    managedBy: 'kueue.x-k8s.io/multikueue',
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'render', image: 'busybox', command: ['sh', '-c', 'echo $JOB_COMPLETION_INDEX'] }] } },
  },
});
if (!decoded.ok) throw new Error(decoded.errors.join('\n'));
let local = admitJob(decoded.value, { uid: 'manager-job-uid', now: now() });

/** The manager's writes: the status subresource checks each status as the API server would. */
function updateLocal(next) {
  local = next;
}
function writeLocalStatus(status) {
  const errs = validateJobStatusUpdate(local, { ...local, status });
  if (errs.length > 0) throw new Error(`rejected: ${errs.map((e) => `${e.field}: ${e.detail}`).join('; ')}`);
  local = { ...local, status };
}

/** A worker cluster: its API server admits the copy, its controller runs it (one pass per step). */
function worker(cluster, uid, failFirstTry) {
  const state = { cluster, job: admitJob(remoteJobFor(local, { origin: 'manager-1' }), { uid, now: now() }), pods: [], backoff: undefined, seq: 0 };
  state.step = () => {
    const r = syncJob(state.job, state.pods, now(), { backoff: state.backoff });
    state.backoff = r.backoff;
    ({ job: state.job, pods: state.pods } = applyActions({ job: state.job, pods: state.pods }, r.actions, {
      now: now(),
      generateName: (p) => `${p}${++state.seq}`,
    }));
    clock += 10_000;
    // The pretend kubelet: pending pods finish; on this worker, listed indexes fail their first try.
    const finishedAt = now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    state.pods = state.pods.map((p) => {
      if (p.status?.phase !== undefined && p.status.phase !== 'Pending') return p;
      const index = Number(p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']);
      const fail = failFirstTry.delete(index);
      return {
        ...p,
        status: {
          phase: fail ? 'Failed' : 'Succeeded',
          containerStatuses: [{ name: 'render', state: { terminated: { exitCode: fail ? 1 : 0, finishedAt } } }],
        },
      };
    });
  };
  return state;
}

// 2. The manager's reconcile: mirror, persist the record (before the status), write the status.
function reconcile(remote) {
  const stored = mirrorRecordOf(local); // the record is an annotation on the manager's Job
  if (!stored.ok) throw new Error(stored.errors.join('\n'));
  const r = mirrorStatus({ local, remote: remote?.job, remoteCluster: remote?.cluster, record: stored.value, now: now() });
  if (r.recordChanged) {
    updateLocal({
      ...local,
      metadata: { ...local.metadata, annotations: { ...local.metadata.annotations, [MirrorRecordAnnotation]: encodeMirrorRecord(r.record) } },
    });
  }
  if (r.status) writeLocalStatus(r.status);
  const s = local.status ?? {};
  const conds =
    (s.conditions ?? [])
      .filter((c) => c.status === 'True')
      .map((c) => c.type)
      .join('+') || '-';
  console.log(
    `mirror ${remote?.cluster ?? '(no remote)'}: ${r.reason.split(':')[0]}${r.status ? '' : ' (no write)'}; succeeded ${s.succeeded ?? 0}, failed ${s.failed ?? 0}, completedIndexes "${s.completedIndexes ?? ''}", active ${s.active ?? 0}, conditions ${conds}`,
  );
  return r;
}

// 3. Dispatch to worker 1 (Kueue admits the Job: the manager unsuspends its Job).
reconcile(undefined); // suspended, no remote: the manager writes Suspended=True once
updateLocal({ ...local, spec: { ...local.spec, suspend: false } });
const w1 = worker('worker-1', 'worker-1-job-uid', new Set([1]));
for (let i = 0; i < 2; i++) {
  w1.step();
  reconcile(w1);
}

// 4. Worker 1 is lost. The Job's end is not decided, so it may go elsewhere: suspend, dispatch again.
const lost = reconcile(undefined);
console.log(`worker-1 lost: redispatchAllowed ${lost.redispatchAllowed}`);
updateLocal({ ...local, spec: { ...local.spec, suspend: true } });
reconcile(undefined); // startTime cleared, active 0: the template is mutable again
updateLocal({ ...local, spec: { ...local.spec, suspend: false } });
const w2 = worker('worker-2', 'worker-2-job-uid', new Set());
w2.step();

// What a verbatim copy (local.status = remote.status) would meet now:
const verbatim = validateJobStatusUpdate(local, { ...local, status: w2.job.status });
console.log(`verbatim copy of worker-2: ${verbatim.map((e) => `${e.field}: ${e.detail}`).join('; ') || 'accepted'}`);

for (let i = 0; i < 4 && !(local.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True'); i++) {
  reconcile(w2);
  w2.step();
}
const again = reconcile(w2);
console.log(`record: ${local.metadata.annotations[MirrorRecordAnnotation]}`);
console.log(
  `job Complete: succeeded ${local.status.succeeded}, failed ${local.status.failed}, completedIndexes ${local.status.completedIndexes}; next call writes ${again.status ? 'something' : 'nothing'}`,
);
