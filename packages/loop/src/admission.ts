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

/**
 * The Job as stored by the API server after a create. Written with spreads, not immer: the Job is
 * the caller's object and may hold what immer cannot draft — a Map or Set in hostile input
 * (immer throws without its MapSet plugin), a class instance (immer would edit it in place).
 * Spreads copy whatever is there and never change the input.
 */
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
  const withPodDefault = withRestartPolicyDefault(job);
  return withPodDefault.spec.manualSelector ? withPodDefault : generateSelector(withPodDefault, name, options.uid);
}

/**
 * SetDefaults_PodSpec's one default that Job validation reads: an empty restartPolicy becomes
 * Always, which validateJobSpec then rejects with one error (`Required value: valid values:
 * "OnFailure", "Never"`), as the API server reports it. The other pod defaults are not applied.
 */
function withRestartPolicyDefault(job: Job): Job {
  const template = job.spec.template;
  const podSpec = template.spec;
  if (podSpec === undefined || (podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== '')) return job;
  return { ...job, spec: { ...job.spec, template: { ...template, spec: { ...podSpec, restartPolicy: 'Always' } } } };
}

/**
 * generateSelector (pkg/registry/batch/job/strategy.go): adds what is missing and replaces
 * nothing. Template labels job-name / batch.kubernetes.io/job-name get the name and
 * controller-uid / batch.kubernetes.io/controller-uid the uid, each only when absent; the
 * selector's matchLabels gets batch.kubernetes.io/controller-uid only when absent; the user's
 * selector (matchLabels and matchExpressions) is kept. What the user wrote that conflicts — a
 * selector of their own without manualSelector, or a re-submitted `kubectl get -o json` dump
 * whose labels and selector hold the old uid — is then rejected by validation
 * (ValidateGeneratedSelector: `spec.selector: Invalid value: ...: \`selector\` not
 * auto-generated`), as the API server rejects it.
 */
function generateSelector(job: Job, name: string, uid: string): Job {
  const template = job.spec.template ?? {};
  const labels: Record<string, string> = { ...template.metadata?.labels };
  for (const label of [LegacyJobNameLabel, JobNameLabel]) if (!Object.prototype.hasOwnProperty.call(labels, label)) labels[label] = name;
  for (const label of [LegacyControllerUidLabel, ControllerUidLabel]) if (!Object.prototype.hasOwnProperty.call(labels, label)) labels[label] = uid;
  const selector = job.spec.selector ?? {};
  const matchLabels: Record<string, string> = { ...selector.matchLabels };
  if (!Object.prototype.hasOwnProperty.call(matchLabels, ControllerUidLabel)) matchLabels[ControllerUidLabel] = uid;
  return {
    ...job,
    spec: {
      ...job.spec,
      selector: { ...selector, matchLabels },
      template: { ...template, metadata: { ...template.metadata, labels } },
    },
  };
}
