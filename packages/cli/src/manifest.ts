// Reading manifests and scripts: YAML (several documents per file) or JSON, with errors that
// name the file and what is wrong, never a stack trace.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { parseJob, parsePod, type FieldValidation, type Job, type Pod } from '@jobkit/api';

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
  return docs.flatMap((d) => (isList(d) ? d['items'] : [d]));
}

function isList(d: unknown): d is Record<string, unknown> & { items: unknown[] } {
  return isRecord(d) && Array.isArray(d['items']) && typeof d['kind'] === 'string' && d['kind'].endsWith('List');
}

/** Each document of a manifest (the items of a List one by one), with where it stands in the file. */
function located(path: string, docs: readonly unknown[]): Array<{ readonly where: string; readonly value: unknown }> {
  const out: Array<{ where: string; value: unknown }> = [];
  const several = docs.length > 1;
  docs.forEach((doc, i) => {
    const at = several ? `document ${i + 1}` : '';
    if (isList(doc)) {
      doc.items.forEach((item, j) => out.push({ where: `${path} (${at === '' ? '' : `${at}, `}item ${j + 1})`, value: item }));
    } else out.push({ where: at === '' ? path : `${path} (${at})`, value: doc });
  });
  return out;
}

/**
 * One document of a manifest file as the commands see it: a Job (with the warnings decoding
 * gave, e.g. unknown fields under --validate=warn), a Job that does not decode (the API server
 * would answer 400 Bad Request), or a document of another kind, skipped.
 */
export type ManifestDocument =
  | { readonly kind: 'Job'; readonly where: string; readonly job: Job; readonly warnings: readonly string[] }
  | { readonly kind: 'NotDecoded'; readonly where: string; readonly errors: readonly string[] }
  | { readonly kind: 'Skipped'; readonly where: string; readonly note: string };

/** How unknown fields are treated (kubectl's --validate); strict when not said. */
export interface LoadOptions {
  readonly fieldValidation?: FieldValidation;
  /** Warnings (`Warning: unknown field "..."`) and notes (a skipped ConfigMap) go here. */
  readonly warn?: (line: string) => void;
}

/**
 * Every document of a file, in order. Documents of another kind (a ConfigMap or Service next to
 * the Job, as `kubectl apply -f` files often hold) are Skipped with a note; a document without
 * `kind` is taken as a Job. A file without any document is an InputError.
 */
export function readJobDocuments(path: string, fieldValidation: FieldValidation = 'Strict'): ManifestDocument[] {
  const docs = located(path, readDocuments(path));
  if (docs.length === 0) throw new InputError(`${path}: no documents; expected a batch/v1 Job`);
  return docs.map(({ where, value }): ManifestDocument => {
    if (!isRecord(value)) {
      return {
        kind: 'NotDecoded',
        where,
        errors: [`expected a mapping (a batch/v1 Job), got ${Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value}`],
      };
    }
    const kind = value['kind'];
    if (kind !== undefined && kind !== 'Job') {
      const name = isRecord(value['metadata']) ? value['metadata']['name'] : undefined;
      const what = `${typeof kind === 'string' ? kind : JSON.stringify(kind)}${typeof name === 'string' ? ` ${JSON.stringify(name)}` : ''}`;
      return { kind: 'Skipped', where, note: `${where}: ${what} is not a Job, skipped` };
    }
    const result = parseJob(value, { fieldValidation });
    return result.ok ? { kind: 'Job', where, job: result.value, warnings: result.warnings ?? [] } : { kind: 'NotDecoded', where, errors: result.errors };
  });
}

/**
 * The error for a Job that does not decode, in kubectl's words for the API server's 400
 * answer: `Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field
 * "spec.completionz"` (only unknown fields: one line, as kubectl prints it), else the decode
 * errors one per line.
 */
export function notDecodedError(doc: { readonly where: string; readonly errors: readonly string[] }): InputError {
  const head = `${doc.where}: Job in version "v1" cannot be handled as a Job:`;
  if (doc.errors.length > 0 && doc.errors.every(isUnknownFieldLine)) {
    return new InputError(`${head} strict decoding error: ${doc.errors.join(', ')}`, ['(with --validate=warn unknown fields are only warned about)']);
  }
  return new InputError(head, doc.errors);
}

const isUnknownFieldLine = (line: string): boolean => line.startsWith('unknown field "') || /^\.\.\. and \d+ more unknown fields$/.test(line);

/** What a document's warnings and notes look like on stderr (kubectl prints `Warning: ...`). */
export function reportNotes(doc: ManifestDocument, warn: (line: string) => void): void {
  if (doc.kind === 'Skipped') warn(`note: ${doc.note}`);
  if (doc.kind === 'Job') for (const w of doc.warnings) warn(`Warning: ${w}`);
}

/**
 * The Jobs in a file, decoded. Documents of other kinds are skipped with a note; a Job that
 * does not decode is an InputError; a file without a Job is one too.
 */
export function loadJobs(path: string, options: LoadOptions = {}): Job[] {
  const docs = readJobDocuments(path, options.fieldValidation);
  const jobs: Job[] = [];
  for (const doc of docs) {
    if (doc.kind === 'NotDecoded') throw notDecodedError(doc);
    if (options.warn) reportNotes(doc, options.warn);
    if (doc.kind === 'Job') jobs.push(doc.job);
  }
  if (jobs.length === 0) throw noJobError(path, docs);
  return jobs;
}

/** A file whose documents are all of other kinds. */
export function noJobError(path: string, docs: readonly ManifestDocument[]): InputError {
  return new InputError(`${path}: no Job in it (${docs.length} document${docs.length === 1 ? '' : 's'} of other kinds skipped)`);
}

/** One Job from a file; with several, `name` picks one. */
export function loadJob(path: string, name?: string, options: LoadOptions = {}): Job {
  const jobs = loadJobs(path, options);
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
