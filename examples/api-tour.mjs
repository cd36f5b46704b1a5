// A tour of jobkit's API: decode a Job, validate it, and play reconcile passes forward by hand —
// what a custom controller does, with a pretend kubelet in place of a cluster.
//   pnpm build && node examples/api-tour.mjs
import { admitJob, applyActions, formatFieldError, isInvalidInput, parseJob, syncJob, validateJob, validateJobStatusUpdate } from 'jobkit';

// 1. Decode untrusted JSON (errors name the field). Then do what the API server does on create:
//    defaults, a UID, the generated selector and pod-template labels, resourceVersion.
const decoded = parseJob({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default' },
  spec: {
    completions: 2,
    parallelism: 2,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-e', 'print 3.14'] }] } },
  },
});
if (!decoded.ok) throw new Error(decoded.errors.join('\n'));
let job = admitJob(decoded.value, { uid: '5d3b2f0e-0000-4000-8000-000000000001', now: new Date('2026-01-01T00:00:00Z') });
// jobkit never throws on bad arguments: it answers an InvalidInput whose errors name the field.
if (isInvalidInput(job)) throw new Error(job.errors.map((e) => `${e.field}: ${e.detail}`).join('\n'));

// 2. Validate it as the API server would on create.
const specErrors = validateJob(job);
console.log(`validateJob: ${specErrors.length === 0 ? 'ok' : specErrors.map(formatFieldError).join('; ')}`);

// 3. Reconcile: each pass returns actions (in order) and the status after them.
let pods = [];
let backoff;
let seq = 0;
let t = Date.parse('2026-01-01T00:00:00Z');
for (let pass = 1; pass <= 5; pass++) {
  const now = new Date(t);
  const result = syncJob(job, pods, now, { backoff });
  backoff = result.backoff; // the controller's memory goes back in next time
  for (const a of result.actions) {
    if (a.type === 'UpdateJobStatus') {
      // A custom controller would check each write before it makes it.
      const errs = validateJobStatusUpdate(job, { ...job, status: a.status });
      if (errs.length > 0) throw new Error(`the API server would reject this status: ${JSON.stringify(errs)}`);
    }
  }
  console.log(`pass ${pass}: ${result.actions.map((a) => (a.type === 'RecordEvent' ? `${a.type}(${a.reason})` : a.type)).join(', ') || 'nothing to do'}`);
  ({ job, pods } = applyActions({ job, pods }, result.actions, { now, generateName: (prefix) => `${prefix}${++seq}` }));

  // The pretend kubelet: every pending pod runs and exits 0 ten seconds later.
  t += 10_000;
  const finishedAt = new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  pods = pods.map((p) =>
    p.status?.phase === 'Pending'
      ? { ...p, status: { phase: 'Succeeded', containerStatuses: [{ name: 'pi', state: { terminated: { exitCode: 0, finishedAt } } }] } }
      : p,
  );
  const done = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (done) {
    console.log(`job ${done.type}: ${done.reason} (${done.message}); succeeded ${job.status.succeeded}`);
    break;
  }
}
