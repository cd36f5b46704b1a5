// Test builders in the spirit of job_controller_test.go's newJob / buildPod.
import { JobTrackingFinalizer, type Job, type JobSpec, type JobStatus, type Pod } from '@jobkit/api';

export const JOB_UID = 'job-uid';

export function newJob(spec: Partial<JobSpec> = {}, status: JobStatus = {}, name = 'foobar'): Job {
  return {
    metadata: { name, namespace: 'default', uid: JOB_UID },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      selector: { matchLabels: { foo: 'bar' } },
      template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'foo/bar' }] } },
      ...spec,
    },
    status,
  };
}

export interface PodOpts {
  phase?: string;
  index?: number;
  finalizer?: boolean;
  deleted?: string;
  ready?: boolean;
  created?: string;
  nodeName?: string;
  restarts?: number;
  annotations?: Record<string, string>;
  finishedAt?: string;
}

export function newPod(name: string, o: PodOpts = {}): Pod {
  const annotations: Record<string, string> = { ...(o.annotations ?? {}) };
  if (o.index !== undefined) annotations['batch.kubernetes.io/job-completion-index'] = String(o.index);
  return {
    metadata: {
      name,
      uid: name,
      namespace: 'default',
      labels: { foo: 'bar' },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: JOB_UID, controller: true }],
      ...(o.finalizer === false ? {} : { finalizers: [JobTrackingFinalizer] }),
      ...(o.deleted ? { deletionTimestamp: o.deleted } : {}),
      ...(o.created ? { creationTimestamp: o.created } : {}),
    },
    spec: o.nodeName ? { nodeName: o.nodeName } : {},
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ready !== undefined ? { conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }] } : {}),
      ...(o.restarts !== undefined || o.finishedAt !== undefined
        ? {
            containerStatuses: [
              {
                name: 'c',
                restartCount: o.restarts ?? 0,
                ...(o.finishedAt ? { state: { terminated: { exitCode: 1, finishedAt: o.finishedAt } } } : {}),
              },
            ],
          }
        : {}),
    },
  };
}

export const NOW = new Date('2026-01-01T00:00:00Z');
