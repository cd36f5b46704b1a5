// The logs part of `jobkit run`'s summary: where this run's logs are, and the output worth seeing
// at once — the last lines of failed pods (why they failed), a succeeded pod's (a completed Job's
// result), or every pod's with --logs.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, isAbsolute, relative } from 'node:path';
import type { Pod } from '@jobkit/api';
import type { RunResult } from '@jobkit/runner';
import { parseLogFileName } from '@jobkit/runner';
import type { Io } from './io.js';

/** How much of a log the default summary shows (its end, like `kubectl logs --limit-bytes`). */
const DefaultLogTailBytes = 16 * 1024;

/** Of failed pods: this many lines of each log, of at most this many pods (the last to fail). */
export const FailedTailLines = 10;
export const FailedPodsShown = 3;
/** Read from the end of a failed pod's log: enough for ten long lines, not a whole huge file. */
const FailedTailBytes = 4 * 1024;

export function printRunLogs(io: Io, result: RunResult, options: { readonly printLogs: boolean; readonly completed: boolean }): void {
  if (result.pods.length > 0) {
    const name = result.job.metadata.name ?? '';
    io.stdout.write(`Logs:                 ${shortPath(io.cwd, result.runDir)}/<pod>/<container>.log (jobkit logs ${name} [POD])\n`);
  }
  if (!options.printLogs) printFailedTails(io, result, options.completed);
  if (options.printLogs) {
    for (const pod of result.pods) {
      for (const file of result.logFiles.get(pod.metadata.name ?? '') ?? []) printLog(io, file);
    }
  } else if (options.completed) {
    // Like `kubectl logs job/NAME`: the output of one succeeded pod, so a Job's result shows.
    const pod = result.pods.find((p) => p.status?.phase === 'Succeeded');
    const files = pod ? lastRuns(result.logFiles.get(pod.metadata.name ?? '') ?? []) : [];
    for (const file of files) printLog(io, file, DefaultLogTailBytes);
    if (files.length > 0 && result.pods.length > 1) io.stdout.write('(one succeeded pod shown; --logs prints every pod)\n');
  }
}

/**
 * The failed pods worth a look, oldest first: those the controller did not delete (a deleted
 * pod fails because it was stopped: success policy, a finished Job's leftovers). A failed Job
 * with no other failed pod shows its deleted ones (activeDeadlineSeconds: where they were stuck).
 */
export function failedPodsToShow(pods: readonly Pod[], completed: boolean): { readonly shown: readonly Pod[]; readonly of: number } {
  const failed = pods.filter((p) => p.status?.phase === 'Failed');
  const own = failed.filter((p) => p.metadata.deletionTimestamp === undefined);
  const chosen = own.length > 0 || completed ? own : failed;
  return { shown: chosen.slice(-FailedPodsShown), of: chosen.length };
}

/** The containers whose last run failed (exit code not 0); all of them when the status says nothing. */
function failedContainers(pod: Pod): ReadonlySet<string> | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const failed = statuses.filter((c) => (c.state?.terminated?.exitCode ?? 0) !== 0).map((c) => c.name ?? '');
  return failed.length > 0 ? new Set(failed) : undefined;
}

function printFailedTails(io: Io, result: RunResult, completed: boolean): void {
  const { shown, of } = failedPodsToShow(result.pods, completed);
  if (shown.length === 0) return;
  const name = result.job.metadata.name ?? '';
  const more = of > shown.length ? `; ${shown.length} of ${of} failed pods shown, jobkit logs ${name} POD for the others` : '';
  io.stdout.write(`\nFailed pods: the last ${FailedTailLines} lines of each failed container's log${more}\n`);
  for (const pod of shown) {
    const only = failedContainers(pod);
    for (const file of lastRuns(result.logFiles.get(pod.metadata.name ?? '') ?? [])) {
      const container = parseLogFileName(basename(file))?.container;
      if (only !== undefined && container !== undefined && !only.has(container)) continue;
      io.stdout.write(`\n==> ${shortPath(io.cwd, file)} <==\n${lastLines(readEnd(file, FailedTailBytes), FailedTailLines)}`);
    }
  }
}

/**
 * The last `n` lines of `text` (newline-terminated), with a note of what comes before; `text`
 * may start mid-line (the end of a file read from an offset), which counts as cut.
 */
export function lastLines(read: { readonly text: string; readonly cut: boolean }, n: number): string {
  if (read.text === '') return read.cut ? '' : '(empty)\n';
  const lines = read.text.replace(/\n$/, '').split('\n');
  const kept = lines.slice(-n);
  const before = lines.length - kept.length;
  const note = before > 0 || read.cut ? `[… ${read.cut ? 'more' : before} line${before === 1 && !read.cut ? '' : 's'} before these …]\n` : '';
  return `${note}${kept.join('\n')}\n`;
}

/** The last `bytes` of a file (all of it if smaller); cut: something came before. */
function readEnd(file: string, bytes: number): { text: string; cut: boolean } {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    const read = readSync(fd, buffer, 0, buffer.length, start);
    let text = buffer.subarray(0, read).toString('utf8');
    // From an offset: drop the partial first line (and any split UTF-8 character with it).
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return { text, cut: start > 0 };
  } catch {
    return { text: '<unreadable>\n', cut: false };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Of a pod's log files, each container's last run (what `kubectl logs` shows), in their order. */
export function lastRuns(files: readonly string[]): string[] {
  const last = new Map<string, { file: string; restart: number }>();
  for (const file of files) {
    const parsed = parseLogFileName(basename(file));
    const key = parsed?.container ?? file;
    const restart = parsed?.restart ?? 0;
    const seen = last.get(key);
    if (seen === undefined || restart >= seen.restart) last.set(key, { file, restart });
  }
  return [...last.values()].map((v) => v.file);
}

function printLog(io: Io, file: string, tailBytes?: number): void {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '<unreadable>\n';
  }
  if (tailBytes !== undefined && text.length > tailBytes) text = `[… ${text.length - tailBytes} bytes before this …]\n${text.slice(-tailBytes)}`;
  io.stdout.write(`\n==> ${shortPath(io.cwd, file)} <==\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}`);
}

/** Relative to the working directory when inside it, else absolute. */
export function shortPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
