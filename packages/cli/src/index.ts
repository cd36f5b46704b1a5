// @jobkit/cli: The jobkit command: run, simulate, validate, explain
export { main, usage } from './cli.js';
export { ExitCode, type Io, type Output } from './io.js';
export { parseArgs, UsageError, type ParsedArgs } from './args.js';
export { readDocuments, parseDocuments, loadJob, loadJobs, loadPods, InputError } from './manifest.js';
