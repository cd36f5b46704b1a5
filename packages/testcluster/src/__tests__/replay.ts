// Test support: replays a played run's writes (playPasses' trace: status writes, the user's spec
// edits and deletion) in order on a copy of its Job on a real API server, tallying what the
// server accepted and every disagreement with validateJobStatusUpdate.
import type { FieldError, Job, JobStatus } from 'jobkit';
import type { TraceEvent } from '../../../jobkit/src/testing/playPasses.js';
import { expectStatus, fieldErrorsOf, jobsPath, type Kube, type Response } from '../client.js';
import { serverCopyOf } from '../serverCopy.js';

export const newTally = (): Tally => ({ jobs: 0, statusWrites: 0, accepted: 0, rejected: 0, knownRejected: 0, specWrites: 0, problems: [] });

export interface Tally {
  jobs: number;
  statusWrites: number;
  accepted: number;
  rejected: number;
  knownRejected: number;
  specWrites: number;
  problems: string[];
}

/** The distinct (type, field) pairs of field errors, sorted: how the server and we are compared. */
export const pairs = (errs: readonly { readonly type: string; readonly field: string }[]): string =>
  [...new Set(errs.map((e) => `${e.type} ${e.field}`))].sort().join('; ');

/**
 * PUT with the stored copy's resourceVersion; on a conflict, once more on a fresh read — only the
 * garbage collector writes these Jobs besides the test (removing foregroundDeletion after a
 * deletion), and it never touches spec or status, which the fresh read must show unchanged.
 */
async function putFresh(k: Kube, path: string, stored: Job, make: (base: Job) => Job, t: Tally, name: string): Promise<Response<Job>> {
  const res = await k.put<Job>(path, make(stored));
  if (res.status !== 409) return res;
  const fresh = expectStatus(await k.get<Job>(path.replace(/\/status$/, '')), `get ${name}`);
  if (JSON.stringify(fresh.spec) !== JSON.stringify(stored.spec) || JSON.stringify(fresh.status ?? {}) !== JSON.stringify(stored.status ?? {})) {
    t.problems.push(`${name}: conflict, and someone else changed the spec or status`);
    return res;
  }
  return k.put<Job>(path, make(fresh));
}

export async function replay(
  k: Kube,
  ns: string,
  name: string,
  job: Job,
  trace: readonly TraceEvent[],
  known: (pass: number) => string | undefined,
  t: Tally,
  opts: { readonly managedBy?: string } = {},
): Promise<void> {
  const created = await k.post<Job>(jobsPath(ns), serverCopyOf(job, name, opts));
  if (created.status !== 201) {
    t.problems.push(`${name}: create rejected (HTTP ${created.status}): ${pairs(fieldErrorsOf(created))} — spec ${JSON.stringify(job.spec)}`);
    return;
  }
  let stored = created.body;
  for (const ev of trace) {
    if (ev.kind === 'spec') {
      const { suspend, parallelism, completions } = ev.job.spec;
      const res = await putFresh(k, jobsPath(ns, name), stored, (b) => ({ ...b, spec: { ...b.spec, suspend, parallelism, completions } }), t, name);
      t.specWrites++;
      if (res.status !== 200) {
        t.problems.push(`${name}: spec update rejected (HTTP ${res.status}): ${pairs(fieldErrorsOf(res))}`);
        return;
      }
      stored = res.body;
    } else if (ev.kind === 'delete') {
      const res = await k.delete<Job>(jobsPath(ns, name), { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Foreground' });
      if (res.status !== 200 && res.status !== 202) {
        t.problems.push(`${name}: delete failed (HTTP ${res.status})`);
        return;
      }
      stored = expectStatus(await k.get<Job>(jobsPath(ns, name)), `get ${name}`);
    } else {
      const res = await putFresh(k, `${jobsPath(ns, name)}/status`, stored, (b) => ({ ...b, status: ev.status as JobStatus }), t, name);
      t.statusWrites++;
      const ours = ev.errors as readonly FieldError[];
      if (res.status === 200) {
        t.accepted++;
        stored = res.body;
        if (ours.length > 0)
          t.problems.push(
            `${name} pass ${ev.pass}: the server accepted a write validateJobStatusUpdate rejects (${pairs(ours)}): ${JSON.stringify(ev.status)}`,
          );
      } else if (res.status === 409) {
        t.problems.push(`${name} pass ${ev.pass}: conflict (nothing else writes this Job)`);
        return;
      } else {
        t.rejected++;
        const theirs = fieldErrorsOf(res);
        const shape = known(ev.pass);
        if (ours.length === 0) {
          t.problems.push(
            `${name} pass ${ev.pass}: HTTP ${res.status} ${pairs(theirs)} — ${theirs.map((e) => e.message).join(' | ')}\n  old status: ${JSON.stringify(stored.status ?? {})}\n  new status: ${JSON.stringify(ev.status)}\n  spec: ${JSON.stringify({ ...stored.spec, template: undefined, selector: undefined })}`,
          );
        } else if (shape === undefined) {
          t.problems.push(`${name} pass ${ev.pass}: rejected by both, but not one of the known upstream self-contradictions: ${pairs(ours)}`);
        } else if (pairs(ours) !== pairs(theirs)) {
          t.problems.push(`${name} pass ${ev.pass}: ${shape}: we name ${pairs(ours)}, the server ${pairs(theirs)}`);
        } else {
          t.knownRejected++;
        }
      }
    }
  }
}
