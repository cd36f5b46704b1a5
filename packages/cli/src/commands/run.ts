// `jobkit run JOB.yaml`: the Job on this machine, pods as local processes.
import { isAbsolute, join } from 'node:path';
import type { FieldValidation } from '@jobkit/api';
import type { Controller } from '@jobkit/loop';
import { describeJob } from '../present/describe.js';
import { printOutput, type OutputFormat } from '../present/printers.js';
import { defaultMaxProcesses, runJob } from '@jobkit/runner';
import { ExitCode, type Io } from '../io.js';
import { loadJob } from '../manifest.js';
import { outcomeReport } from '../outcome.js';
import { loadOptions, reportRejected } from '../prepare.js';
import { Progress } from '../progress.js';
import { printRunLogs } from '../runLogs.js';

export interface RunFlags {
  readonly logsDir?: string;
  readonly printLogs: boolean;
  readonly verbose: boolean;
  readonly name?: string;
  readonly restartDelayMs?: number;
  /** At most this many pods at once (default: defaultMaxProcesses()). */
  readonly maxProcesses?: number;
  /** -o: the result as a document (json, yaml) or the Job as kubectl prints it (name, wide), instead of progress and summary. */
  readonly output?: OutputFormat;
  /** Unknown fields (kubectl's --validate): strict when not said. */
  readonly fieldValidation?: FieldValidation;
}

export async function runCommand(path: string, flags: RunFlags, controller: Controller, io: Io): Promise<number> {
  const job = loadJob(path, flags.name, loadOptions(flags.fieldValidation, io));
  if (reportRejected(job, io)) return ExitCode.BadInput;
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
  // With -o, progress goes nowhere so stdout carries only what -o asked for.
  const progress = new Progress(flags.output !== undefined ? { write: () => undefined } : io.stdout, flags.verbose);
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
  if (flags.output !== undefined) {
    const report = outcomeReport(name, result.outcome);
    const document = {
      outcome: result.outcome,
      exitCode: report.code,
      elapsedMs: result.elapsedMs,
      job: result.job,
      pods: result.pods,
      events: result.events,
      timeline: result.timeline,
      logs: Object.fromEntries(result.logFiles),
    };
    io.stdout.write(printOutput(flags.output, result.job, document, result.startMs + result.elapsedMs));
    // stdout is the document alone; why a Job did not complete goes beside it.
    if (report.code !== ExitCode.Ok) for (const line of report.lines) io.stderr.write(`${line}\n`);
    return report.code;
  }
  io.stdout.write(
    `\n${describeJob({ job: result.job, pods: result.pods, events: result.events, nowMs: result.startMs + result.elapsedMs, startMs: result.startMs })}\n`,
  );
  const report = outcomeReport(name, result.outcome);
  printRunLogs(io, result, { printLogs: flags.printLogs, completed: report.code === ExitCode.Ok });
  io.stdout.write('\n');
  const out = report.code === ExitCode.Ok ? io.stdout : io.stderr;
  for (const line of report.lines) out.write(`${line}\n`);
  return report.code;
}
