// The worker's copy of a manager's Job: kueue pkg/controller/jobs/job/job_multikueue_adapter.go
// (SyncJob's create branch), plus the fixes its issues asked for (kueue #14734: no TTL).
import {
  ControllerUidLabel,
  JobNameLabel,
  LegacyControllerUidLabel,
  LegacyJobNameLabel,
  decodeJob,
  formatDecodeErrors,
  type Job,
  type ObjectMeta,
} from '@jobkit/api';
import * as E from 'fp-ts/lib/Either.js';
import { produce } from './internal/immer.js';
import { MirrorRecordAnnotation, MultiKueueOriginLabel } from './record.js';

/** Options of {@link remoteJobFor}. @category MultiKueue */
export interface RemoteJobOptions {
  /** The manager's name, written to {@link MultiKueueOriginLabel}. */
  readonly origin: string;
}

/** Labels the worker's API server generates from the remote Job's own uid and name. */
const generatedTemplateLabels = [LegacyJobNameLabel, LegacyControllerUidLabel, JobNameLabel, ControllerUidLabel];
/** On the Job itself, labels naming the manager Job's uid mean nothing on the worker. */
const uidLabels = [LegacyControllerUidLabel, ControllerUidLabel];

/**
 * The Job to create on a worker for the manager's Job `local`: name, namespace, labels and
 * annotations cloned (minus the mirror record and the manager's uid labels) with
 * {@link MultiKueueOriginLabel} set to `origin`; no uid, resourceVersion, generation,
 * ownerReferences, finalizers, managedFields or creationTimestamp; `spec` deep-copied with
 * `selector`, `manualSelector` and the generated template labels dropped (the worker generates
 * its own), `managedBy` cleared (the worker's built-in controller runs it) and
 * `ttlSecondsAfterFinished` cleared (a worker TTL could delete the finished remote before its
 * final status is copied, kueue #14734); `suspend` is copied. No status.
 *
 * @example
 * const remote = remoteJobFor(local, { origin: 'manager-1' });
 * // create `remote` on the worker; mirror it back with mirrorStatus
 *
 * `local` may be a client-node `V1Job` (it is decoded first: `Date` timestamps become RFC 3339
 * text). Something that does not decode as a Job is a programming error here, not data: a
 * TypeError names its fields.
 * @category MultiKueue
 */
export function remoteJobFor(local: Job, options: RemoteJobOptions): Job {
  const decoded = decodeJob(local);
  if (E.isLeft(decoded)) throw new TypeError(`remoteJobFor: local is not a Job: ${formatDecodeErrors(decoded.left, 5).join('; ')}`);
  if (typeof options?.origin !== 'string' || options.origin === '') throw new TypeError('remoteJobFor: options.origin must name the manager');
  local = decoded.right;
  const m: ObjectMeta = local.metadata ?? {};
  // A deep copy first: the worker's client may add fields to what it sends, and none of that
  // may reach the manager's objects.
  const base: Job = structuredClone({
    apiVersion: local.apiVersion ?? 'batch/v1',
    kind: local.kind ?? 'Job',
    metadata: {
      ...(m.name !== undefined ? { name: m.name } : {}),
      ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
      ...(m.labels !== undefined ? { labels: m.labels } : {}),
      ...(m.annotations !== undefined ? { annotations: m.annotations } : {}),
    },
    spec: local.spec ?? { template: {} },
  });
  return produce(base, (job) => {
    const meta = job.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
    meta.labels ??= {};
    for (const k of uidLabels) delete meta.labels[k];
    meta.labels[MultiKueueOriginLabel] = options.origin;
    if (meta.annotations !== undefined) {
      delete meta.annotations[MirrorRecordAnnotation];
      if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
    }
    const spec = job.spec as { -readonly [K in keyof Job['spec']]: Job['spec'][K] };
    delete spec.selector;
    delete spec.manualSelector;
    delete spec.managedBy;
    delete spec.ttlSecondsAfterFinished;
    const tmeta = spec.template?.metadata as { labels?: Record<string, string> } | undefined;
    if (tmeta?.labels !== undefined) {
      for (const k of generatedTemplateLabels) delete tmeta.labels[k];
      if (Object.keys(tmeta.labels).length === 0) delete tmeta.labels;
    }
  });
}
