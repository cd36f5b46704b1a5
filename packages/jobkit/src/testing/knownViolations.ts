// Test support: violation shapes the property test has found and written up as named cases in
// statusValidity.cases.test.ts. Each predicate matches its shape narrowly, so a new bug with a
// similar symptom still fails the property.
import type { FieldError } from '../index.js';
import type { Violation } from './playPasses.js';

/**
 * BUG (in @jobkit/core, owner to fix): pod-creation backoff reports active=0 while ready counts
 * the running Ready pods. manageJob mirrors job_controller.go @ 6ae037f1, whose two backoff
 * branches (global and per-index) `return 0, metrics.JobSyncActionPodsCreated, nil`; the current
 * API server rejects ready > active (RejectMoreReadyThanActivePods). Upstream fixed the
 * controller in kubernetes/kubernetes#139457 (issue #139428): both branches return `active`.
 * Shape: a rejected write whose only errors are `status.ready: cannot set more ready pods than
 * active`, that writes active=0 although the pass created no pod and at least one active pod of
 * its input was not deleted by the pass.
 * Cases: statusValidity.cases.test.ts "global pod backoff…" and "per-index backoff…".
 */
export function isBackoffReportsActiveZero(v: Violation): boolean {
  if (v.kind !== 'statusUpdateRejected') return false;
  const errs = (v.errors ?? []) as readonly FieldError[];
  if (errs.length === 0 || !errs.every((e) => e.field === 'status.ready' && e.detail === 'cannot set more ready pods than active')) return false;
  if ((v.newStatus?.active ?? 0) !== 0) return false;
  const actions = v.actions ?? [];
  if (actions.some((a) => a.type === 'CreatePod')) return false;
  const deleted = new Set(actions.flatMap((a) => (a.type === 'DeletePod' ? [a.uid] : [])));
  return v.input.pods.some((p) => {
    const phase = p.status?.phase;
    return phase !== 'Succeeded' && phase !== 'Failed' && p.metadata.deletionTimestamp == null && !deleted.has(p.metadata.uid ?? '');
  });
}

/** Every known shape, by name (the name is what the property test reports as excluded). */
export const knownViolations: readonly { readonly name: string; readonly matches: (v: Violation) => boolean }[] = [
  { name: 'backoff reports active=0 (kubernetes#139428)', matches: isBackoffReportsActiveZero },
];
