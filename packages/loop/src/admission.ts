// What the API server does to a Job on create before any controller sees it
// (pkg/registry/batch/job/strategy.go PrepareForCreate and generateSelector): identity,
// cleared status, generated selector and pod-template labels, and API defaults.
import { ControllerUidLabel, formatValidTime, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel, withJobDefaults, type Job } from '@jobkit/api';

export interface AdmitOptions {
  readonly uid: string;
  readonly now: Date;
  /** Name generation for a Job with only metadata.generateName. */
  readonly generateName?: (prefix: string) => string;
}

/** The Job as stored by the API server after a create. */
export function admitJob(input: Job, options: AdmitOptions): Job {
  const defaulted = withJobDefaults(input);
  const generated =
    defaulted.metadata.name === undefined && defaulted.metadata.generateName !== undefined && options.generateName !== undefined
      ? options.generateName(defaulted.metadata.generateName)
      : undefined;
  const name = defaulted.metadata.name ?? generated ?? '';
  const job: Job = {
    ...defaulted,
    apiVersion: defaulted.apiVersion ?? 'batch/v1',
    kind: defaulted.kind ?? 'Job',
    metadata: {
      ...defaulted.metadata,
      ...(generated !== undefined ? { name: generated } : {}),
      namespace: defaulted.metadata.namespace ?? 'default',
      uid: options.uid,
      generation: 1,
      resourceVersion: '1',
      creationTimestamp: formatValidTime(options.now),
    },
    status: {},
  };
  return job.spec.manualSelector ? job : generateSelector(job, name, options.uid);
}

function generateSelector(job: Job, name: string, uid: string): Job {
  const template = job.spec.template ?? {};
  const labels = {
    ...template.metadata?.labels,
    [ControllerUidLabel]: uid,
    [LegacyControllerUidLabel]: uid,
    [JobNameLabel]: name,
    [LegacyJobNameLabel]: name,
  };
  return {
    ...job,
    spec: {
      ...job.spec,
      selector: { matchLabels: { [ControllerUidLabel]: uid } },
      template: { ...template, metadata: { ...template.metadata, labels } },
    },
  };
}
