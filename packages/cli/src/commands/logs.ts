// `jobkit logs JOB [POD] [-c CONTAINER] [--previous] [--run ID]`: a container's log from a local
// run of the Job, read from the folders `jobkit run` writes (@jobkit/runner's logLayout.ts), with
// kubectl's choices and notices (logSelect.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '@jobkit/api';
import { logFileName, parseLogFileName, parseRunId, PodRecordFile } from '@jobkit/runner';
import { ExitCode, type Io } from '../io.js';
import { LogsError, pickContainer, pickPod, pickRestart, pickRun, type PodLogs } from '../logSelect.js';
import { shortPath } from '../runLogs.js';

export interface LogsFlags {
  /** The Job's name (`NAME` or `job/NAME`). */
  readonly job: string;
  readonly pod?: string;
  readonly container?: string;
  readonly previous: boolean;
  /** A run id, or latest (the default). */
  readonly run?: string;
  /** Root of the log folders, absolute. */
  readonly logsDir: string;
}

export function logsCommand(flags: LogsFlags, io: Io): number {
  try {
    const job = flags.job.replace(/^(jobs?|jobs?\.batch)\//, '');
    const jobDir = join(flags.logsDir, job);
    const where = shortPath(io.cwd, flags.logsDir);
    if (!isDir(jobDir)) {
      const others = isDir(flags.logsDir) ? subfolders(flags.logsDir) : [];
      throw new LogsError(
        `no runs of job "${job}" in ${where}${others.length > 0 ? ` (jobs there: ${others.join(', ')})` : ' (jobkit run writes them there; --logs-dir DIR)'}`,
      );
    }
    const run = pickRun(
      subfolders(jobDir).filter((f) => parseRunId(f) !== undefined),
      flags.run,
      job,
      shortPath(io.cwd, jobDir),
    );
    const runDir = join(jobDir, run);
    // Each notice as soon as its choice is made, as kubectl: a refusal after it is then about
    // the pod or container it names.
    const { pod, notice } = pickPod(readPods(runDir), flags.pod, `run ${run} of job "${job}"`);
    if (notice !== undefined) io.stderr.write(`${notice}\n`);
    const { container, notices } = pickContainer(pod, flags.container);
    for (const line of notices) io.stderr.write(`${line}\n`);
    const restart = pickRestart(pod, container, flags.previous);
    io.stdout.write(readFileSync(join(runDir, pod.name, logFileName(container, restart)), 'utf8'));
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof LogsError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return ExitCode.BadInput;
  }
}

/** Every pod folder of a run: pod.json when readable, and which runs of each container left a log. */
function readPods(runDir: string): PodLogs[] {
  return subfolders(runDir).map((name) => {
    const dir = join(runDir, name);
    const runs = new Map<string, number[]>();
    for (const file of readdirSync(dir)) {
      const parsed = parseLogFileName(file);
      if (parsed !== undefined) runs.set(parsed.container, [...(runs.get(parsed.container) ?? []), parsed.restart]);
    }
    for (const list of runs.values()) list.sort((a, b) => a - b);
    let pod: unknown;
    try {
      pod = JSON.parse(readFileSync(join(dir, PodRecordFile), 'utf8'));
    } catch {
      // Missing or cut short (a run killed while writing it): the logs alone still tell the containers.
    }
    return { name, runs, ...(isPodRecord(pod) ? { pod } : {}) };
  });
}

/** Enough of a pod for the choices made from it (a file edited by hand must not crash them). */
function isPodRecord(value: unknown): value is Pod {
  const o = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!o(value) || !o(value.metadata)) return false;
  const spec = value.spec;
  if (spec === undefined) return true;
  return (
    o(spec) && (spec.containers === undefined || Array.isArray(spec.containers)) && (spec.initContainers === undefined || Array.isArray(spec.initContainers))
  );
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Sub-folders, by name; links (latest) are not followed. */
function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
