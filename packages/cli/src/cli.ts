// The `jobkit` command: parses arguments, runs one command, maps every failure to a message and
// an exit status (0 ok, 1 Job failed, 2 bad input, 3 jobkit bug).
import { defaultMaxProcesses } from '@jobkit/runner';
import { defaultController, parseDuration, type Controller } from '@jobkit/sim';
import { parseArgs, positiveIntegerFlag, stringFlag, UsageError } from './args.js';
import { explainCommand } from './commands/explain.js';
import { runCommand } from './commands/run.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { ExitCode, type Io } from './io.js';
import { InputError } from './manifest.js';

export const usage = `jobkit: the Kubernetes Job controller's decisions, locally

Usage:
  jobkit run JOB.yaml [--logs] [--logs-dir DIR] [--verbose] [--json] [--name NAME] [--restart-delay D]
                      [--max-processes N]
      Run the Job here: pods are local processes (images are not pulled), the controller is
      the real reconcile pass with the wall clock. Logs go to ./jobkit-logs/<job>/<pod>/<container>.log;
      a completed Job shows one succeeded pod's output, --logs prints every pod's.
      At most N pods run at once (default ${defaultMaxProcesses()} here: 4 per CPU, 4 to 32); the others stay
      Pending until a slot frees. No pod process outlives the run (Ctrl-C, SIGTERM, SIGHUP, the
      parent exiting, even SIGKILL: a watchdog process stops them).
  jobkit simulate JOB.yaml [--script OUTCOMES.yaml] [--json] [--name NAME]
      Run the Job in virtual time with scripted pod outcomes; prints the controller's timeline.
  jobkit validate JOB.yaml
      Check every Job in the file as the API server would on create.
  jobkit explain --job JOB.json [--pods PODS.json] [--now TIME] [--fresh-controller]
      One reconcile pass over objects from a cluster (kubectl get job X -o json,
      kubectl get pods -o json): the actions it would take and why. The pod-recreation
      back-off is rebuilt from the counted pods (--fresh-controller: none, as after a restart).
  jobkit help | --help

Manifests may be YAML (several documents) or JSON; "-" reads standard input.
Exit status: 0 Job completed (or valid, or suspended), 1 Job failed, 2 bad input, 3 jobkit bug.
`;

const valueFlags = new Set(['script', 'logs-dir', 'name', 'job', 'pods', 'now', 'restart-delay', 'max-processes']);
const switches = new Set(['json', 'logs', 'help', 'verbose', 'fresh-controller']);

const allowed: Record<string, ReadonlySet<string>> = {
  run: new Set(['logs', 'logs-dir', 'verbose', 'name', 'restart-delay', 'max-processes', 'json', 'help']),
  simulate: new Set(['script', 'json', 'name', 'help']),
  validate: new Set(['help']),
  explain: new Set(['job', 'pods', 'now', 'fresh-controller', 'help']),
};

export async function main(argv: readonly string[], io: Io, controller: Controller = defaultController): Promise<number> {
  try {
    const args = parseArgs(argv, valueFlags, switches);
    if (args.command === undefined || args.command === 'help') {
      (args.command === undefined && !args.flags.has('help') ? io.stderr : io.stdout).write(usage);
      return args.command === undefined && !args.flags.has('help') ? ExitCode.BadInput : ExitCode.Ok;
    }
    const permitted = allowed[args.command];
    if (permitted === undefined) throw new UsageError(`unknown command "${args.command}"`);
    if (args.flags.has('help')) {
      io.stdout.write(usage);
      return ExitCode.Ok;
    }
    for (const flag of args.flags.keys()) {
      if (!permitted.has(flag)) throw new UsageError(`${args.command} does not take --${flag}`);
    }
    const file = (): string => {
      if (args.positionals.length !== 1) throw new UsageError(`${args.command} takes one manifest file, got ${args.positionals.length}`);
      return args.positionals[0]!;
    };
    switch (args.command) {
      case 'validate':
        return validateCommand(file(), io);
      case 'simulate':
        return simulateCommand(file(), { script: stringFlag(args, 'script'), json: args.flags.has('json'), name: stringFlag(args, 'name') }, controller, io);
      case 'run': {
        const delay = stringFlag(args, 'restart-delay');
        const restartDelayMs = delay === undefined ? undefined : parseDuration(delay);
        if (delay !== undefined && restartDelayMs === undefined) throw new UsageError(`--restart-delay ${delay}: expected a duration such as 1s`);
        const maxProcesses = positiveIntegerFlag(args, 'max-processes');
        return await runCommand(file(), {
          logsDir: stringFlag(args, 'logs-dir'),
          printLogs: args.flags.has('logs'),
          verbose: args.flags.has('verbose'),
          name: stringFlag(args, 'name'),
          restartDelayMs,
          ...(maxProcesses !== undefined ? { maxProcesses } : {}),
          json: args.flags.has('json'),
        }, controller, io);
      }
      case 'explain': {
        const job = stringFlag(args, 'job') ?? args.positionals[0];
        if (job === undefined) throw new UsageError('explain needs --job JOB.json');
        return explainCommand({ job, pods: stringFlag(args, 'pods'), now: stringFlag(args, 'now'), freshController: args.flags.has('fresh-controller') }, controller, io);
      }
    }
    throw new UsageError(`unknown command "${args.command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`jobkit: ${error.message}\n\n${usage}`);
      return ExitCode.BadInput;
    }
    if (error instanceof InputError) {
      io.stderr.write(`jobkit: ${error.message}\n${error.details.map((d) => `  ${d}\n`).join('')}`);
      return ExitCode.BadInput;
    }
    io.stderr.write(`jobkit: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return ExitCode.Bug;
  }
}
