// `jobkit run JOB.yaml`: the Job on this machine, pods as local processes.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { FieldValidation } from '@jobkit/api';
import type { Controller } from '@jobkit/loop';
import { describeJob } from '../present/describe.js';
import { defaultMaxProcesses, runJob } from '@jobkit/runner';
import { formatInvalidJob } from '../fieldErrors.js';
import { ExitCode, type Io } from '../io.js';
import { loadJob } from '../manifest.js';
import { outcomeReport } from '../outcome.js';
import { checkJobNamed } from '../prepare.js';
import { Progress } from '../progress.js';

export interface RunFlags {
  readonly logsDir?: string;
  readonly printLogs: boolean;
  readonly verbose: boolean;
  readonly name?: string;
  readonly restartDelayMs?: number;
  /** At most this many pods at once (default: defaultMaxProcesses()). */
  readonly maxProcesses?: number;
  /** The result as JSON on stdout instead of progress and summary. */
  readonly json?: boolean;
  /** Unknown fields (kubectl's --validate): strict when not said. */
  readonly fieldValidation?: FieldValidation;
}

export async function runCommand(path: string, flags: RunFlags, controller: Controller, io: Io): Promise<number> {
  const job = loadJob(path, flags.name, { fieldValidation: flags.fieldValidation ?? 'Strict', warn: (line) => void io.stderr.write(`${line}\n`) });
  const { name: admittedName, errors } = checkJobNamed(job);
  if (errors.length > 0) {
    // What `kubectl create -f` prints for the API server's answer; nothing runs.
    io.stderr.write(formatInvalidJob(admittedName, errors));
    return ExitCode.BadInput;
  }
  const logsDir = flags.logsDir === undefined ? join(io.cwd, 'jobkit-logs') : isAbsolute(flags.logsDir) ? flags.logsDir : join(io.cwd, flags.logsDir);
  const images = [
    ...new Set(
      [...(job.spec.template.spec?.initContainers ?? []), ...(job.spec.template.spec?.containers ?? [])]
        .map((c) => c.image)
        .filter((i): i is string => typeof i === 'string'),
    ),
  ];
  io.stderr.write(
    `note: images are not pulled (no container runtime here): ${images.length > 0 ? images.join(', ') : 'none'}; each container's command runs as a local process\n`,
  );
  // With --json, progress goes nowhere so stdout carries only the JSON document.
  const progress = new Progress(flags.json ? { write: () => undefined } : io.stdout, flags.verbose);
  const maxProcesses = flags.maxProcesses ?? defaultMaxProcesses();
  // What the progress line reads: the loop, and the pods waiting for a process slot.
  const source = (loop: { readonly job: typeof job; readonly elapsedMs: number }, slots: { readonly waiting: number }) => ({
    job: loop.job,
    elapsedMs: loop.elapsedMs,
    waitingForSlot: slots.waiting,
    maxProcesses,
  });
  const result = await runJob(job, {
    logsDir,
    controller,
    hostEnv: io.env,
    interrupt: io.interrupt,
    maxProcesses,
    ...(flags.restartDelayMs !== undefined ? { restartDelayMs: () => flags.restartDelayMs! } : {}),
    onEntry: (entry, loop, slots) => progress.entry(entry, source(loop, slots)),
    onChange: (loop, slots) => progress.update(source(loop, slots)),
    onWarning: (message) => progress.message(io.stderr, `warning: ${message}\n`),
  });
  progress.finish(result);
  const name = result.job.metadata.name ?? '';
  if (flags.json) {
    const report = outcomeReport(name, result.outcome);
    io.stdout.write(
      `${JSON.stringify(
        {
          outcome: result.outcome,
          exitCode: report.code,
          elapsedMs: result.elapsedMs,
          job: result.job,
          pods: result.pods,
          events: result.events,
          timeline: result.timeline,
          logs: Object.fromEntries(result.logFiles),
        },
        null,
        2,
      )}\n`,
    );
    return report.code;
  }
  io.stdout.write(
    `\n${describeJob({ job: result.job, pods: result.pods, events: result.events, nowMs: result.startMs + result.elapsedMs, startMs: result.startMs })}\n`,
  );
  if (result.pods.length > 0) io.stdout.write(`Logs:                 ${shortPath(io.cwd, join(logsDir, name))}/<pod>/<container>.log\n`);
  const report = outcomeReport(name, result.outcome);
  if (flags.printLogs) {
    for (const pod of result.pods) {
      for (const file of result.logFiles.get(pod.metadata.name ?? '') ?? []) printLog(io, file);
    }
  } else if (report.code === ExitCode.Ok) {
    // Like `kubectl logs job/NAME`: the output of one succeeded pod, so a Job's result shows.
    const pod = result.pods.find((p) => p.status?.phase === 'Succeeded');
    const files = pod ? (result.logFiles.get(pod.metadata.name ?? '') ?? []) : [];
    for (const file of files) printLog(io, file, DefaultLogTailBytes);
    if (files.length > 0 && result.pods.length > 1) io.stdout.write('(one succeeded pod shown; --logs prints every pod)\n');
  }
  io.stdout.write('\n');
  const out = report.code === ExitCode.Ok ? io.stdout : io.stderr;
  for (const line of report.lines) out.write(`${line}\n`);
  return report.code;
}

/** How much of a log the default summary shows (its end, like `kubectl logs --limit-bytes`). */
const DefaultLogTailBytes = 16 * 1024;

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
function shortPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
