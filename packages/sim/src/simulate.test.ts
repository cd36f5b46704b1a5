// The loop and the scripted kubelet, driven by a stand-in controller (a test double, not the
// real pass): it creates one pod, counts it when it ends and finishes the Job.
import type { Job, JobStatus, Pod } from '@jobkit/api';
import type { Action, SyncResult } from '@jobkit/core';
import type { Controller } from '@jobkit/loop';
import { parseScript, type Script } from './script.js';
import { simulate } from './simulate.js';

const finalizer = 'batch.kubernetes.io/job-tracking';

function fakeSync(job: Job, pods: readonly Pod[], now: Date): SyncResult {
  const status: JobStatus = job.status ?? {};
  const actions: Action[] = [];
  const t = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  let next: JobStatus = { ...status, startTime: status.startTime ?? t };
  const tracked = pods.filter((p) => (p.metadata.finalizers ?? []).includes(finalizer));
  const done = tracked.filter((p) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed');
  for (const p of done) {
    actions.push({ type: 'RemovePodFinalizer', name: p.metadata.name!, uid: p.metadata.uid! });
    if (p.status?.phase === 'Succeeded') next = { ...next, succeeded: (next.succeeded ?? 0) + 1 };
    else next = { ...next, failed: (next.failed ?? 0) + 1 };
  }
  const active = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
  if ((next.failed ?? 0) > (job.spec.backoffLimit ?? 6)) {
    next = {
      ...next,
      active: 0,
      conditions: [
        { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded' },
        { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
      ],
    };
  } else if ((next.succeeded ?? 0) >= 1 && active.length === 0) {
    next = {
      ...next,
      active: 0,
      completionTime: t,
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True' },
        { type: 'Complete', status: 'True', reason: 'CompletionsReached' },
      ],
    };
    actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: 'Completed', message: 'Job completed' });
  } else if (active.length === 0) {
    actions.push({ type: 'CreatePod', pod: { metadata: { generateName: `${job.metadata.name}-`, finalizers: [finalizer] }, spec: job.spec.template.spec } });
    actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod' });
    next = { ...next, active: 1 };
  } else next = { ...next, active: active.length };
  if (JSON.stringify(next) !== JSON.stringify(status)) actions.push({ type: 'UpdateJobStatus', status: next });
  return { actions, status: next, backoff: { failuresAfterLastSuccess: 0 } };
}

const fakeController: Controller = {
  syncJob: fakeSync,
  applyActions: (state, actions, opts) => {
    let { job, pods } = state;
    for (const a of actions) {
      if (a.type === 'CreatePod') {
        const name = opts.generateName(a.pod.metadata.generateName ?? 'p-');
        pods = [...pods, { ...a.pod, metadata: { ...a.pod.metadata, name, uid: opts.generateUid?.(name) ?? name }, status: { phase: 'Pending' } }];
      } else if (a.type === 'RemovePodFinalizer') {
        pods = pods.map((p) => (p.metadata.uid === a.uid ? { ...p, metadata: { ...p.metadata, finalizers: [] } } : p));
      } else if (a.type === 'UpdateJobStatus') job = { ...job, status: a.status };
    }
    return { job, pods };
  },
  validateJobStatusUpdate: () => [],
};

const job: Job = {
  metadata: { name: 'pi' },
  spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', command: ['true'] }] } } },
};

function script(doc: unknown): Script {
  const r = parseScript(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.script;
}

describe('simulate with a stand-in controller', () => {
  test('one pod succeeds: Complete, deterministic timeline', () => {
    const a = simulate(job, script({ default: { duration: '2s' } }), { controller: fakeController });
    const b = simulate(job, script({ default: { duration: '2s' } }), { controller: fakeController });
    expect(a.outcome).toMatchObject({ kind: 'Complete', reason: 'CompletionsReached' });
    expect(a.timeline).toEqual(b.timeline);
    expect(a.pods).toHaveLength(1);
    expect(a.pods[0]!.status?.phase).toBe('Succeeded');
    expect(a.pods[0]!.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(0);
    // created at 0, ran 2 s, synced after the 1 s batch period.
    expect(a.elapsedMs).toBe(3000);
  });

  test('failures then BackoffLimitExceeded', () => {
    const r = simulate(job, script({ default: { exitCode: 3 } }), { controller: fakeController });
    expect(r.outcome).toMatchObject({ kind: 'Failed', reason: 'BackoffLimitExceeded' });
    expect(r.pods.map((p) => p.status?.phase)).toEqual(['Failed', 'Failed']);
  });

  test('a status write the API server rejects stops the run', () => {
    const r = simulate(job, script({}), {
      controller: { ...fakeController, validateJobStatusUpdate: () => [{ type: 'FieldValueInvalid', field: 'status.active', detail: 'nope' }] },
    });
    expect(r.outcome).toMatchObject({ kind: 'Violation', errors: [{ field: 'status.active' }] });
  });

  test('OnFailure restarts in place with the crash-loop back-off', () => {
    const onFailure: Job = { ...job, spec: { ...job.spec, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c' }] } } } };
    const r = simulate(onFailure, script({ attempts: [{ exitCode: 1 }, { exitCode: 1 }] }), { controller: fakeController });
    expect(r.outcome.kind).toBe('Complete');
    expect(r.pods).toHaveLength(1);
    expect(r.pods[0]!.status?.containerStatuses?.[0]?.restartCount).toBe(2);
    // 1 s run, immediate restart, 1 s, 10 s back-off, 1 s, then the batched sync.
    expect(r.elapsedMs).toBe(14_000);
    expect(r.pods[0]!.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(1);
  });

  test('per-container exit codes: only the failing container restarts under OnFailure', () => {
    const two: Job = { ...job, spec: { ...job.spec, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main' }, { name: 'side' }] } } } };
    const r = simulate(two, script({ attempts: [{ containers: { main: 3 } }] }), { controller: fakeController });
    expect(r.outcome.kind).toBe('Complete');
    const statuses = r.pods[0]!.status?.containerStatuses ?? [];
    expect(statuses.map((s) => [s.name, s.restartCount, s.state?.terminated?.exitCode])).toEqual([
      ['main', 1, 0],
      ['side', 0, 0],
    ]);
  });

  test('pod activeDeadlineSeconds: the kubelet fails the pod with DeadlineExceeded', () => {
    const limited: Job = {
      ...job,
      spec: { ...job.spec, backoffLimit: 0, template: { spec: { restartPolicy: 'Never', activeDeadlineSeconds: 5, containers: [{ name: 'c' }] } } },
    };
    const r = simulate(limited, script({ default: { duration: '1m' } }), { controller: fakeController });
    expect(r.pods[0]!.status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded' });
    expect(r.outcome.kind).toBe('Failed');
  });

  test('disruption: DisruptionTarget condition, pod deleted and failed', () => {
    const r = simulate(job, script({ attempts: [{ disruption: 'PreemptionByScheduler' }] }), { controller: fakeController });
    const first = r.pods[0]!;
    expect(first.status?.phase).toBe('Failed');
    expect(first.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler' });
    expect(first.metadata.deletionTimestamp).toBeDefined();
  });
});
