// The decoding boundary: untrusted JSON (or @kubernetes/client-node objects) in, typed plain
// data out, never an exception. Mirrors what the API machinery's JSON serializer accepts.
import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Job, Pod } from './types.js';
import type { Json } from './internal/json.js';
import { rootContext } from './internal/failure.js';
import { JobCodec } from './job.js';
import { PodCodec } from './pod.js';
import { JobListCodec, PodListCodec, type JobList, type PodList } from './list.js';
import { formatDecodeErrors, MaxReportedErrors } from './reporter.js';
import { type FieldValidation, unknownFieldMessage, unknownJobFields } from './unknownFields.js';

/**
 * Outcome of a throwing-free decode. `warnings` (present only when non-empty) lists unknown
 * fields (parseJob, see {@link ParseOptions}) and keys that were dropped on purpose, as the API
 * server drops unknown fields: `__proto__` holding an object or null, `constructor` /
 * `prototype` holding an object (the shapes of prototype pollution).
 * Keys holding strings are kept, `__proto__` too (as an own property), so that validation sees
 * and rejects `metadata.labels[__proto__]` as the API server does. A string longer than
 * MaxRequestBytes (3 MiB) is an error: no request to the API server can carry one.
 */
export type DecodeResult<T> =
  { readonly ok: true; readonly value: T; readonly warnings?: readonly string[] } | { readonly ok: false; readonly errors: readonly string[] };

function safeMessage(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    return 'an unprintable exception';
  }
}

function run<A>(codec: t.Type<A, unknown, unknown>, input: unknown, dropped?: string[]): E.Either<t.Errors, A> {
  const c = rootContext(codec, input, dropped);
  try {
    return codec.validate(input, c);
  } catch (e) {
    // Getters, proxies or exotic objects in client-supplied input may throw; report, never rethrow.
    return E.left([{ value: input, context: c, message: `could not be decoded (${safeMessage(e)})` }]);
  }
}

function result<A>(codec: t.Type<A, unknown, unknown>, input: unknown): DecodeResult<A> {
  const dropped: string[] = [];
  const r = run(codec, input, dropped);
  if (E.isLeft(r)) return { ok: false, errors: formatDecodeErrors(r.left) };
  return dropped.length > 0 ? { ok: true, value: r.right, warnings: dropped.map((p) => `${p}: key dropped`) } : { ok: true, value: r.right };
}

/** Decodes a batch/v1 Job (JSON or a client-node V1Job); Left holds io-ts errors with paths. */
export function decodeJob(input: unknown): E.Either<t.Errors, Job> {
  return run(JobCodec, input);
}

/** Decodes a v1 Pod (JSON or a client-node V1Pod). */
export function decodePod(input: unknown): E.Either<t.Errors, Pod> {
  return run(PodCodec, input);
}

/** Decodes a JobList or `kind: List` of Jobs. */
export function decodeJobList(input: unknown): E.Either<t.Errors, JobList> {
  return run(JobListCodec, input);
}

/** Decodes a PodList or `kind: List` of Pods. */
export function decodePodList(input: unknown): E.Either<t.Errors, PodList> {
  return run(PodListCodec, input);
}

/**
 * How parseJob treats keys that batch/v1 Job has no field for (`spec.completionz`, a typo at any
 * depth of the pod template), as the API server's `fieldValidation` parameter does:
 * - `'Warn'` (the API server's default): decoded, each listed in `warnings` as
 *   `unknown field "spec.completionz"`;
 * - `'Strict'` (what kubectl asks for by default, `--validate=strict`): each is an error with
 *   that wording;
 * - `'Ignore'`: nothing said.
 * The key stays in the decoded value either way (decode → encode gives the input back); the
 * controller never reads it.
 * @category Decoding
 */
export interface ParseOptions {
  readonly fieldValidation?: FieldValidation;
}

/**
 * Decodes a Job into `{ ok: true, value }` or `{ ok: false, errors }` with readable lines such as
 * `spec.completions: expected an integer, got "3" (a string)` or `unknown field "spec.completionz"`.
 * Types are checked as Go decodes them, ranges are validateJob's (`completions: -1` decodes).
 * Unknown fields are warnings unless `options.fieldValidation` says otherwise ({@link ParseOptions}).
 * @example
 * const r = parseJob(JSON.parse(text), { fieldValidation: 'Strict' });
 * if (!r.ok) console.error(r.errors.join('\n'));
 */
export function parseJob(input: unknown, options?: ParseOptions): DecodeResult<Job> {
  const decoded = result(JobCodec, input);
  const mode = options?.fieldValidation ?? 'Warn';
  if (mode === 'Ignore') return decoded;
  const unknown = unknownJobFields(input);
  if (mode === 'Strict') {
    if (unknown.length === 0) return decoded;
    return { ok: false, errors: [...(decoded.ok ? [] : decoded.errors), ...unknownFieldLines(unknown)] };
  }
  if (!decoded.ok) return decoded;
  // Warn: a key that decoding dropped (`__proto__: {}`) is listed as dropped already.
  const dropped = new Set((decoded.warnings ?? []).map((w) => w.slice(0, -': key dropped'.length)));
  const fresh = unknown.filter((p) => !dropped.has(p));
  return fresh.length === 0 ? decoded : { ok: true, value: decoded.value, warnings: [...unknownFieldLines(fresh), ...(decoded.warnings ?? [])] };
}

/** `unknown field "..."` per path, at most MaxReportedErrors lines and a count. */
function unknownFieldLines(paths: readonly string[]): string[] {
  const lines = paths.slice(0, MaxReportedErrors).map(unknownFieldMessage);
  if (paths.length > MaxReportedErrors) lines.push(`... and ${paths.length - MaxReportedErrors} more unknown fields`);
  return lines;
}

/** Decodes a Pod into a DecodeResult (see parseJob). */
export function parsePod(input: unknown): DecodeResult<Pod> {
  return result(PodCodec, input);
}

/** Decodes a JobList / List of Jobs into a DecodeResult. */
export function parseJobList(input: unknown): DecodeResult<JobList> {
  return result(JobListCodec, input);
}

/** Decodes a PodList / List of Pods into a DecodeResult. */
export function parsePodList(input: unknown): DecodeResult<PodList> {
  return result(PodListCodec, input);
}

/** A JSON object, the output of the encoders. */
export type JsonObject = { readonly [key: string]: Json };

/** The Job as plain JSON; for a decoded Job it is the input JSON again (nulls and all). */
export function encodeJob(job: Job): JsonObject {
  return JobCodec.encode(job) as JsonObject;
}

/** The Pod as plain JSON; for a decoded Pod it is the input JSON again. */
export function encodePod(pod: Pod): JsonObject {
  return PodCodec.encode(pod) as JsonObject;
}

/** The list as plain JSON. */
export function encodeJobList(list: JobList): JsonObject {
  return JobListCodec.encode(list) as JsonObject;
}

/** The list as plain JSON. */
export function encodePodList(list: PodList): JsonObject {
  return PodListCodec.encode(list) as JsonObject;
}
