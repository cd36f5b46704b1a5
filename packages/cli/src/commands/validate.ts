// `jobkit validate JOB.yaml`: the API server's create validation for every Job in the file, each
// reported as kubectl reports the API server's answer; documents of other kinds are skipped.
import type { FieldValidation } from '@jobkit/api';
import { formatInvalidJob } from '../fieldErrors.js';
import { ExitCode, type Io } from '../io.js';
import { noJobError, notDecodedError, readJobDocuments, reportNotes } from '../manifest.js';
import { checkJobNamed } from '../prepare.js';

export function validateCommand(path: string, io: Io, fieldValidation: FieldValidation = 'Strict'): number {
  const docs = readJobDocuments(path, fieldValidation);
  const warn = (line: string): void => void io.stderr.write(`${line}\n`);
  let code: number = ExitCode.Ok;
  for (const doc of docs) {
    reportNotes(doc, warn);
    if (doc.kind === 'Skipped') continue;
    if (doc.kind === 'NotDecoded') {
      // As a 400 Bad Request: the Job is not validated; the other documents still are.
      const e = notDecodedError(doc);
      io.stderr.write(`jobkit: ${e.message}\n${e.details.map((d) => `  ${d}\n`).join('')}`);
      code = ExitCode.BadInput;
      continue;
    }
    const { name, errors } = checkJobNamed(doc.job);
    if (errors.length === 0) {
      io.stdout.write(`job ${doc.job.metadata.name ?? name}: valid\n`);
    } else {
      io.stderr.write(formatInvalidJob(name, errors));
      code = ExitCode.BadInput;
    }
  }
  if (docs.every((d) => d.kind === 'Skipped')) throw noJobError(path, docs);
  return code;
}
