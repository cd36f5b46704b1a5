// Reading manifests and scripts: YAML (several documents per file) or JSON, with errors that
// name the file and what is wrong, never a stack trace.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { parseJob, parsePod, type Job, type Pod } from '@jobkit/api';

export class InputError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Every document of a YAML or JSON file ("-" is standard input) as plain data; empty documents are skipped. */
export function readDocuments(path: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, expected a YAML or JSON file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read: ${(error as Error).message}`);
  }
  return parseDocuments(text, path);
}

/** Aliases a document may expand (yaml's own default): more is an alias bomb ("billion laughs"). */
const MaxAliasCount = 100;

export function parseDocuments(text: string, path: string): unknown[] {
  const documents = yamlStep(path, () => parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true }));
  const docs = Array.isArray(documents) ? documents : [documents];
  const values: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const where = first.linePos?.[0] ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : '';
      throw new InputError(`${path}: invalid YAML${where}: ${first.message.split('\n')[0]}`);
    }
    const value: unknown = yamlStep(path, () => doc.toJS({ maxAliasCount: MaxAliasCount }));
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/**
 * Runs one step of the yaml library. What it throws on hostile text is the input's fault, not a
 * bug of ours: an alias bomb (ReferenceError "Excessive alias count") or nesting deep enough to
 * overflow the stack (RangeError) become an InputError (exit 2).
 */
function yamlStep<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new InputError(`${path}: invalid YAML: too many aliases (more than ${MaxAliasCount} expansions; an alias bomb?)`);
    }
    if (error instanceof RangeError) throw new InputError(`${path}: invalid YAML: nested too deeply`);
    throw error;
  }
}

/** Items of `kind: List`-style documents (JobList, PodList, List) flattened. */
function flatten(docs: readonly unknown[]): unknown[] {
  return docs.flatMap((d) => (isRecord(d) && Array.isArray(d['items']) && typeof d['kind'] === 'string' && d['kind'].endsWith('List') ? d['items'] : [d]));
}

/** The Jobs in a file, decoded. Documents of other kinds are an error naming them. */
export function loadJobs(path: string): Job[] {
  const docs = flatten(readDocuments(path));
  if (docs.length === 0) throw new InputError(`${path}: no documents; expected a batch/v1 Job`);
  const jobs: Job[] = [];
  docs.forEach((doc, i) => {
    const where = docs.length > 1 ? `${path} (document ${i + 1})` : path;
    if (!isRecord(doc)) throw new InputError(`${where}: expected a mapping (a batch/v1 Job), got ${Array.isArray(doc) ? 'a list' : typeof doc}`);
    const kind = doc['kind'];
    if (kind !== undefined && kind !== 'Job') throw new InputError(`${where}: kind ${String(kind)} is not a Job`);
    const result = parseJob(doc);
    if (!result.ok) throw new InputError(`${where}: not a valid Job`, result.errors);
    jobs.push(result.value);
  });
  return jobs;
}

/** One Job from a file; with several, `name` picks one. */
export function loadJob(path: string, name?: string): Job {
  const jobs = loadJobs(path);
  if (name !== undefined) {
    const job = jobs.find((j) => j.metadata.name === name);
    if (job === undefined) throw new InputError(`${path}: no Job named ${name} (found ${jobs.map((j) => j.metadata.name).join(', ')})`);
    return job;
  }
  if (jobs.length > 1) throw new InputError(`${path}: holds ${jobs.length} Jobs (${jobs.map((j) => j.metadata.name).join(', ')}); pick one with --name`);
  return jobs[0]!;
}

/** Pods from a PodList, a List, single Pods or several documents. */
export function loadPods(path: string): Pod[] {
  return flatten(readDocuments(path)).map((doc, i) => {
    if (isRecord(doc) && doc['kind'] !== undefined && doc['kind'] !== 'Pod')
      throw new InputError(`${path}: item ${i + 1} is a ${String(doc['kind'])}, not a Pod`);
    const result = parsePod(doc);
    if (!result.ok) throw new InputError(`${path}: item ${i + 1} is not a valid Pod`, result.errors);
    return result.value;
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
