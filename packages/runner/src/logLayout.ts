// Where a run keeps its logs, so that `jobkit logs` finds them again and runs do not pile up in
// one folder:
//
//   <logsDir>/<job>/<run-id>/<pod>/<container>.log       the container's first run
//   <logsDir>/<job>/<run-id>/<pod>/<container>.<n>.log   its n-th restart (restartPolicy OnFailure, sidecars)
//   <logsDir>/<job>/<run-id>/<pod>/pod.json              the pod when created, then as the run ended
//   <logsDir>/<job>/latest -> <run-id>                   the newest run (a symbolic link)
//
// A run id is the run's start in UTC (20261204T183905Z), with -2, -3 … appended when runs of the
// Job start within the same second: sorted with compareRunIds, oldest first. Container names are
// DNS labels (no dots), so `<container>.<n>.log` cannot be mistaken for another container's file.
import { lstatSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The link to the newest run, in the Job's folder. */
export const LatestRun = 'latest';

/** The pod's record in its log folder. */
export const PodRecordFile = 'pod.json';

/** `20261204T183905Z` for a run started at `ms`; `-n` is added when runs start in the same second. */
export function runIdFor(ms: number, n = 1): string {
  const base = new Date(ms)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  return n > 1 ? `${base}-${n}` : base;
}

const runIdPattern = /^(\d{8}T\d{6}Z)(?:-([1-9]\d*))?$/;

/** The start second and sequence number of a run id; undefined for any other folder name. */
export function parseRunId(id: string): { readonly start: string; readonly n: number } | undefined {
  const m = runIdPattern.exec(id);
  return m === null ? undefined : { start: m[1]!, n: m[2] === undefined ? 1 : Number(m[2]) };
}

/** Oldest first (the sequence number as a number: -10 comes after -9). */
export function compareRunIds(a: string, b: string): number {
  const pa = parseRunId(a);
  const pb = parseRunId(b);
  if (pa === undefined || pb === undefined) return a < b ? -1 : a > b ? 1 : 0;
  return pa.start !== pb.start ? (pa.start < pb.start ? -1 : 1) : pa.n - pb.n;
}

/** The log file of one run of a container: restart 0 is its first run. */
export function logFileName(container: string, restart: number): string {
  return restart > 0 ? `${container}.${restart}.log` : `${container}.log`;
}

/** The container and restart a log file name stands for; undefined for other files. */
export function parseLogFileName(file: string): { readonly container: string; readonly restart: number } | undefined {
  const m = /^([^.]+?)(?:\.(\d+))?\.log$/.exec(file);
  return m === null ? undefined : { container: m[1]!, restart: m[2] === undefined ? 0 : Number(m[2]) };
}

/**
 * Creates the run's folder under `<logsDir>/<job>/` and points `latest` at it. A folder of the
 * same id (a run started in the same second, here or in another process) is never reused: mkdir
 * without `recursive` fails on it, and the next sequence number is tried.
 */
export function createRunDir(logsDir: string, job: string, startMs: number): { readonly dir: string; readonly id: string } {
  const jobDir = join(logsDir, job);
  mkdirSync(jobDir, { recursive: true });
  for (let n = 1; ; n++) {
    const id = runIdFor(startMs, n);
    const dir = join(jobDir, id);
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && n < 1000) continue;
      throw error;
    }
    pointLatest(jobDir, id);
    return { dir, id };
  }
}

/** `latest` -> id, replaced in one rename so that a reader never finds it missing. */
function pointLatest(jobDir: string, id: string): void {
  const link = join(jobDir, LatestRun);
  const temporary = join(jobDir, `.${LatestRun}-${process.pid}-${Date.now()}`);
  try {
    symlinkSync(id, temporary);
    renameSync(temporary, link);
  } catch {
    // No symbolic links here (some file systems): a stale link would mislead, so none at all;
    // `jobkit logs` finds the newest run by its id anyway.
    for (const path of [temporary, link]) {
      try {
        if (lstatSync(path).isSymbolicLink()) rmSync(path);
      } catch {
        // not there
      }
    }
  }
}
