// Test support: builders for hand-written pass inputs (job_controller_test.go's newJob/buildPod
// spirit), producing the same shapes the fake kubelet does.
import { JobCompletionIndexAnnotation, JobIndexFailureCountAnnotation, JobTrackingFinalizer, type Job, type JobStatus, type Pod } from '../index.js';
// The building block, not jobkit's checked withJobDefaults: these Jobs are valid by construction.
import { withJobDefaults } from '@jobkit/api';
import { ContainerName, JobName, JobNamespace, JobUid, newJob } from './jobArbitrary.js';
import { ControllerUidLabel, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel } from '../index.js';

export const T0 = '2026-01-01T00:00:00Z';

/** A defaulted, valid Job created at T0 with `status`. */
export function job(spec: Parameters<typeof newJob>[0], status: JobStatus = {}): Job {
  return { ...withJobDefaults(newJob(spec, T0)), status };
}

export interface PodOpts {
  readonly phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  readonly ready?: boolean;
  readonly index?: number;
  /** Failure count annotation (backoffLimitPerIndex). */
  readonly failureCount?: number;
  readonly exitCode?: number;
  readonly finishedAt?: string;
  readonly deletedAt?: string;
  readonly disruption?: boolean;
  readonly finalizer?: boolean;
  readonly restarts?: number;
}

/** A pod of the Job as the controller created it and the kubelet reported it. */
export function pod(name: string, o: PodOpts = {}): Pod {
  const annotations: Record<string, string> = {};
  // The template's labels: the Job's selector claims the pod by them.
  const labels: Record<string, string> = {
    [ControllerUidLabel]: JobUid,
    [JobNameLabel]: JobName,
    [LegacyControllerUidLabel]: JobUid,
    [LegacyJobNameLabel]: JobName,
  };
  if (o.index !== undefined) {
    annotations[JobCompletionIndexAnnotation] = String(o.index);
    labels[JobCompletionIndexAnnotation] = String(o.index);
  }
  if (o.failureCount !== undefined) annotations[JobIndexFailureCountAnnotation] = String(o.failureCount);
  const phase = o.phase ?? 'Running';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const t = o.finishedAt ?? T0;
  const conditions = [
    ...(o.disruption ? [{ type: 'DisruptionTarget', status: 'True', lastTransitionTime: t }] : []),
    ...(phase !== 'Pending' ? [{ type: 'Ready', status: o.ready && !terminal ? 'True' : 'False', lastTransitionTime: T0 }] : []),
  ];
  const state = terminal ? { terminated: { exitCode: o.exitCode ?? (phase === 'Succeeded' ? 0 : 1), finishedAt: t } } : { running: { startedAt: T0 } };
  return {
    metadata: {
      name,
      uid: name,
      namespace: JobNamespace,
      creationTimestamp: T0,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: JobName, uid: JobUid, controller: true, blockOwnerDeletion: true }],
      ...(o.finalizer === false ? {} : { finalizers: [JobTrackingFinalizer] }),
      ...(o.deletedAt !== undefined ? { deletionTimestamp: o.deletedAt, deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {},
    status: {
      phase,
      conditions,
      ...(phase !== 'Pending' ? { containerStatuses: [{ name: ContainerName, restartCount: o.restarts ?? 0, ready: !!o.ready && !terminal, state }] } : {}),
    },
  };
}
