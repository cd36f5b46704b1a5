// `jobkit simulate JOB.yaml --script OUTCOMES.yaml [-o FORMAT]`: the Job in virtual time.
import { parseScript, simulate, type Script } from '@jobkit/sim';
import type { FieldValidation } from '@jobkit/api';
import { type Controller } from '@jobkit/loop';
import { describeJob } from '../present/describe.js';
import { printOutput, type OutputFormat } from '../present/printers.js';
import { renderTimeline } from '../present/timeline.js';
import { ExitCode, type Io } from '../io.js';
import { InputError, loadJob, readDocuments } from '../manifest.js';
import { outcomeReport } from '../outcome.js';
import { loadOptions, reportRejected } from '../prepare.js';

export interface SimulateFlags {
  readonly script?: string;
  /** -o: the simulation as a document (json, yaml) or the Job as kubectl prints it (name, wide); default the timeline and describe. */
  readonly output?: OutputFormat;
  readonly name?: string;
  /** Unknown fields (kubectl's --validate): strict when not said. */
  readonly fieldValidation?: FieldValidation;
}

export function loadScript(path: string | undefined): Script {
  if (path === undefined) {
    const r = parseScript(undefined);
    if (r.ok) return r.script;
  }
  const docs = readDocuments(path!);
  if (docs.length > 1) throw new InputError(`${path}: expected one document, found ${docs.length}`);
  const r = parseScript(docs[0]);
  if (!r.ok)
    throw new InputError(
      `${path}: invalid script`,
      r.errors.map((e) => `${e.field}: ${e.detail}`),
    );
  return r.script;
}

export function simulateCommand(path: string, flags: SimulateFlags, controller: Controller, io: Io): number {
  const job = loadJob(path, flags.name, loadOptions(flags.fieldValidation, io));
  const script = loadScript(flags.script);
  if (reportRejected(job, io)) return ExitCode.BadInput;
  const result = simulate(job, script, { controller });
  const name = result.job.metadata.name ?? '';
  const report = outcomeReport(name, result.outcome);
  const start = Date.parse(result.job.metadata.creationTimestamp ?? '') || 0;
  if (flags.output !== undefined) {
    const document = {
      outcome: result.outcome,
      exitCode: report.code,
      elapsedMs: result.elapsedMs,
      syncs: result.syncs,
      job: result.job,
      pods: result.pods,
      events: result.events,
      timeline: result.timeline,
    };
    io.stdout.write(printOutput(flags.output, result.job, document, start + result.elapsedMs));
    // stdout is the document alone; why a Job did not complete goes beside it.
    if (report.code !== ExitCode.Ok) for (const line of report.lines) io.stderr.write(`${line}\n`);
    return report.code;
  }
  io.stdout.write(`Simulating Job ${name} in virtual time (start ${result.job.metadata.creationTimestamp}):\n`);
  io.stdout.write(`${renderTimeline(result.timeline)}\n\n`);
  io.stdout.write(`${describeJob({ job: result.job, pods: result.pods, events: result.events, nowMs: start + result.elapsedMs, startMs: start })}\n\n`);
  const out = report.code === ExitCode.Ok ? io.stdout : io.stderr;
  for (const line of report.lines) out.write(`${line}\n`);
  return report.code;
}
