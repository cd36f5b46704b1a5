// `jobkit validate JOB.yaml`: the API server's create validation for every Job in the file.
import { formatFieldError } from '../fieldErrors.js';
import { ExitCode, type Io } from '../io.js';
import { loadJobs } from '../manifest.js';
import { checkJob } from '../prepare.js';

export function validateCommand(path: string, io: Io): number {
  const jobs = loadJobs(path);
  let code: number = ExitCode.Ok;
  for (const job of jobs) {
    const name = job.metadata.name ?? '<no name>';
    const errors = checkJob(job);
    if (errors.length === 0) {
      io.stdout.write(`job ${name}: valid\n`);
    } else {
      code = ExitCode.BadInput;
      io.stdout.write(`job ${name}: ${errors.length} error${errors.length === 1 ? '' : 's'}\n`);
      for (const e of errors) io.stdout.write(`  ${formatFieldError(e)}\n`);
    }
  }
  return code;
}
