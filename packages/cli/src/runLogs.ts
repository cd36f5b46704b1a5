// The logs part of `jobkit run`'s summary: where this run's logs are, and the output worth seeing
// at once — a succeeded pod's (a completed Job's result), or every pod's with --logs.
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, relative } from 'node:path';
import type { RunResult } from '@jobkit/runner';
import { parseLogFileName } from '@jobkit/runner';
import type { Io } from './io.js';

/** How much of a log the default summary shows (its end, like `kubectl logs --limit-bytes`). */
const DefaultLogTailBytes = 16 * 1024;

export function printRunLogs(io: Io, result: RunResult, options: { readonly printLogs: boolean; readonly completed: boolean }): void {
  if (result.pods.length > 0) {
    const name = result.job.metadata.name ?? '';
    io.stdout.write(`Logs:                 ${shortPath(io.cwd, result.runDir)}/<pod>/<container>.log (jobkit logs ${name} [POD])\n`);
  }
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
