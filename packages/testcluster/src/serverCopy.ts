// A Job as a test creates it on the real API server: the local Job's spec under a new name,
// without what the server generates itself (uid, selector, controller-uid and job-name labels),
// managed by a controller that does not run (so only the test writes its status), and held by a
// finalizer of the test's (so the garbage collector cannot remove it after a deletion).
import { ControllerUidLabel, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel, type Job } from '@jobkit/api';

export const NobodyManagedBy = 'example.com/nobody';
export const TestHoldFinalizer = 'jobkit.io/test-hold';

const generated = new Set([ControllerUidLabel, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel]);
const withoutGenerated = (labels: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined => {
  if (labels === undefined) return undefined;
  const out = Object.fromEntries(Object.entries(labels).filter(([k]) => !generated.has(k)));
  return Object.keys(out).length > 0 ? out : undefined;
};

export function serverCopyOf(job: Job, name: string, opts: { readonly managedBy?: string; readonly hold?: boolean } = {}): Record<string, unknown> {
  const manual = job.spec.manualSelector === true;
  const { selector, manualSelector: _m, managedBy: _mb, template, ...spec } = job.spec;
  const labels = manual ? job.metadata.labels : withoutGenerated(job.metadata.labels);
  const templateLabels = manual ? template.metadata?.labels : withoutGenerated(template.metadata?.labels);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      ...(labels !== undefined ? { labels } : {}),
      ...(job.metadata.annotations !== undefined ? { annotations: job.metadata.annotations } : {}),
      ...(opts.hold !== false ? { finalizers: [TestHoldFinalizer] } : {}),
    },
    spec: {
      ...spec,
      ...(manual ? { manualSelector: true, selector } : {}),
      managedBy: opts.managedBy ?? NobodyManagedBy,
      template: { ...template, metadata: { ...template.metadata, ...(templateLabels !== undefined ? { labels: templateLabels } : { labels: undefined }) } },
    },
  };
}
