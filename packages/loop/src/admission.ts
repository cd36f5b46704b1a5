// What the API server does to a Job on create before any controller sees it
// (pkg/registry/batch/job/strategy.go PrepareForCreate and generateSelector): identity,
// cleared status, generated selector and pod-template labels, and API defaults.
import { ControllerUidLabel, formatValidTime, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel, withJobDefaults, type Job } from '@jobkit/api';
import { produce } from './internal/immer.js';

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
  const job = produce(defaulted, (d) => {
    d.apiVersion = defaulted.apiVersion ?? 'batch/v1';
    d.kind = defaulted.kind ?? 'Job';
    const m = d.metadata;
    if (generated !== undefined) m.name = generated;
    m.namespace = defaulted.metadata.namespace ?? 'default';
    m.uid = options.uid;
    m.generation = 1;
    m.resourceVersion = '1';
    m.creationTimestamp = formatValidTime(options.now);
    d.status = {};
  });
  return job.spec.manualSelector ? job : generateSelector(job, name, options.uid);
}

function generateSelector(job: Job, name: string, uid: string): Job {
  return produce(job, (d) => {
    d.spec.selector = { matchLabels: { [ControllerUidLabel]: uid } };
    const template = (d.spec.template ??= {});
    const labels = ((template.metadata ??= {}).labels ??= {});
    labels[ControllerUidLabel] = uid;
    labels[LegacyControllerUidLabel] = uid;
    labels[JobNameLabel] = name;
    labels[LegacyJobNameLabel] = name;
  });
}
